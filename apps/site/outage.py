"""What readers get when the database cannot be reached.

A harm-reduction site must still show its crisis numbers when something breaks. An
unreachable database is an outage, not a bug: pages answer 503 with ``Retry-After``
(so browsers, crawlers and caches come back) from a page rendered without a single
query, and the API answers the same in JSON. Nothing is kept between requests, so the
first request after the database returns is served normally: no restart needed.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from .models import SITE_SETTINGS_CACHE_KEY, SiteSettings


def is_database_outage(error):
    # OperationalError covers a refused or dropped connection, a server shutting down
    # and a query cancelled by a timeout; InterfaceError a connection already closed.
    return isinstance(error, (OperationalError, InterfaceError))


def shell_without_database():
    """The public shell's context (help strip, footer) from the cache or the defaults."""
    site_settings = cache.get(SITE_SETTINGS_CACHE_KEY)
    if not isinstance(site_settings, SiteSettings):
        site_settings = SiteSettings()  # the default text carries the emergency numbers
    return {
        "site_settings": site_settings,
        "help_strip_contacts": [],
        "contact_email": site_settings.public_contact_email,
    }


def render_without_database(template_name, status):
    html = loader.get_template(template_name).render(shell_without_database())
    return HttpResponse(html, status=status)


def database_unavailable(request):
    from apps.referrals import api  # the API owns its JSON error shape

    if api.is_api_request(request):
        return api.unavailable()
    response = render_without_database("503.html", 503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
