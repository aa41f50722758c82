from django.contrib import admin

from apps.editorial.admin_guards import StaffAdmin

from .models import SearchDocument, Synonym


@admin.register(Synonym)
class SynonymAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ["term", "canonical"]
    list_editable = ["canonical"]
    search_fields = ["term", "canonical"]
    list_per_page = 100


@admin.register(SearchDocument)
class SearchDocumentAdmin(StaffAdmin, admin.ModelAdmin):
    """Read-only view of the index, for checking why a page does or does not appear."""

    list_display = ["title", "kind", "status", "published_at", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["content_type"]
    readonly_fields = [f.name for f in SearchDocument._meta.fields if f.name != "search_vector"]
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
