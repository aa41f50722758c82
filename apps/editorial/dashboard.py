"""Counts for the editorial dashboard on the admin index.

Each count is one query on an index and stops at COUNT_CAP (shown as "1000+"), so the
dashboard costs the same at 100,000 items as at 10: past a thousand, the exact number
does not change what an editor does next.
"""

import datetime

from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from .drafts import in_state
from .models import Draft, Status
from .pagination import capped_count
from .registry import publishable_models
from .workflow import send_back_note

RETURNED_LIMIT = 20

COUNT_CAP = 1000

# (label, changelist query, condition) — the queries match the admin filters
# (ReviewOverdueFilter, WorkflowFilter), so a count and its list always agree.
# The first two apply to content types with medical review (MedicalReview) only.
REVIEW_DATE_CHECKS = [
    (
        "Overdue for review",
        "review=overdue",
        lambda model, today, now: Q(next_review_due__lt=today),
    ),
    (
        "Review due within 30 days",
        "review=due30",
        lambda model, today, now: Q(
            next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=30)
        ),
    ),
]
# Items count where they, or their working drafts, are in the cycle.
CHECKS = [
    (
        "Waiting for review",
        "workflow=in_review",
        lambda model, today, now: in_state(model, Status.IN_REVIEW),
    ),
    (
        "Ready to publish",
        "workflow=approved",
        lambda model, today, now: in_state(model, Status.APPROVED),
    ),
    (
        "Sent back",
        "workflow=sent_back",
        lambda model, today, now: in_state(model, Status.SENT_BACK),
    ),
    (
        "Scheduled",
        "workflow=scheduled",
        lambda model, today, now: Q(status=Status.PUBLISHED, published_at__gt=now),
    ),
    ("Changed since review", "review=needs", lambda model, today, now: Q(needs_review=True)),
]
# Content types with contact checks (referral services) get two more rows, counted
# with their own queryset methods and linked to their own admin filters.
EXTRA_CHECKS = [
    ("Broken links", "with_broken_links", "links=broken"),
    ("Verification stale", "stale", "verified=stale"),
]


def open_check_counts():
    """{content type id: items with open editor-check warnings}, in one query."""
    from .models import CheckStatus

    rows = (
        CheckStatus.objects.filter(open_warnings__gt=0)
        .values("content_type")
        .annotate(n=Count("pk"))
    )
    return {row["content_type"]: row["n"] for row in rows}


def dashboard_rows(user, site=admin.site):
    """[(model verbose name plural, [(label, count, url)])] for the content types ``user`` can see."""

    today, now = timezone.localdate(), timezone.now()
    open_checks = open_check_counts()
    checks_url = reverse(f"{site.name}:editorial_checkstatus_changelist")
    sections = []
    for model in publishable_models():
        opts = model._meta
        if model not in site._registry or not user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        ):
            continue
        url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist")
        checks = (REVIEW_DATE_CHECKS if model.requires_medical_review else []) + CHECKS
        rows = [
            (
                label,
                shown(model._base_manager.filter(condition(model, today, now))),
                f"{url}?{query}",
            )
            for label, query, condition in checks
        ]
        queryset = model.objects.all()
        for label, method, query in EXTRA_CHECKS:
            if hasattr(queryset, method):
                rows.append((label, shown(getattr(queryset, method)()), f"{url}?{query}"))
        content_type = ContentType.objects.get_for_model(model)
        rows.append(
            (
                "Editor check warnings",
                open_checks.get(content_type.pk, 0),
                f"{checks_url}?open=1&content_type__id__exact={content_type.pk}",
            )
        )
        sections.append((str(opts.verbose_name_plural).capitalize(), rows))
    return sections


def shown(queryset):
    count = capped_count(queryset.order_by().values("pk"), COUNT_CAP)
    return f"{COUNT_CAP}+" if count > COUNT_CAP else count


def returned_to(user, site=admin.site):
    """[(item, reviewer's note, change url)]: work sent back to ``user``.

    An unpublished item counts when ``user`` changed it; a live item's working draft
    when ``user`` is one of its authors.
    """
    returned = []
    for model in publishable_models():
        opts = model._meta
        if model not in site._registry:
            continue
        name = f"{site.name}:{opts.app_label}_{opts.model_name}_change"
        mine = model.history.filter(history_user=user).values(opts.pk.attname)
        for item in model._base_manager.filter(status=Status.SENT_BACK, pk__in=mine)[
            :RETURNED_LIMIT
        ]:
            returned.append((item, send_back_note(item), reverse(name, args=[item.pk])))
        sent_back = Draft.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            status=Status.SENT_BACK,
            authors=user,
        )[:RETURNED_LIMIT]
        notes = {draft.object_id: draft.note for draft in sent_back}
        for item in model._base_manager.filter(pk__in=list(notes)):
            returned.append((item, notes[str(item.pk)], reverse(name, args=[item.pk])))
    return returned


def new_feedback(user, site=admin.site):
    """(count, url) of unresolved reader feedback, for staff who handle it."""
    # Looked up by name: the feedback app builds on editorial, not the other way round.
    Feedback = django_apps.get_model("feedback", "Feedback")
    if not user.has_perm("feedback.view_feedback") or not site.is_registered(Feedback):
        return None
    url = reverse(f"{site.name}:feedback_feedback_changelist") + "?resolved__exact=0"
    return Feedback.objects.filter(resolved=False).count(), url
