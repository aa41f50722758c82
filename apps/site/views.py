from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .featured import featured_questions
from .models import SITE_SETTINGS_CACHE_KEY, SiteSettings


@require_safe
def home(request):
    return render(request, "site/home.html", {"featured": featured_questions()})


@require_safe
@cache_control(max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon is an SVG."""
    return redirect(static("favicon.svg"))


@require_safe
@cache_control(no_store=True)
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_safe
def security_txt(request):
    lines = [
        f"Contact: mailto:{settings.CONTACT_EMAIL}",
        "Expires: 2027-11-25T00:00:00Z",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
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
        "help_strip": None,
        "contact_email": settings.CONTACT_EMAIL,
    }
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render(context))
