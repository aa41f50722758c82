"""The editorial workflow every Publishable shares: who may move an item where, what
a review records, and what a save means for the history and for old URLs.

One set of rules for articles, alternatives and services; the admin only calls them.
"""

import copy

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.utils import timezone

from .models import Status, one_year_after

# Permission actions on every Publishable model. "change" is Django's own; "review"
# and "publish" are created for each content type by roles.sync_roles().
REVIEW = "review"
PUBLISH = "publish"
WORKING_STATUSES = {Status.DRAFT, Status.IN_REVIEW}


def permission_name(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def can(user, action, model):
    return user.has_perm(permission_name(model, action))


def allowed_statuses(user, model, current):
    """The statuses ``user`` may give an item whose saved status is ``current``.

    Writers move work between draft and review; only publishers take an item public,
    schedule it, archive it or pull it back.
    """
    if can(user, PUBLISH, model):
        return set(Status.values)
    allowed = {current}
    if current in WORKING_STATUSES and can(user, "change", model):
        allowed |= WORKING_STATUSES
    return allowed


def refusal(target):
    if target == Status.PUBLISHED:
        return "You do not have permission to publish."
    if target == Status.ARCHIVED:
        return "You do not have permission to archive."
    return f"You do not have permission to move this item to “{Status(target).label}”."


def record_review(obj, contributor, note="", today=None):
    """Approve ``obj``: who reviewed it, when, when it is due again, and what changed."""
    today = today or timezone.localdate()
    obj.reviewed_by = contributor
    obj.last_reviewed_on = today
    obj.next_review_due = one_year_after(today)
    obj.needs_review = False
    if note:
        obj.change_note = note


def flag_substance_change(obj, stored):
    """Set ``needs_review`` when the substance of a reviewed, published item changes.

    The item stays published (taking health information down because a typo was fixed
    would hurt readers more); the flag puts it in front of a reviewer. A save that
    records a new review clears the flag. Returns True if the flag changed.
    """
    before = obj.needs_review
    checked_on = obj.check_date_field
    if getattr(obj, checked_on) != stored[checked_on]:
        obj.needs_review = False
    elif stored["status"] == Status.PUBLISHED and stored[checked_on]:
        for name in obj.substance_fields:
            attname = obj._meta.get_field(name).attname
            if attname in stored and getattr(obj, attname) != stored[attname]:
                obj.needs_review = True
                break
    return obj.needs_review != before


def keep_old_url(obj, stored):
    """After a published item's slug changes, send its old address to the new one (301).

    Existing redirects to the old address are pointed straight at the new one, so
    A → B → C becomes A → C, and a redirect away from an address that is live again
    is removed.
    """
    if stored["status"] != Status.PUBLISHED or stored["slug"] == obj.slug:
        return
    before = copy.copy(obj)
    before.slug = stored["slug"]
    old_path, new_path = before.get_absolute_url(), obj.get_absolute_url()
    if old_path == new_path:
        return
    site = Site.objects.get_current()
    Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
    Redirect.objects.filter(site=site, old_path=new_path).delete()
    Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})


def describe_change(obj, stored_status, stored_review_date, note="", restored_from=None):
    """The change reason written to the history (and the admin log) for a save."""
    events = []
    if restored_from is not None:
        when = timezone.localtime(restored_from).strftime("%Y-%m-%d %H:%M")
        events.append(f"Restored the revision of {when}")
    if obj.status != stored_status:
        match obj.status:
            case Status.PUBLISHED if obj.published_at and obj.published_at > timezone.now():
                when = timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")
                events.append(f"Scheduled for {when}")
            case Status.PUBLISHED:
                events.append("Published")
            case Status.ARCHIVED:
                events.append("Archived")
            case Status.IN_REVIEW:
                events.append("Submitted for review")
            case Status.DRAFT if stored_status == Status.IN_REVIEW:
                events.append("Sent back to draft")
            case _:
                events.append(f"Moved to {Status(obj.status).label.lower()}")
    if obj.last_reviewed_on and obj.last_reviewed_on != stored_review_date:
        events.append(f"Reviewed by {obj.reviewed_by.name if obj.reviewed_by else 'unknown'}")
    reason = "; ".join(events)
    if note:
        reason = f"{reason}: {note}" if reason else note
    return reason[:100]  # simple-history's history_change_reason is varchar(100)
