"""The admin side of working drafts (apps/editorial/drafts.py), mixed into PublishableAdmin.

A published item's change form edits its working draft: the form, its inlines and its
validation are Django's own, run against the draft applied inside a rolled-back
savepoint; what the form saved is then stored as the draft. The live rows change only
when an approved draft is published. Preview, changes (a highlighted diff) and discard
have their own pages; restore makes a new working draft from an old revision.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import drafts, workflow
from .edit_conflicts import TOKEN_FIELD, conflict_message
from .models import Draft, Status


class WorkingDraftAdmin:
    draft_change_form_note = (
        "This item is live. Your changes are saved as its working draft; readers keep "
        "seeing the published version until the draft is approved and published."
    )

    # --- the change form --------------------------------------------------------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is None or not drafts.is_live(obj):
            extra_context = {**(extra_context or {}), **self.workflow_context(obj)}
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            draft = Draft.of(obj, lock=request.method == "POST")
            request.working_draft = draft
            extra_context = {**(extra_context or {}), **self.workflow_context(obj, draft)}
            with drafts.applied(obj, draft):
                response = super().changeform_view(request, object_id, form_url, extra_context)
                if hasattr(response, "render"):
                    response.render()  # while the draft is in place
            captured = getattr(request, "draft_capture", None)
            if captured is not None:
                self.store_draft(request, obj, draft, captured)
        return response

    def edit_saved_by(self, request):
        # A stale save of a working draft names whoever saved the draft.
        draft = getattr(request, "working_draft", None)
        return (draft.updated_by, draft.updated_at) if draft is not None else None

    def workflow_context(self, obj, draft=None):
        """What the top of the change page says about where the item is in the cycle."""
        if obj is None:
            return {}
        state = draft.status if draft else (None if drafts.is_live(obj) else obj.status)
        note = ""
        if draft is not None and draft.status == Status.SENT_BACK:
            note = draft.note
        elif draft is None and getattr(obj, "status", None) == Status.SENT_BACK:
            note = workflow.send_back_note(obj)
        return {
            "can_preview": hasattr(obj, "get_absolute_url"),
            "can_compare": hasattr(self, "compare_view"),
            "item_is_live": drafts.is_live(obj),
            "working_draft": draft,
            "workflow_state": Status(state).label if state else "",
            "sent_back_note": note,
            "draft_note": self.draft_change_form_note,
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "working_draft", False) is not False and change:
            obj = form.instance
            request.draft_capture = {
                "data": drafts.snapshot(obj),
                # An organization has no status: saving its change asks for verification.
                "status": getattr(obj, "status", Status.IN_REVIEW),
                "version": getattr(obj, "version", 1),
                "note": form.cleaned_data.get("workflow_note", ""),
                "message": self.construct_change_message(request, form, formsets),
            }

    def response_change(self, request, obj):
        if getattr(request, "working_draft", False) is False:
            return super().response_change(request, obj)
        # The message is added by store_draft, once the outcome is known.
        opts = self.opts
        if "_continue" in request.POST:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[quote(obj.pk)],
                current_app=self.admin_site.name,
            )
        else:
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
        return HttpResponseRedirect(url)

    def log_change(self, request, obj, message):
        if getattr(request, "working_draft", False) is not False and getattr(
            request, "draft_capture", None
        ):
            return None  # logged by store_draft, after the savepoint is gone
        return super().log_change(request, obj, message)

    def store_draft(self, request, obj, draft, captured):
        user, status, data = request.user, captured["status"], captured["data"]
        before = draft.data if draft else drafts.snapshot(obj)
        changed = data != before
        if draft is not None and draft.status == Status.APPROVED and changed:
            status = Status.IN_REVIEW  # what was approved is no longer what would go live
            self.message_user(
                request, "You changed an approved draft, so it went back to review.", "warning"
            )
        if status == Status.ARCHIVED:
            # Archiving takes the live item down; any content change stays a draft.
            self.archive_live(request, obj)
            if not changed:
                return
            status = Status.DRAFT
        if status == Status.PUBLISHED:
            if draft is None or draft.status != Status.APPROVED or changed:
                self.message_user(request, "Only an approved draft can be published.", "error")
                return
            self.publish_draft(request, obj, draft)
            return
        new = drafts.save_draft(
            obj, data, user, status=status, version=captured["version"], author=changed
        )
        if status == Status.SENT_BACK and captured["note"]:
            new.note = captured["note"]
            new.save(update_fields=["note"])
        label = Status(status).label.lower()
        note = f" Note: {captured['note']}" if captured["note"] else ""
        drafts.log(user, obj, f"Working draft saved ({label}).{note}")
        self.message_user(
            request,
            f"Saved the working draft of “{obj}” ({label}). Readers still see the "
            "published version.",
            messages.SUCCESS,
        )

    def archive_live(self, request, obj):
        live = type(obj)._base_manager.get(pk=obj.pk)
        live.status = Status.ARCHIVED
        live.version += 1
        live._history_user = request.user
        live._change_reason = "Archived"
        live.save()
        drafts.log(request.user, live, "Archived.")
        self.message_user(request, f"Archived “{live}”.", messages.SUCCESS)

    def publish_draft(self, request, obj, draft):
        try:
            drafts.publish(obj, draft, request.user)
        except drafts.DraftInvalid as error:
            self.message_user(request, f"{obj}: not published. {error}", messages.ERROR)
            return False
        self.message_user(request, f"Published the working draft of “{obj}”.", messages.SUCCESS)
        return True

    # --- preview, changes, discard ------------------------------------------------------
    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/draft/preview/",
                view(self.draft_preview_view),
                name=f"{name}_draft_preview",
            ),
            path(
                "<path:object_id>/draft/changes/",
                view(self.draft_changes_view),
                name=f"{name}_draft_changes",
            ),
            path(
                "<path:object_id>/draft/discard/",
                view(self.draft_discard_view),
                name=f"{name}_draft_discard",
            ),
            *super().get_urls(),
        ]

    def _draft_or_404(self, request, object_id):
        obj = self.object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        draft = Draft.of(obj)
        return obj, draft

    def draft_preview_view(self, request, object_id):
        """The draft through the real public view and template, marked as a preview."""
        obj, draft = self._draft_or_404(request, object_id)
        if not hasattr(obj, "get_absolute_url"):
            raise Http404("This has no public page.")
        request.editorial_preview = "draft" if draft else "item"
        with drafts.applied(obj, draft, status=Status.PUBLISHED if draft else obj.status):
            match = resolve(obj.get_absolute_url())
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render"):
                response.render()
        patch_cache_control(response, private=True, no_store=True)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    def draft_changes_view(self, request, object_id):
        obj, draft = self._draft_or_404(request, object_id)
        rows = drafts.changes(type(obj), drafts.snapshot(obj), draft.data) if draft else []
        context = {
            **self.admin_site.each_context(request),
            "title": f"Working draft of “{obj}”: what would change",
            "opts": self.opts,
            "object": obj,
            "draft": draft,
            "changes": rows,
            "subtitle": None,
        }
        return TemplateResponse(request, "admin/publishable/draft_changes.html", context)

    def draft_discard_view(self, request, object_id):
        obj, draft = self._draft_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        opts = self.opts
        change_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        if request.method == "POST" and draft is not None:
            drafts.discard(obj, draft, request.user)
            self.message_user(request, f"Discarded the working draft of “{obj}”.")
            return HttpResponseRedirect(change_url)
        if draft is None:
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Discard the working draft of “{obj}”?",
            "opts": opts,
            "object": obj,
            "draft": draft,
            "change_url": change_url,
            "subtitle": None,
        }
        return TemplateResponse(request, "admin/publishable/draft_discard.html", context)

    # --- restore ------------------------------------------------------------------------
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restore: the old revision's content becomes a new working draft, after a look."""
        obj = self.object_or_404(request, object_id)
        if not str(version_id).isdigit():
            raise Http404("No such revision.")
        record = get_object_or_404(
            self.model.history.model, **{self.opts.pk.attname: obj.pk, "history_id": version_id}
        )
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        opts = self.opts
        change_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        draft = Draft.of(obj)
        current = draft.data if draft else drafts.snapshot(obj)
        token = str(draft.version if draft else obj.version)
        if request.method == "POST":
            with transaction.atomic(using=router.db_for_write(self.model)):
                locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
                draft = Draft.of(locked, lock=True)
                now = str(draft.version if draft else locked.version)
                if request.POST.get(TOKEN_FIELD) != now:
                    self.message_user(
                        request,
                        conflict_message(
                            self.model,
                            obj.pk,
                            (draft.updated_by, draft.updated_at) if draft else None,
                        ),
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(request.path)
                drafts.restore(locked, record, request.user)
            self.message_user(
                request,
                f"Restored the content of the revision of {drafts.when(record.history_date)}. "
                "It goes through review like any other change.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(change_url)
        restored = {
            **current,
            "fields": {
                **current["fields"],
                **{
                    f.attname: drafts.jsonable(f.value_from_object(record))
                    for f in drafts.restore_fields(self.model)
                },
            },
        }
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore “{obj}” to the revision of {drafts.when(record.history_date)}?",
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "record": record,
            "changes": drafts.changes(self.model, current, restored),
            "token": token,
            "token_field": TOKEN_FIELD,
            "is_live": drafts.is_live(obj),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/publishable/restore.html", context)
