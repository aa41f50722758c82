from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"


class StaffAdminConfig(AdminConfig):
    """django.contrib.admin with our sign-in (throttled, two-factor) as the default site,
    so `admin.site` everywhere is the same object and no URLconf changes."""

    default_site = "apps.accounts.sites.StaffAdminSite"
