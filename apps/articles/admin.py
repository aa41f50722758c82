from django.contrib import admin

from apps.editorial.admin import PublishableAdmin

from .models import Article, FAQItem


class FAQItemInline(admin.StackedInline):
    model = FAQItem
    fields = ("order", "question", "answer")
    extra = 0
    min_num = 0
    ordering = ("order", "pk")


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ("title", "audience", *PublishableAdmin.review_list_display)
    list_filter = ("audience", *PublishableAdmin.list_filter)
    sortable_by = ("title", *PublishableAdmin.review_sortable_by)
    list_select_related = ("reviewed_by",)
    search_fields = ("title", "standfirst", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = (
        *PublishableAdmin.review_autocomplete_fields,
        "related_articles",
        "related_services",
    )
    inlines = (FAQItemInline,)
    fieldsets = [
        (None, {"fields": ["title", "slug", "audience", "standfirst", "key_points", "body"]}),
        ("Related content", {"fields": ["related_articles", "related_services"]}),
        *PublishableAdmin.publishing_fieldsets[:1],
        *PublishableAdmin.review_fieldsets,
        *PublishableAdmin.publishing_fieldsets[1:],
    ]
