"""No lost edits: every admin change form refuses a save based on a stale copy.

The form carries a token of the row as it was when the editor opened it: the
``version`` number for content types that have one, otherwise a digest of the stored
field values (so Source, Topic, FlatPage, SiteSettings… need no new column). On save
the token is computed again from the stored row, locked when the admin's transaction
allows it; if they differ, the form is shown again with the editor's text and a
message naming who saved meanwhile.

Every ModelAdmin that staff can edit inherits ``NoLostEditsAdmin``;
tests/editorial/test_no_lost_edits.py checks that none is left out.
"""

import hashlib
import json

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router, transaction
from django.utils import timezone

TOKEN_FIELD = "base_version"  # noqa: S105 - a form field name, not a secret


def stored_token(model, pk, exclude=(), lock=False):
    """The token of the stored row ``pk`` ("" when it no longer exists)."""
    queryset = model._base_manager.filter(pk=pk)
    # select_for_update outside a transaction is an error on PostgreSQL; the admin's
    # change view is atomic, anything else just reads.
    if lock and transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        queryset = queryset.select_for_update()
    # Publishable's edit counter (not an editable "version" such as a taxonomy's).
    if any(f.name == "version" and not f.editable for f in model._meta.concrete_fields):
        version = queryset.values_list("version", flat=True).first()
        return "" if version is None else str(version)
    obj = queryset.first()
    if obj is None:
        return ""
    data = serializers.serialize("python", [obj])[0]["fields"]
    for name in exclude:
        data.pop(name, None)
    text = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def last_saved(model, pk):
    """(who, when) of the latest recorded save of ``pk``: its history, else the admin log."""
    history = getattr(model, "history", None)
    if history is not None:
        record = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
        if record is not None:
            return record.history_user, record.history_date
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id=str(pk),
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    return (entry.user, entry.action_time) if entry else (None, None)


def conflict_message(model, pk, saved=None):
    """``saved`` is (who, when) when the caller knows better than the history (a draft)."""
    who, when = saved or last_saved(model, pk)
    name = (who.get_full_name() or who.get_username()) if who else "Someone (or an import)"
    at = f" at {timezone.localtime(when):%H:%M on %d %B}" if when else ""
    return (
        f"{name} saved this{at}, after you opened it, so your changes were not saved. "
        "Your text is kept below: copy your changes, reload the page to see theirs, "
        "and apply yours again."
    )


class EditTokenForm(forms.ModelForm):
    """Mixed into the admin's form by NoLostEditsAdmin.get_form."""

    token_exclude: tuple[str, ...] = ()
    base_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[TOKEN_FIELD] = self.current_token()

    def current_token(self, lock=False):
        return stored_token(
            type(self.instance), self.instance.pk, exclude=self.token_exclude, lock=lock
        )

    def clean(self):
        # Checked (and the row locked) before any other rule reads the stored row.
        if self.instance.pk is None or self.instance._state.adding:
            return super().clean()
        current = self.current_token(lock=True)
        seen = (self.cleaned_data.get(TOKEN_FIELD) or "").strip()
        if not seen:
            # Without the token it was opened at, a stale form could overwrite newer text.
            raise forms.ValidationError(
                "This form did not say which version you opened, so it was not saved. "
                "Copy your changes, reload the page, and apply them again.",
                code="edit_conflict",
            )
        if seen != current:
            raise forms.ValidationError(
                conflict_message(
                    type(self.instance), self.instance.pk, getattr(self, "saved_by", None)
                ),
                code="edit_conflict",
            )
        return super().clean()


class NoLostEditsAdmin:
    """ModelAdmin mixin: the change form refuses stale saves (see the module docstring).

    ``edit_token_exclude`` names fields that change without anyone editing the row
    (a user's ``last_login``), so they do not count as a conflicting save.
    """

    change_form_template = "admin/no_lost_edits/change_form.html"
    edit_token_exclude: tuple[str, ...] = ()

    def edit_saved_by(self, request):
        """(who, when) of the last save, when the history cannot tell (a working draft)."""
        return None

    def get_fields(self, request, obj=None):
        # The token is rendered once, by the template, not as a fieldset row.
        return [name for name in super().get_fields(request, obj) if name != TOKEN_FIELD]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != TOKEN_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if issubclass(form, EditTokenForm):
            return form
        attrs = {"token_exclude": self.edit_token_exclude}
        saved_by = self.edit_saved_by(request)
        if saved_by is not None:
            attrs["saved_by"] = saved_by
        return type(form.__name__, (EditTokenForm, form), attrs)
