from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from django.contrib.sites.admin import SiteAdmin
from django.contrib.sites.models import Site

from apps.editorial.admin_guards import StaffAdmin

from .models import FeaturedQuestion, SiteSettings

admin.site.site_header = "Nightlight editorial admin"
admin.site.site_title = "Nightlight admin"
admin.site.index_title = "Editorial desk"


@admin.register(SiteSettings)
class SiteSettingsAdmin(StaffAdmin, admin.ModelAdmin):
    fieldsets = [
        (
            "Get help now strip",
            {"fields": ["help_strip_heading", "help_strip_text", "emergency_numbers"]},
        ),
        ("Contact", {"fields": ["contact_email"]}),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


# Django's own admins, with the same no-lost-edits check as every other change form:
# the standing pages (About, Privacy…) are edited by more than one person.
class StandingPageAdmin(StaffAdmin, FlatPageAdmin):
    pass


class ProtectedRedirectAdmin(StaffAdmin, RedirectAdmin):
    pass


class ProtectedSiteAdmin(StaffAdmin, SiteAdmin):
    pass


class StaffUserAdmin(StaffAdmin, UserAdmin):
    edit_token_exclude = ("last_login",)  # signing in is not an edit


class RoleAdmin(StaffAdmin, GroupAdmin):
    pass


for model, model_admin in [
    (FlatPage, StandingPageAdmin),
    (Redirect, ProtectedRedirectAdmin),
    (Site, ProtectedSiteAdmin),
    (User, StaffUserAdmin),
    (Group, RoleAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(FeaturedQuestion)
class FeaturedQuestionAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ("article", "position", "is_public")
    list_editable = ("position",)
    list_select_related = ("article",)
    ordering = ("position", "id")
    autocomplete_fields = ("article",)
    search_fields = ("article__title",)

    @admin.display(boolean=True, description="On the home page now")
    def is_public(self, obj):
        return obj.article.is_public
