from django.utils.functional import SimpleLazyObject

from apps.editorial.identity import site_url

from .help_strip import help_strip
from .models import SiteSettings


def site_shell(request):
    # Lazy: templates that show none of it (sitemaps, feeds) read nothing, not even
    # the generation the cached row is keyed by.
    site_settings = SimpleLazyObject(lambda: SiteSettings.current(request))
    return {
        "site_settings": site_settings,
        # Lazy: the query runs, and the page varies by Accept-Language, only when a
        # template renders the strip.
        "help_strip": SimpleLazyObject(lambda: help_strip(request)),
        "contact_email": SimpleLazyObject(lambda: site_settings.public_contact_email),
        # The printout's own address, on SITE_URL (the one source of the site's domain).
        "page_address": site_url(request.path),
    }
