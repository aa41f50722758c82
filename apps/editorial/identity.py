"""The site's own address, from one setting: ``SITE_URL``. (In editorial because every
content type's absolute address is built here and every app may import editorial.)

"View on site", the sitemap, the feed, canonical links and structured data all build
absolute addresses here, never from the request's Host header or a hand-edited Site
row. The Site row (which django.contrib.sitemaps, syndication and redirects read) is
kept in step with ``SITE_URL`` after every ``migrate``.
"""

from urllib.parse import urlsplit

from django.conf import settings

SITE_NAME = "Nightlight"


def site_url(path="/"):
    """``path`` as an absolute address on this site (absolute URLs pass through)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def site_domain():
    return urlsplit(settings.SITE_URL).netloc


def site_protocol():
    return urlsplit(settings.SITE_URL).scheme or "https"


def sync_site(apps=None, using="default"):
    """Give the current Site row the domain of ``SITE_URL``; safe to run any time."""
    if apps is None:
        from django.apps import apps
    Site = apps.get_model("sites", "Site")
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": SITE_NAME}
    )
    from django.contrib.sites.models import Site as CurrentSite

    CurrentSite.objects.clear_cache()
