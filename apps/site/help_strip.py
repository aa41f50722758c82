"""Where the "Get help now" strip finds its contacts.

The referral directory marks services as featured for the strip; until it has any,
the strip shows only the emergency text from SiteSettings. The context processor
passes the function itself so the query runs only when a template renders the strip.
"""

from django.apps import apps


def help_strip_contacts():
    if not apps.is_installed("apps.referrals"):
        return []
    from apps.referrals.help_strip import featured_contacts  # noqa: PLC0415

    return featured_contacts()
