from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from apps.editorial.identity import site_url


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /api/",
        f"Disallow: {reverse('search:search')}",
        f"Sitemap: {site_url(reverse('seo:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
