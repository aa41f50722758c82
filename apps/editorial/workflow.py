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
WORKING_STATUSES = {Status.DRAFT, Status.IN_REVIEW, Status.SENT_BACK}
# Readers see only what a reviewer approved: publishing starts from "approved".
PUBLISHABLE_FROM = {Status.APPROVED, Status.PUBLISHED}
# History reasons that close a round of changes (see change_authors).
SIGN_OFF_REASONS = ("Approved", "Verified", "Published")


def permission_name(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def can(user, action, model):
    return user.has_perm(permission_name(model, action))


def allowed_statuses(user, model, current):
    """The statuses ``user`` may give an item whose saved status is ``current``.

    Writers move work between draft and review; reviewers send it back; "approved" is
    reached only by the approve action, which records the review; only publishers take
    an approved item public, archive it or pull it back to draft.
    """
    allowed = {current}
    if current in WORKING_STATUSES and can(user, "change", model):
        allowed |= {Status.DRAFT, Status.IN_REVIEW}
    if current == Status.IN_REVIEW and can(user, REVIEW, model):
        allowed.add(Status.SENT_BACK)
    if can(user, PUBLISH, model):
        allowed |= {Status.DRAFT, Status.ARCHIVED}
        if current in PUBLISHABLE_FROM:
            allowed.add(Status.PUBLISHED)
    return allowed


def refusal(target):
    if target == Status.PUBLISHED:
        return "Only an approved item can be published, by someone with permission to publish."
    if target == Status.APPROVED:
        return "Use the “Approve” action: it records who reviewed the item and when."
    if target == Status.ARCHIVED:
        return "You do not have permission to archive."
    return f"You do not have permission to move this item to “{Status(target).label}”."


def change_authors(obj):
    """Everyone who changed ``obj`` since it was last approved or published.

    The four-eyes rule: none of them may approve the change. Read from the history,
    newest first, down to the last approved or published revision.
    """
    authors = set()
    records = obj.history.order_by("-history_date", "-history_id")
    for reason, user_id in records.values_list("history_change_reason", "history_user_id"):
        if (reason or "").startswith(SIGN_OFF_REASONS):
            break
        if user_id is not None:
            authors.add(user_id)
    return authors


def send_back_note(obj):
    """The reviewer's full note from the revision that sent ``obj`` back."""
    record = (
        obj.history.filter(status=Status.SENT_BACK)
        .order_by("-history_date", "-history_id")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    reason = record or ""
    return reason.split(": ", 1)[1] if ": " in reason else reason


def record_review(obj, contributor=None, note="", today=None, user=None):
    """Approve ``obj``: who reviewed it, when, when it is due again, and what changed.

    Medical content records the reviewer's contributor profile and review dates;
    content checked another way (services) records its check date and checker.
    """
    today = today or timezone.localdate()
    obj.needs_review = False
    if obj.requires_medical_review:
        obj.reviewed_by = contributor
        obj.last_reviewed_on = today
        obj.next_review_due = one_year_after(today)
        if note:
            obj.change_note = note[: obj._meta.get_field("change_note").max_length]
    elif obj.check_date_field:
        setattr(obj, obj.check_date_field, today)
        if user is not None and hasattr(obj, "verified_by_id"):
            obj.verified_by = user


def flag_substance_change(obj, stored):
    """Set ``needs_review`` when the substance of a reviewed, published item changes.

    The item stays published (taking health information down because a typo was fixed
    would hurt readers more); the flag puts it in front of a reviewer. A save that
    records a new review clears the flag. Returns True if the flag changed.
    """
    before = obj.needs_review
    checked_on = obj.check_date_field
    if getattr(obj, "_approved_change", False):
        obj.needs_review = False  # an approved working draft going live
        return obj.needs_review != before
    if checked_on is None:
        return False
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


def describe_change(obj, stored_status, stored_review_date, note=""):
    """The change reason written to the history (and the admin log) for a save."""
    events = []
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
            case Status.SENT_BACK:
                events.append("Sent back")
            case Status.APPROVED:
                events.append("Approved")
            case _:
                events.append(f"Moved to {Status(obj.status).label.lower()}")
    reviewed = obj.requires_medical_review and obj.last_reviewed_on
    if reviewed and obj.last_reviewed_on != stored_review_date:
        reviewer = obj.reviewed_by.name if obj.reviewed_by else "unknown"
        events.append(f"Reviewed by {reviewer}")
    reason = "; ".join(events)
    if note:
        reason = f"{reason}: {note}" if reason else note
    return reason
