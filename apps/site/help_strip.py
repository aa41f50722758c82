"""What the "Get help now" strip shows: the reader's own emergency number, or a neutral line.

The country comes from apps.referrals.country (Accept-Language only). The referral directory
marks services as featured for the strip and says where they serve; until it has any
for the reader's country, the strip shows the neutral line and a way to pick a country.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse

from apps.referrals.country import reader_country


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
    if not apps.is_installed("apps.referrals"):
        return HelpStrip()
    from apps.referrals.codes import country_name  # noqa: PLC0415
    from apps.referrals.help_strip import featured_contacts  # noqa: PLC0415

    country = reader_country(request)
    contacts = featured_contacts(country)
    if not contacts:
        return HelpStrip()
    return HelpStrip(
        country=country, country_name=country_name(country, in_sentence=True), contacts=contacts
    )
