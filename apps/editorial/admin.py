from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import Contributor, Source, Topic


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("due30", "Due within 30 days"),
            ("needs", "Needs review again"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.review_overdue()
            case "due30":
                return queryset.review_due_within(30)
            case "needs":
                return queryset.filter(needs_review=True)
        return queryset


class PublishableAdmin(SimpleHistoryAdmin):
    """Shared review columns, filters and fields for every content type's admin."""

    review_list_display = ("status", "published_at", "reviewed_by", "review_due")
    list_filter = ("status", ReviewOverdueFilter, "topics")
    list_select_related = ("reviewed_by",)
    autocomplete_fields = ("reviewed_by", "authors", "topics")
    date_hierarchy = "published_at"
    readonly_fields = ("version", "needs_review", "created_at", "updated_at")
    publishing_fieldsets = [
        ("Publishing", {"fields": ["status", "published_at", "topics", "authors"]}),
        (
            "Review",
            {
                "fields": [
                    "reviewed_by",
                    "last_reviewed_on",
                    "next_review_due",
                    "change_note",
                    "needs_review",
                ]
            },
        ),
        ("Search engines", {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
        ("Record", {"classes": ["collapse"], "fields": ["version", "created_at", "updated_at"]}),
    ]

    @admin.display(description="Review due", ordering="next_review_due")
    def review_due(self, obj):
        if not obj.next_review_due:
            return "—"
        if obj.next_review_due < timezone.localdate():
            return format_html('<strong class="overdue">Overdue: {}</strong>', obj.next_review_due)
        return obj.next_review_due

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sync_sources()


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "credentials")
    search_fields = ("name", "role", "credentials")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "year", "source_type", "doi", "pmid")
    list_filter = ("source_type", "year")
    search_fields = ("key", "title", "authors", "publisher", "doi", "pmid")
    fields = ("key", "title", "authors", "publisher", "year", "source_type", "url", "doi", "pmid")
