import datetime
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from apps.editorial.identity import site_url
from apps.referrals import api

from .cache import cache_status
from .featured import featured_questions
from .outage import database_unavailable, is_database_outage, render_without_database


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
    """For load balancers: 503 when the database is unreachable (take this server out),
    200 "degraded" when only the cache is (keep serving, alert someone)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "unreachable"
    cache_state = cache_status(cache)
    if database != "ok":
        status = "unavailable"
    elif cache_state == "unreachable":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=503 if status == "unavailable" else 200,
    )


# RFC 9116 asks for an Expires under a year away; counted from today, it never lapses.
SECURITY_TXT_LIFETIME = datetime.timedelta(days=180)


@require_safe
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


# Error pages. None of them may touch the database (it may be why we are here), and
# under /api/ every error is JSON.


def bad_request(request, exception):
    if api.is_api_request(request):
        return api.error_response(400, "bad_request", "The request was malformed.")
    return render_without_database("400.html", 400)


def page_not_found(request, exception):
    if api.is_api_request(request):
        return api.error_response(404, "not_found", "There is no such endpoint.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls this while handling the exception, so sys.exc_info() names it: an
    # unreachable database raised outside a view (in a middleware) is still a 503.
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    if api.is_api_request(request):
        return api.server_error()
    return render_without_database("500.html", 500)
