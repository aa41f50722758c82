"""What the "Get help now" strip shows: the reader's own emergency number, or a neutral line.

The country comes from apps.referrals.country (Accept-Language only). The referral directory
marks services as featured for the strip and says where they serve; until it has any
for the reader's country, the strip shows the neutral line and a way to pick a country.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from apps.pagecache import generation
from apps.referrals.country import reader_country

# Entries of old versions are never read again; this only bounds how long they stay.
STRIP_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class HelpStrip:
    country: str | None = None
    country_name: str = ""
    contacts: list = field(default_factory=list)

    @property
    def help_url(self):
        url = reverse("referrals:index") if apps.is_installed("apps.referrals") else "/help/"
        return f"{url}?country={self.country}" if self.contacts else url


def help_strip(request):
    """The strip for the reader's country, built once per country and public change.

    Cached under the shell's version (Generation.shell, apps/pagecache/generation.py),
    which every change to a service, contact, area or the site settings changes, and
    nothing else: never stale, on any worker, and built once per change to what it shows,
    not after every edit to an article. Not stored during a draft preview, which shows
    the database with a draft applied under the live version.
    """
    country = strip_country(request)
    if not country:
        return HelpStrip()
    store = not getattr(request, "editorial_preview", None)
    return help_strip_for(country, generation.current(request).shell_key, store=store)


def help_strip_for(country, shell_key, store=True):
    """The strip for ``country`` under the shell ``shell_key``; ``store``: keep it."""
    if not country:
        return HelpStrip()
    key = f"help-strip:{shell_key}:{country}"
    strip = cache.get(key)
    if strip is None:
        strip = build_help_strip(country)
        if store:
            cache.set(key, strip, STRIP_CACHE_SECONDS)
    return strip


def strip_country(request):
    """The country whose strip this reader sees, or None (the neutral line)."""
    if not apps.is_installed("apps.referrals"):
        return None
    return reader_country(request)


def build_help_strip(country):
    from apps.referrals.codes import country_name  # noqa: PLC0415
    from apps.referrals.help_strip import featured_contacts  # noqa: PLC0415

    contacts = featured_contacts(country)
    if not contacts:
        return HelpStrip()
    return HelpStrip(
        country=country, country_name=country_name(country, in_sentence=True), contacts=contacts
    )
