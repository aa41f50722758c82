from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from apps.editorial.identity import site_url

from .sitemaps import index_elements


def sitemap_index(request, sitemaps, **kwargs):
    """Django's sitemap index, with its entries handed to the template as ready
    ``<sitemap>`` elements (apps.seo.sitemaps.index_elements)."""
    response = sitemap_views.index(request, sitemaps, **kwargs)
    response.context_data["sitemaps"] = index_elements(response.context_data["sitemaps"])
    return response


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
