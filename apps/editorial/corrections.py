"""Corrections readers can see: a dated "Updated" line and the archive of past changes.

Every published item carries a ``change_note`` saying what changed at its last review.
When a public item is saved with a change note that differs from the last one recorded,
the note is added to the item's ``ChangeNote`` archive, dated with the item's check date
(its review or verification date) when that is set, otherwise today. So an approval with
a note ("Corrected the naloxone advice") becomes the page's "Updated: …" line, and the
notes before it stay listed under "Past changes".
"""

from django.utils import timezone

from .models import ChangeNote, Status


def record_change_note(obj, today=None):
    """Archive ``obj.change_note`` if it is new for a published item; return the entry."""
    # Only content with medical review carries a change note (services are verified).
    note = (getattr(obj, "change_note", "") or "").strip()
    if obj.status != Status.PUBLISHED or not note or obj.pk is None:
        return None
    latest = ChangeNote.objects.for_object(obj).first()
    if latest is not None and latest.note == note:
        return None
    checked_on = getattr(obj, obj.check_date_field) if obj.check_date_field else None
    changed_on = checked_on or today or timezone.localdate()
    if latest is not None and changed_on < latest.changed_on:
        changed_on = today or timezone.localdate()
    from django.contrib.contenttypes.models import ContentType

    return ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        changed_on=changed_on,
        note=note,
    )


def change_log(obj):
    """(latest entry or None, [older entries]) for the page, newest first."""
    notes = getattr(obj, "_prefetched_change_notes", None)
    if notes is None:
        notes = list(ChangeNote.objects.for_object(obj)) if obj.pk else []
    return (notes[0], notes[1:]) if notes else (None, [])
