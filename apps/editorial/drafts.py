"""Working drafts of published items: serialise, apply, compare, publish.

Why serialised copies (the Wagtail idea) rather than a second row or simple-history's
snapshots: the live row and its inline rows stay exactly as reviewed, so every public
query, sitemap, feed and search index keeps reading the live row with no "is this a
draft?" filter; one JSON document holds the item's fields, links and inline rows
(simple-history does not track inlines, and its records are the past, not a proposal).

To show and validate a draft with the real admin form and the real public template,
``applied()`` writes the draft onto the live rows inside a savepoint that is always
rolled back: readers (other connections) never see it, and nothing about the admin
form, its inlines or the page template needs a draft-aware copy. Anything a
``post_save`` receiver does outside the database must therefore wait for
``transaction.on_commit``, which a rolled-back savepoint never runs.
"""

import difflib
import json
from contextlib import contextmanager

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router, transaction
from django.db.models import CharField, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe

from .models import Draft, Status

# Never taken from a draft: publishing decides these.
LIVE_ONLY = {"status", "published_at", "version", "created_at", "updated_at", "needs_review"}
# Restore brings back what an item said, never when or whether it was reviewed or where
# it lives (see restore_fields()).
NOT_RESTORED = {
    "slug",
    "reviewed_by",
    "last_reviewed_on",
    "next_review_due",
    "change_note",
    "verified_by",
}


def is_live(obj):
    """Published items (scheduled ones too) are edited through a working draft; so is
    a model without a status (an organization), which is always live."""
    return obj.pk is not None and getattr(obj, "status", Status.PUBLISHED) == Status.PUBLISHED


def _has(model, name):
    return any(field.name == name for field in model._meta.concrete_fields)


def content_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in LIVE_ONLY
    ]


def restore_fields(model):
    check = getattr(model, "check_date_field", None)
    return [f for f in content_fields(model) if f.name not in NOT_RESTORED and f.name != check]


def _m2m_fields(model):
    return [field for field in model._meta.many_to_many if field.editable]


def _inline_fields(related_model, parent_field):
    return [
        field
        for field in related_model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name != parent_field
    ]


def snapshot(obj):
    """The item's content as JSON-ready data: fields, many-to-many ids, inline rows."""
    model = type(obj)
    data = {
        "fields": {f.attname: f.value_from_object(obj) for f in content_fields(model)},
        "m2m": {
            f.name: sorted(pk for pk in getattr(obj, f.name).values_list("pk", flat=True))
            for f in _m2m_fields(model)
        },
        "inlines": {},
    }
    for name in getattr(model, "draft_inlines", ()):
        manager = getattr(obj, name)
        parent = manager.field.name
        fields = _inline_fields(manager.model, parent)
        data["inlines"][name] = [
            {"id": row.pk, **{f.attname: f.value_from_object(row) for f in fields}}
            for row in manager.order_by("pk")
        ]
    # Through the encoder once, so a snapshot compares equal to one read back from JSON;
    # browsers post text areas with CRLF line ends, which would mark every line changed.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder).replace("\\r\\n", "\\n"))


def jsonable(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _set_fields(obj, values, fields):
    for field in fields:
        if field.attname in values:
            setattr(obj, field.attname, field.to_python(values[field.attname]))


def apply(obj, data, *, status=None, version=None, save_kwargs=None):
    """Write ``data`` onto ``obj``'s rows (the caller decides whether to keep them)."""
    model = type(obj)
    _set_fields(obj, data["fields"], content_fields(model))
    if status is not None and _has(model, "status"):
        obj.status = status
    if version is not None and _has(model, "version"):
        obj.version = version
    obj.save(**(save_kwargs or {}))
    for name, ids in data.get("m2m", {}).items():
        getattr(obj, name).set(ids)
    for name, rows in data.get("inlines", {}).items():
        manager = getattr(obj, name)
        parent = manager.field.name
        fields = _inline_fields(manager.model, parent)
        existing = {row.pk: row for row in manager.all()}
        kept = []
        for values in rows:
            row = existing.get(values.get("id"))
            if row is None:
                row = manager.model(**{parent: obj})
                # Keep the id a draft row was shown with, so the admin's inline form
                # posted back finds it again (unless another row took it meanwhile).
                taken = manager.model._base_manager.filter(pk=values.get("id")).exists()
                if values.get("id") is not None and not taken:
                    row.pk = values["id"]
            _set_fields(row, values, fields)
            row.save()
            kept.append(row.pk)
        manager.exclude(pk__in=kept).delete()
    if hasattr(obj, "sync_sources"):
        obj.sync_sources()


@contextmanager
def applied(obj, draft=None, *, status=None):
    """``obj`` with its working draft written onto the database, rolled back afterwards.

    Without a draft the item is shown as a new draft of itself (status "draft"), so a
    published item's form never offers to publish an unreviewed change.
    """
    using = router.db_for_write(type(obj))
    try:
        with transaction.atomic(using=using):
            try:
                if draft is not None:
                    apply(obj, draft.data, status=status or draft.status, version=draft.version)
                elif _has(type(obj), "status"):
                    type(obj)._base_manager.filter(pk=obj.pk).update(status=status or Status.DRAFT)
                    obj.status = status or Status.DRAFT
                yield obj
            finally:
                # Rolled back by the atomic block itself, not a bare savepoint: Django
                # then also drops the on_commit callbacks the draft's saves registered
                # (a bare savepoint_rollback keeps them, and the page cache's generation
                # would be bumped by a preview).
                transaction.set_rollback(True, using=using)
    finally:
        obj.refresh_from_db()


def log(user, obj, message):
    """An admin log entry for a draft event (the live row's history is not touched)."""
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


class DraftInvalid(Exception):
    """The draft would not pass the item's own validation if it went live."""


def save_draft(obj, data, user, *, status, version, author=True):
    """Create or update ``obj``'s working draft; ``user`` joins its authors if ``author``."""
    draft, _ = Draft.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        defaults={"data": data, "status": status, "version": version, "updated_by": user},
    )
    if author:
        draft.authors.add(user)
    return draft


def publish(obj, draft, user):
    """Replace the live version with ``draft`` in one transaction; record who and when."""
    using = router.db_for_write(type(obj))
    with transaction.atomic(using=using):
        live = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        obj.refresh_from_db()
        obj._history_user = user
        obj._change_reason = "Published the working draft"
        obj._approved_change = True  # reviewed as a draft: not "changed since review"
        version = live.version + 1 if _has(type(obj), "version") else None
        apply(obj, draft.data, status=Status.PUBLISHED, version=version)
        try:
            obj.full_clean(validate_unique=False)
        except ValidationError as error:
            raise DraftInvalid(" ".join(error.messages)) from error
        draft.delete()
        log(user, obj, "Published the working draft.")
    return obj


def move(obj, draft, user, status, note=""):
    """Submit, send back: the draft's own state changes; the live row does not."""
    draft.status = status
    draft.note = note if status == Status.SENT_BACK else draft.note
    draft.updated_by = user
    draft.save(update_fields=["status", "note", "updated_by", "updated_at"])
    label = Status(status).label.lower()
    log(user, obj, f"Working draft {label}." + (f" Note: {note}" if note else ""))


def approve(obj, draft, user, contributor=None, note=""):
    """Record the review in the draft; it goes live with the draft when published."""
    from .workflow import record_review

    model = type(obj)
    reviewed = model._base_manager.get(pk=obj.pk)
    fields = content_fields(model)
    _set_fields(reviewed, draft.data["fields"], fields)
    record_review(reviewed, contributor, note, user=user)
    values = {f.attname: f.value_from_object(reviewed) for f in fields}
    draft.data["fields"] = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    draft.status = Status.APPROVED
    draft.updated_by = user
    draft.save(update_fields=["data", "status", "updated_by", "updated_at"])
    log(user, obj, "Working draft approved." + (f" Note: {note}" if note else ""))


def restore(obj, record, user):
    """A new working state from ``record``'s content fields only (never status, slug,
    publication time or review fields), which goes through review like any other change.

    A live item gets it as its working draft; an unpublished item takes it directly and
    goes back to draft. Returns the draft, or None for an unpublished item.
    """
    model = type(obj)
    values = {f.attname: f.value_from_object(record) for f in restore_fields(model)}
    values = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    reason = f"Restored the content of the revision of {when(record.history_date)}"
    if is_live(obj):
        draft = Draft.of(obj, lock=True)
        data = draft.data if draft else snapshot(obj)
        data["fields"].update(values)
        version = (draft.version if draft else obj.version) + 1
        draft = save_draft(obj, data, user, status=Status.DRAFT, version=version)
        log(user, obj, f"{reason}, as the working draft.")
        return draft
    _set_fields(obj, values, restore_fields(model))
    if obj.status != Status.ARCHIVED:
        obj.status = Status.DRAFT
    obj.version += 1
    obj._history_user = user
    obj._change_reason = reason
    obj.save()
    log(user, obj, f"{reason}.")
    return None


def discard(obj, draft, user):
    draft.delete()
    log(user, obj, "Discarded the working draft.")


# --- queries ---------------------------------------------------------------------------
def drafts_of(model):
    """The drafts of ``model``'s items, matched to an outer query's rows by ``pk``."""
    return Draft.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )


def in_state(model, status):
    """Items whose own status, or whose working draft's, is ``status``.

    The drafts' ids are read first (one small query: few drafts wait in any state), so
    the database combines the status index and the primary key. An OR with a correlated
    EXISTS scanned every row instead: 100 ms per dashboard row at 100,000 articles.
    """
    drafts = Draft.objects.filter(
        content_type=ContentType.objects.get_for_model(model), status=status
    ).values_list("object_id", flat=True)
    ids = [model._meta.pk.to_python(object_id) for object_id in drafts]
    return Q(status=status) | Q(pk__in=ids)


# --- what changed: live against draft, field by field ----------------------------------
def _display(field, value):
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        target = field.related_model._base_manager.filter(pk=value).first()
        return str(target) if target else str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def highlight(old, new):
    """Word-level diff as (old_html, new_html) with <del> and <ins> around the changes."""
    a, b = old.split(" "), new.split(" ")
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before = conditional_escape(" ".join(a[i1:i2]))
        after = conditional_escape(" ".join(b[j1:j2]))
        if op == "equal":
            old_parts.append(before)
            new_parts.append(after)
            continue
        if before:
            old_parts.append(format_html_join("", "<del>{}</del>", [(" ".join(a[i1:i2]),)]))
        if after:
            new_parts.append(format_html_join("", "<ins>{}</ins>", [(" ".join(b[j1:j2]),)]))
    return mark_safe(" ".join(old_parts)), mark_safe(" ".join(new_parts))  # noqa: S308 - escaped above


def changes(model, live, draft):
    """[{"label", "old", "new"}] for every field, link and inline row that differs."""
    rows = []
    for field in content_fields(model):
        old, new = live["fields"].get(field.attname), draft["fields"].get(field.attname)
        if old != new:
            old_html, new_html = highlight(_display(field, old), _display(field, new))
            rows.append({"label": str(field.verbose_name), "old": old_html, "new": new_html})
    for field in _m2m_fields(model):
        old, new = live["m2m"].get(field.name, []), draft["m2m"].get(field.name, [])
        if sorted(old) != sorted(new):
            names = dict(
                (obj.pk, str(obj))
                for obj in field.related_model._base_manager.filter(pk__in={*old, *new})
            )
            old_html, new_html = highlight(
                "; ".join(names.get(pk, str(pk)) for pk in old),
                "; ".join(names.get(pk, str(pk)) for pk in new),
            )
            rows.append({"label": str(field.verbose_name), "old": old_html, "new": new_html})
    for name in getattr(model, "draft_inlines", ()):
        related = getattr(model, name).rel.related_model
        parent = getattr(model, name).field.name
        fields = _inline_fields(related, parent)
        label = str(related._meta.verbose_name)
        old_rows = {row["id"]: row for row in live["inlines"].get(name, [])}
        new_rows = {row["id"]: row for row in draft["inlines"].get(name, [])}
        for key in [*old_rows, *(k for k in new_rows if k not in old_rows)]:
            old_row, new_row = old_rows.get(key, {}), new_rows.get(key, {})
            for field in fields:
                old, new = old_row.get(field.attname), new_row.get(field.attname)
                if old != new and (old not in (None, "") or new not in (None, "")):
                    state = "removed" if not new_row else "added" if not old_row else "changed"
                    old_html, new_html = highlight(_display(field, old), _display(field, new))
                    rows.append(
                        {
                            "label": f"{label} ({state}): {field.verbose_name}",
                            "old": old_html,
                            "new": new_html,
                        }
                    )
    return rows


def when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
