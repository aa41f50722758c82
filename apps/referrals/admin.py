from django.contrib import admin, messages
from django.utils import timezone

from apps.editorial import workflow
from apps.editorial.admin import PublishableAdmin, check_filter
from apps.editorial.admin_guards import KnownValueFilter, StaffAdmin, StaffHistoryAdmin
from apps.editorial.draft_admin import WorkingDraftAdmin
from apps.editorial.models import Draft, Status

from .codes import COUNTRY_NAMES
from .models import (
    ContactPoint,
    Organization,
    ScheduleRule,
    Service,
    ServiceArea,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)


class ServiceInline(admin.TabularInline):
    model = Service
    fields = ("name", "slug", "status", "operating_status", "last_verified_on")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(WorkingDraftAdmin, StaffHistoryAdmin):
    """An organization's name, website and contacts reach readers on every service page,
    so a change waits as a working draft until someone else verifies it."""

    list_display = ("name", "website", "email", "pending_change")
    search_fields = ("name", "description")
    inlines = [ServiceInline]
    change_form_template = "admin/publishable/change_form.html"
    actions = ["verify_and_publish"]
    draft_change_form_note = (
        "Readers see this organization on its services' pages. Your changes wait as a "
        "working draft until someone else verifies and publishes them."
    )

    @admin.display(description="Change waiting")
    def pending_change(self, obj):
        return "Yes" if Draft.of(obj) else ""

    def has_verify_permission(self, request):
        # Whoever may verify a help service may verify its organization.
        return request.user.has_perm("referrals.review_service")

    @admin.action(description="Verify and publish the waiting changes", permissions=["verify"])
    def verify_and_publish(self, request, queryset):
        done = 0
        for organization in queryset:
            draft = Draft.of(organization)
            if draft is None:
                continue
            if draft.authors.filter(pk=request.user.pk).exists():
                self.message_user(
                    request,
                    f"{organization}: you changed it, so someone else must verify it.",
                    messages.ERROR,
                )
                continue
            done += bool(self.publish_draft(request, organization, draft))
        self.message_user(request, f"{done} organization(s) verified and published.")


class ContactInline(admin.TabularInline):
    model = ContactPoint
    fields = (
        "order",
        "kind",
        "value",
        "display",
        "label",
        "note",
        "last_status",
        "last_checked_at",
    )
    readonly_fields = ("last_status", "last_checked_at")
    extra = 0


class AreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0


class LanguageInline(admin.TabularInline):
    model = ServiceLanguage
    extra = 0


class ScheduleInline(admin.TabularInline):
    model = ScheduleRule
    fields = ("weekday", "opens", "closes", "note")
    extra = 0


class CountryFilter(KnownValueFilter):
    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return sorted(COUNTRY_NAMES.items(), key=lambda item: item[1])

    def filtered(self, request, queryset):
        return queryset.matching(country=self.value())


class CategoryFilter(KnownValueFilter):
    title = "category"
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return list(TaxonomyTerm.objects.values_list("code", "name"))

    def filtered(self, request, queryset):
        return queryset.matching(category=self.value())


# Generated from ServiceQuerySet.list_checks, like the dashboard's rows for services.
BrokenLinkFilter = check_filter("links", "links")
StaleFilter = check_filter("verified", "verification")


@admin.register(Service)
class ServiceAdmin(PublishableAdmin):
    list_display = (
        "name",
        "organization",
        "operating_status",
        "last_verified_on",
        "verified_by",
        "featured_in_help_strip",
        *PublishableAdmin.publishing_list_display,
    )
    list_filter = (
        "status",
        "operating_status",
        CategoryFilter,
        CountryFilter,
        BrokenLinkFilter,
        StaleFilter,
        "featured_in_help_strip",
    )
    list_select_related = ("organization", "verified_by")
    sortable_by = ("name", "last_verified_on", *PublishableAdmin.publishing_sortable_by)
    search_fields = ("name", "description", "organization__name", "contacts__value")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organization", *PublishableAdmin.autocomplete_fields)
    filter_horizontal = ("categories",)
    readonly_fields = (*PublishableAdmin.readonly_fields, "hsds_id", "verified_by")
    inlines = [ContactInline, ScheduleInline, AreaInline, LanguageInline]
    actions = ["mark_verified_today"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "organization", "description", "categories"]}),
        ("Status", {"fields": ["operating_status", "alert"]}),
        (
            "Who and what it costs",
            {
                "fields": [
                    "eligibility",
                    "is_free",
                    "fees_description",
                    "is_confidential",
                    "is_anonymous",
                    "interpretation_services",
                ]
            },
        ),
        ("Hours", {"fields": ["is_24_7", "time_zone", "hours_note"]}),
        ("Verification", {"fields": ["last_verified_on", "verified_by"]}),
        (
            '"Get help now" strip',
            {"fields": ["featured_in_help_strip", "help_strip_order", "help_strip_label"]},
        ),
        *PublishableAdmin.publishing_fieldsets,
        ("HSDS", {"classes": ["collapse"], "fields": ["hsds_id"]}),
    ]

    def save_related(self, request, form, formsets, change):
        # Contacts are inlines, so the model's substance check (which clears the flag
        # on a new verification date) cannot see them; flag their changes here.
        super().save_related(request, form, formsets, change)
        service = form.instance
        if (
            change
            and service.status == Status.PUBLISHED
            and service.last_verified_on
            and "last_verified_on" not in form.changed_data
            and not service.needs_review
            and _contacts_changed(formsets)
        ):
            service.needs_review = True
            Service.objects.filter(pk=service.pk).update(needs_review=True)

    @admin.action(description="Mark verified today", permissions=["review"])
    def mark_verified_today(self, request, queryset):
        # Saved one by one so each change lands in the history with its author.
        today = timezone.localdate()
        done = 0
        for service in queryset:
            if request.user.pk in workflow.change_authors(service):
                self.message_user(
                    request,
                    f"{service}: you changed it, so someone else must verify it.",
                    messages.ERROR,
                )
                continue
            done += 1
            service.last_verified_on = today
            service.verified_by = request.user
            service.needs_review = False
            service.version += 1
            service._change_reason = f"Verified by {request.user.get_username()}"
            service.save(
                update_fields=[
                    "last_verified_on",
                    "verified_by",
                    "needs_review",
                    "version",
                    "updated_at",
                ]
            )
        self.message_user(request, f"Marked {done} service(s) verified today.")


def _contacts_changed(formsets):
    return any(formset.model is ContactPoint and formset.has_changed() for formset in formsets)


@admin.register(Taxonomy)
class TaxonomyAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ("name", "version")
    search_fields = ("name",)


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ("name", "code", "taxonomy", "order")
    list_select_related = ("taxonomy",)
    search_fields = ("name", "code")
