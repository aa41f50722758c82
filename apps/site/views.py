import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from apps.editorial.identity import site_url

from .models import SITE_SETTINGS_CACHE_KEY, SiteSettings


@require_GET
def home(request):
    return render(request, "site/home.html")


@require_GET
@cache_control(no_store=True)
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


# RFC 9116 asks for an Expires under a year away; counted from today, it never lapses.
SECURITY_TXT_LIFETIME = datetime.timedelta(days=180)


@require_GET
def security_txt(request):
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    lines = [
        f"Contact: mailto:{settings.CONTACT_EMAIL}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: en",
        f"Canonical: {site_url(reverse('site:security-txt'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page never touches the database: it may be why we are here."""
    try:
        site_settings = cache.get(SITE_SETTINGS_CACHE_KEY)
    except Exception:  # noqa: BLE001 - a broken cache must not hide the error page
        site_settings = None
    context = {
        "site_settings": site_settings or SiteSettings(),
        "help_strip_contacts": [],
        "contact_email": settings.CONTACT_EMAIL,
    }
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render(context))
