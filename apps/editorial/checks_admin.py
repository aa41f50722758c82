"""The thin admin side of the editor checks: show them on the change form, let a reviewer
accept one with a reason, and keep the stored results fresh after each save."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from . import checks, workflow
from .admin_guards import KnownValueFilter, RecordAdmin
from .models import CheckAcceptance, CheckStatus


class AcceptWarningForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=16)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        max_length=1000,
        help_text="Why this is acceptable. Kept in the page's history for the next reviewer.",
    )


class EditorChecksAdminMixin:
    """Mixed into the shared content admin; needs ``has_review_permission``."""

    def editor_checks_context(self, request, obj):
        pending, done = checks.open_warnings(obj)
        score = (
            checks.flesch_reading_ease(checks.readability_text(obj))
            if obj.citation_fields
            else None
        )
        can_accept = workflow.can(request.user, workflow.REVIEW, self.model)
        opts = self.model._meta
        return {
            "pending": [
                (w, AcceptWarningForm(initial={"fingerprint": w.fingerprint}, prefix=f"w{i}"))
                for i, w in enumerate(pending)
            ],
            "accepted": done,
            "reading_ease": score,
            "target": checks.READABILITY_TARGET,
            "can_accept": can_accept,
            "accept_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_accept_warning",
                args=[obj.pk],
            ),
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["editor_checks"] = self.editor_checks_context(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines (FAQ answers, contacts), so the checks read what was saved.
        checks.refresh_status(form.instance)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/accept-warning/",
                self.admin_site.admin_view(require_POST(self.accept_warning_view)),
                name=f"{opts.app_label}_{opts.model_name}_accept_warning",
            ),
            *super().get_urls(),
        ]

    def accept_warning_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not workflow.can(request.user, workflow.REVIEW, self.model):
            raise PermissionDenied("Only a reviewer can accept an editor-check warning.")
        opts = self.model._meta
        change_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
        prefix = next(
            (
                key.removesuffix("-fingerprint")
                for key in request.POST
                if key.endswith("-fingerprint")
            ),
            None,
        )
        form = AcceptWarningForm(request.POST, prefix=prefix)
        if not form.is_valid():
            self.message_user(
                request,
                "Give a reason to accept a warning; nothing was recorded.",
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        acceptance = checks.accept(
            obj, form.cleaned_data["fingerprint"], form.cleaned_data["reason"], user=request.user
        )
        if acceptance is None:
            self.message_user(
                request,
                "That warning is no longer open (the text changed, or it was accepted already).",
                messages.WARNING,
            )
        else:
            label = checks.CHECK_LABELS[acceptance.check_name]
            self.log_change(
                request,
                obj,
                f"Accepted editor-check warning “{label}” ({acceptance.excerpt}). "
                f"Reason: {acceptance.reason}",
            )
            self.message_user(request, f"Warning accepted: {label}.", messages.SUCCESS)
        return HttpResponseRedirect(change_url)


class OpenWarningsFilter(KnownValueFilter):
    title = "warnings"
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("1", "Open warnings"), ("0", "None open")]

    def filtered(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(open_warnings__gt=0)
        return queryset.filter(open_warnings=0)


@admin.register(CheckStatus)
class CheckStatusAdmin(RecordAdmin, admin.ModelAdmin):
    """The dashboard's list of items with open warnings (read-only: the checks write it)."""

    list_display = (
        "item",
        "content_type",
        "open_warnings",
        "accepted_warnings",
        "reading_ease",
        "checked_at",
    )
    list_filter = (OpenWarningsFilter, "content_type")
    list_select_related = ("content_type",)
    search_fields = ("item", "summary")
    readonly_fields = [f.name for f in CheckStatus._meta.fields]


@admin.register(CheckAcceptance)
class CheckAcceptanceAdmin(RecordAdmin, admin.ModelAdmin):
    """Every accepted warning, with who accepted it and why (never edited or deleted)."""

    list_display = ("accepted_at", "accepted_by_name", "check_name", "content_type", "excerpt")
    list_filter = ("check_name", "content_type")
    list_select_related = ("content_type",)
    search_fields = ("excerpt", "reason", "accepted_by_name")
    readonly_fields = [f.name for f in CheckAcceptance._meta.fields]
