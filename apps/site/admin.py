from django.contrib import admin

from .models import SiteSettings

admin.site.site_header = "Nightlight editorial admin"
admin.site.site_title = "Nightlight admin"
admin.site.index_title = "Editorial desk"


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
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
