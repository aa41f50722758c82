from django.contrib import admin

from apps.editorial.admin import LargeTableAdmin
from apps.editorial.admin_guards import StaffAdmin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(LargeTableAdmin, StaffAdmin, admin.ModelAdmin):
    list_display = ("created_at", "page", "helpful", "short_message", "resolved", "resolved_by")
    list_filter = ("helpful", "resolved", "created_at")
    list_select_related = ("resolved_by",)
    search_fields = ("page", "message", "staff_note")
    sortable_by = ("created_at", "page")
    readonly_fields = (
        "page",
        "content_type",
        "object_id",
        "helpful",
        "message",
        "created_at",
        "resolved_by",
        "resolved_at",
    )
    fields = (*readonly_fields[:6], "resolved", "resolved_by", "resolved_at", "staff_note")
    actions = ["mark_resolved"]

    def has_add_permission(self, request):
        return False  # feedback comes from readers only

    @admin.display(description="Problem reported")
    def short_message(self, obj):
        return (obj.message[:80] + "…") if len(obj.message) > 80 else obj.message

    @admin.action(description="Mark selected resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = 0
        for item in queryset.filter(resolved=False):
            item.resolve(request.user)
            item.save(update_fields=["resolved", "resolved_by", "resolved_at"])
            self.log_change(request, item, "Marked resolved.")
            count += 1
        self.message_user(request, f"{count} feedback item(s) marked resolved.")

    def save_model(self, request, obj, form, change):
        if obj.resolved and not obj.resolved_at:
            obj.resolve(request.user)
        elif not obj.resolved:
            obj.resolved_by = obj.resolved_at = None
        super().save_model(request, obj, form, change)
