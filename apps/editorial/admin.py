import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME, ActionForm
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Subquery
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from . import drafts, workflow
from .admin_guards import KnownValueFilter, StaffAdmin, StaffHistoryAdmin
from .checks_admin import EditorChecksAdminMixin
from .draft_admin import WorkingDraftAdmin
from .identity import site_url
from .models import Contributor, Draft, MedicalReview, Source, Status, Topic
from .pagination import EstimatedCountPaginator


def check_filter(parameter, title):
    """An admin list filter offering the model's ListChecks for ``parameter``.

    The checks are declared on the queryset (PublishableQuerySet.list_checks); the
    dashboard counts the same ones, so a count and the list its link opens agree.
    """

    class CheckFilter(KnownValueFilter):
        def lookups(self, request, model_admin):
            checks = model_admin.model._default_manager.list_checks_for(parameter)
            return [(check.value, check.label) for check in checks]

        def filtered(self, request, queryset):
            for check in queryset.list_checks_for(parameter):
                if check.value == self.value():
                    return check.select(queryset)
            return queryset

    CheckFilter.title = title
    CheckFilter.parameter_name = parameter
    CheckFilter.__name__ = CheckFilter.__qualname__ = f"{parameter.title()}CheckFilter"
    return CheckFilter


ReviewOverdueFilter = check_filter("review", "review")
WorkflowFilter = check_filter("workflow", "workflow")


class TopicFilter(KnownValueFilter):
    """Items in a topic, as a semi-join (``pk IN (…)``).

    Django's filter for a many-to-many field joins the link table and then needs
    DISTINCT over every column to drop repeats, which at 100,000 rows costs more than
    the rest of the page together.
    """

    title = "topic"
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return list(Topic.objects.values_list("slug", "name"))

    def filtered(self, request, queryset):
        field = queryset.model._meta.get_field("topics")
        linked = field.remote_field.through.objects.filter(
            **{f"{field.m2m_reverse_field_name()}__slug": self.value()}
        ).values(field.m2m_field_name())
        return queryset.filter(pk__in=linked)


class WorkflowActionForm(ActionForm):
    note = forms.CharField(
        required=False,
        max_length=300,
        label="Note",
        help_text="The change note when approving; the reason when sending back.",
    )


class WorkflowForm(forms.ModelForm):
    """Mixed into every Publishable admin form: the role rules for status changes.

    ``workflow_user`` is set per request by PublishableAdmin.get_form. Checks run here
    so a hand-crafted POST meets exactly the rules the form shows. The edit-conflict
    check comes from NoLostEditsAdmin, like every other admin form.
    """

    workflow_user = None
    workflow_note = forms.CharField(
        label="Note for the team",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the history. When sending back, say what needs to change.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and self.workflow_user is not None:
            current = self._stored_status()
            allowed = workflow.allowed_statuses(self.workflow_user, self._meta.model, current)
            # Offer only what this person may choose; clean() still checks the POST.
            self.fields["status"].widget.choices = [
                choice for choice in self.fields["status"].choices if choice[0] in allowed
            ]

    def _stored(self):
        names = ["version", "status", "updated_at"]
        if self.instance.check_date_field:
            names.append(self.instance.check_date_field)
        queryset = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        return queryset.values(*names).first()

    def _stored_status(self):
        if not self.instance.pk:
            return Status.DRAFT
        stored = self._stored()
        return stored["status"] if stored else Status.DRAFT

    def clean(self):
        # The edit-conflict check (EditTokenForm, earlier in the MRO) locks the row first.
        cleaned = super().clean()
        self.stored = self._stored() if self.instance.pk else None
        current = self.stored["status"] if self.stored else Status.DRAFT
        target = cleaned.get("status", current)
        if target != current and target not in workflow.allowed_statuses(
            self.workflow_user, self._meta.model, current
        ):
            self.add_error("status" if "status" in self.fields else None, workflow.refusal(target))
        sending_back = target == Status.SENT_BACK and current != Status.SENT_BACK
        if sending_back and not cleaned.get("workflow_note"):
            self.add_error("workflow_note", "Say what needs to change before sending it back.")
        return cleaned


class LargeTableAdmin:
    """Mixed into the admin of tables that grow without bound (content, reader feedback).

    The changelist costs the same at 100,000 rows as at 100: one count per view (an
    estimate when unfiltered; Django's second, unfiltered count is off), no
    ``date_hierarchy`` (it scans the table for the dates it offers), and only columns
    an index can order are sortable (``sortable_by``; each subclass lists them). A column
    of a few values (status, yes/no) is left out even with an index: ordering by it
    then by id sorts most of the table; its list filter does that job.
    """

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # Rendering the rows is most of a changelist's cost once the queries are cheap.
    list_per_page = 50

    def action_checkbox(self, obj):
        """Each row's checkbox for the actions, as Django's own writes it.

        Django renders a CheckboxInput through the template engine for every row: 0.9 ms
        a row on the project's machine, a third of a 50-row changelist. The same markup
        written directly costs a few microseconds (a test compares the two).
        """
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )


class PublishableAdmin(
    EditorChecksAdminMixin, LargeTableAdmin, WorkingDraftAdmin, StaffHistoryAdmin
):
    """Shared review columns, filters and fields for every content type's admin.

    ``publishing_*`` apply to every content type; ``review_*`` add medical review
    (reviewer, dates, change note) for content types with MedicalReview.
    """

    publishing_list_display = ("status", "working_draft", "published_at", "needs_review")
    review_list_display = (
        "status",
        "working_draft",
        "published_at",
        "reviewed_by",
        "review_due",
        "needs_review",
    )
    # Every column here is backed by an index (Publishable, MedicalReview).
    publishing_sortable_by = ("published_at",)
    review_sortable_by = ("published_at", "review_due")
    list_filter = ("status", ReviewOverdueFilter, WorkflowFilter, "needs_review", TopicFilter)
    list_select_related = ()
    autocomplete_fields = ("authors", "topics")
    readonly_fields = ("version", "needs_review", "created_at", "updated_at")
    publishing_fieldsets = [
        ("Publishing", {"fields": ["status", "published_at", "topics", "authors"]}),
        ("Search engines", {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": ["version", "needs_review", "created_at", "updated_at"],
            },
        ),
    ]
    review_fieldsets = [("Review", {"fields": list(MedicalReview.review_fields)})]
    review_autocomplete_fields = ("reviewed_by", "authors", "topics")

    def view_on_site(self, obj):
        return site_url(obj.get_absolute_url())

    def get_queryset(self, request):
        draft_status = drafts.drafts_of(self.model).values("status")[:1]
        return super().get_queryset(request).annotate(draft_status=Subquery(draft_status))

    @admin.display(description="Working draft", ordering="draft_status")
    def working_draft(self, obj):
        status = getattr(obj, "draft_status", None)
        return Status(status).label if status else "—"

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

    # --- the workflow, the same for every content type ---------------------------------
    action_form = WorkflowActionForm
    change_form_template = "admin/publishable/change_form.html"
    object_history_template = "admin/publishable/object_history.html"
    workflow_actions = ("submit_for_review", "send_back", "approve", "publish_now", "archive")
    review_fields = MedicalReview.review_fields

    def has_review_permission(self, request, obj=None):
        return workflow.can(request.user, workflow.REVIEW, self.model)

    def has_publish_permission(self, request, obj=None):
        return workflow.can(request.user, workflow.PUBLISH, self.model)

    def get_list_filter(self, request):
        # Content admins replace list_filter; the dashboard links need these two.
        filters = list(super().get_list_filter(request))
        return filters + [f for f in (ReviewOverdueFilter, WorkflowFilter) if f not in filters]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_review_permission(request, obj):
            # Review dates are recorded by the "Approve" action, by a second person.
            if self.model.requires_medical_review:
                readonly += self.review_fields
            elif self.model.check_date_field:
                readonly.append(self.model.check_date_field)
        if not self.has_publish_permission(request, obj):
            readonly.append("published_at")  # scheduling is publishing
        return list(dict.fromkeys(readonly))

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "base_version"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if not any("workflow_note" in options["fields"] for _, options in fieldsets):
            fieldsets.insert(
                min(len(fieldsets), self._publishing_index(fieldsets) + 1),
                ("Workflow", {"fields": ["workflow_note"]}),
            )
        return fieldsets

    @staticmethod
    def _publishing_index(fieldsets):
        for index, (_, options) in enumerate(fieldsets):
            if "status" in options["fields"]:
                return index
        return len(fieldsets) - 1

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        attrs = {"workflow_user": request.user}
        kwargs["form"] = type(base.__name__, (WorkflowForm, base), attrs)
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        stored = getattr(form, "stored", None) or {}
        if change and stored:
            obj.version = stored["version"] + 1
            content_changed = set(form.changed_data) - {"status", "workflow_note", "base_version"}
            if stored["status"] == Status.APPROVED == obj.status and content_changed:
                # What the reviewer approved is no longer what would be published.
                obj.status = Status.IN_REVIEW
                self.message_user(
                    request,
                    "You changed an approved item, so it went back to review.",
                    messages.WARNING,
                )
        obj._change_reason = workflow.describe_change(
            obj,
            stored.get("status", Status.DRAFT),
            stored.get(obj.check_date_field),
            note=form.cleaned_data.get("workflow_note", ""),
        )
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        # Publish, archive, review and restore are named in the admin log in words,
        # ahead of Django's list of changed fields.
        reason = getattr(obj, "_change_reason", "")
        if reason:
            if not isinstance(message, str):
                message = LogEntry(change_message=json.dumps(message)).get_change_message()
            message = f"{reason}. {message}".strip()
        return super().log_change(request, obj, message)

    # --- actions --------------------------------------------------------------------------
    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # Added to whatever a content admin lists in ``actions``, so every content type
        # gets the workflow, and Django's get_actions() filters each action by its
        # ``permissions`` (has_review_permission, has_publish_permission…).
        if self.actions is not None:
            self.actions = [
                *self.actions,
                *(name for name in self.workflow_actions if name not in self.actions),
            ]

    def _apply(self, request, queryset, change, reason_for, allowed_from=None, on_draft=None):
        """Run an action on each item; a live item's working draft takes ``on_draft``."""
        done = 0
        for obj in queryset:
            draft = Draft.of(obj) if on_draft is not None and drafts.is_live(obj) else None
            if draft is not None:
                done += bool(on_draft(obj, draft))
                continue
            if allowed_from is not None and obj.status not in allowed_from:
                self.message_user(
                    request,
                    f"{obj}: not changed, because it is {obj.get_status_display().lower()}.",
                    messages.WARNING,
                )
                continue
            before = obj.status
            if change(obj) is False:
                continue
            obj.version += 1
            obj._history_user = request.user
            obj._change_reason = reason_for(obj, before)
            try:
                obj.full_clean(validate_unique=False)
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
                continue
            obj.save()
            self.log_change(request, obj, [])
            done += 1
        return done

    def _note(self, request):
        return (request.POST.get("note") or "").strip()

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        def change(obj):
            obj.status = Status.IN_REVIEW

        def on_draft(obj, draft):
            if draft.status not in (Status.DRAFT, Status.SENT_BACK):
                return False
            drafts.move(obj, draft, request.user, Status.IN_REVIEW)
            return True

        done = self._apply(
            request,
            queryset,
            change,
            lambda obj, before: "Submitted for review",
            allowed_from={Status.DRAFT, Status.SENT_BACK},
            on_draft=on_draft,
        )
        self.message_user(request, f"{done} item(s) submitted for review.")

    @admin.action(description="Send selected back (give a note)", permissions=["review"])
    def send_back(self, request, queryset):
        note = self._note(request)
        if not note:
            self.message_user(request, "Write a note saying what needs to change.", messages.ERROR)
            return

        def change(obj):
            obj.status = Status.SENT_BACK

        def on_draft(obj, draft):
            if draft.status not in (Status.IN_REVIEW, Status.APPROVED):
                return False
            drafts.move(obj, draft, request.user, Status.SENT_BACK, note)
            return True

        done = self._apply(
            request,
            queryset,
            change,
            lambda obj, before: f"Sent back: {note}",
            allowed_from={Status.IN_REVIEW, Status.APPROVED},
            on_draft=on_draft,
        )
        self.message_user(request, f"{done} item(s) sent back.")

    @admin.action(description="Approve: record my review today", permissions=["review"])
    def approve(self, request, queryset):
        contributor = None
        if self.model.requires_medical_review:
            contributor = Contributor.objects.filter(user=request.user).first()
            if contributor is None:
                self.message_user(
                    request,
                    "Link your staff account to your contributor profile first "
                    "(Contributors → your name → User); reviews are published in your name.",
                    messages.ERROR,
                )
                return
        note = self._note(request)
        reviewer = contributor.name if contributor else request.user.get_username()

        def change(obj):
            if request.user.pk in workflow.change_authors(obj):
                self.message_user(
                    request,
                    f"{obj}: you changed it, so someone else must approve it.",
                    messages.ERROR,
                )
                return False
            workflow.record_review(obj, contributor, note, user=request.user)
            if obj.status == Status.IN_REVIEW:
                obj.status = Status.APPROVED

        def on_draft(obj, draft):
            if draft.status != Status.IN_REVIEW:
                self.message_user(
                    request, f"{obj}: its working draft is not in review.", messages.WARNING
                )
                return False
            if draft.authors.filter(pk=request.user.pk).exists():
                self.message_user(
                    request,
                    f"{obj}: you changed its working draft, so someone else must approve it.",
                    messages.ERROR,
                )
                return False
            drafts.approve(obj, draft, request.user, contributor, note)
            return True

        done = self._apply(
            request,
            queryset,
            change,
            lambda obj, before: f"Approved by {reviewer}" + (f": {note}" if note else ""),
            allowed_from={Status.IN_REVIEW, Status.PUBLISHED},
            on_draft=on_draft,
        )
        self.message_user(request, f"{done} item(s) approved.")

    @admin.action(description="Publish selected now", permissions=["publish"])
    def publish_now(self, request, queryset):
        def change(obj):
            obj.status = Status.PUBLISHED
            if not obj.published_at:
                obj.published_at = timezone.now()

        def on_draft(obj, draft):
            if draft.status != Status.APPROVED:
                self.message_user(
                    request, f"{obj}: its working draft is not approved yet.", messages.WARNING
                )
                return False
            return self.publish_draft(request, obj, draft)

        done = self._apply(
            request,
            queryset,
            change,
            lambda obj, before: "Published",
            allowed_from={Status.APPROVED},
            on_draft=on_draft,
        )
        self.message_user(request, f"{done} item(s) published.")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive(self, request, queryset):
        def change(obj):
            obj.status = Status.ARCHIVED

        done = self._apply(request, queryset, change, lambda obj, before: "Archived")
        self.message_user(request, f"{done} item(s) archived.")

    # --- history: compare two revisions ---------------------------------------------------
    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        obj = self.object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.select_related("history_user").order_by("-history_date"))
        choices = [
            (
                r.history_id,
                f"{timezone.localtime(r.history_date):%Y-%m-%d %H:%M} by {r.history_user}",
            )
            for r in records
        ]
        form = CompareForm(request.GET or None, choices=choices)
        changes, older, newer = [], None, None
        if len(records) >= 2:
            by_id = {r.history_id: r for r in records}
            if form.is_valid():
                older = by_id[int(form.cleaned_data["older"])]
                newer = by_id[int(form.cleaned_data["newer"])]
            else:
                newer, older = records[0], records[1]
            if older.history_date > newer.history_date:
                older, newer = newer, older
            delta = newer.diff_against(older, foreign_keys_are_objs=True)
            changes = [
                {
                    "field": self.model._meta.get_field(c.field).verbose_name,
                    "old": c.old,
                    "new": c.new,
                }
                for c in delta.changes
                if c.field not in ("version", "updated_at")
            ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare revisions: {obj}",
            "opts": self.model._meta,
            "object": obj,
            "form": form,
            "older": older,
            "newer": newer,
            "changes": changes,
        }
        return TemplateResponse(request, "admin/editorial/compare.html", context)


class CompareForm(forms.Form):
    older = forms.TypedChoiceField(coerce=int, label="Older revision")
    newer = forms.TypedChoiceField(coerce=int, label="Newer revision")

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["older"].choices = choices
        self.fields["newer"].choices = choices


@admin.register(Topic)
class TopicAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Contributor)
class ContributorAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ("name", "role", "credentials", "is_placeholder", "user")
    list_filter = ("is_placeholder",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    search_fields = ("name", "role", "credentials")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(StaffAdmin, admin.ModelAdmin):
    list_display = ("key", "title", "year", "source_type", "cautious", "status")
    list_filter = ("source_type", "cautious", "status", "year")
    search_fields = ("key", "title", "authors", "publisher", "doi", "pmid")
    autocomplete_fields = ("replaced_by",)
    fields = (
        "key",
        "title",
        "authors",
        "publisher",
        "year",
        "source_type",
        "url",
        "doi",
        "pmid",
        "cautious",
        "status",
        "replaced_by",
        "status_note",
    )
