from django.conf import settings

from .help_strip import help_strip_contacts
from .models import SiteSettings


def site_shell(request):
    site_settings = SiteSettings.current()
    return {
        "site_settings": site_settings,
        "help_strip_contacts": help_strip_contacts,
        "contact_email": site_settings.contact_email or settings.CONTACT_EMAIL,
    }
