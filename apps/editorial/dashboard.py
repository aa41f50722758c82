"""Counts for the editorial dashboard on the admin index, one query per content type."""

import datetime

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from .models import Status
from .registry import publishable_models

# (label, changelist query, condition) — the queries match the admin filters
# (ReviewOverdueFilter, WorkflowFilter), so a count and its list always agree.
# The first two apply to content types with medical review (MedicalReview) only.
REVIEW_DATE_CHECKS = [
    ("Overdue for review", "review=overdue", lambda today, now: Q(next_review_due__lt=today)),
    (
        "Review due within 30 days",
        "review=due30",
        lambda today, now: Q(
            next_review_due__gte=today, next_review_due__lte=today + datetime.timedelta(days=30)
        ),
    ),
]
CHECKS = [
    ("Waiting for review", "workflow=in_review", lambda today, now: Q(status=Status.IN_REVIEW)),
    (
        "Scheduled",
        "workflow=scheduled",
        lambda today, now: Q(status=Status.PUBLISHED, published_at__gt=now),
    ),
    ("Changed since review", "review=needs", lambda today, now: Q(needs_review=True)),
]
# Content types with contact checks (referral services) get two more rows, counted
# with their own queryset methods and linked to their own admin filters.
EXTRA_CHECKS = [
    ("Broken links", "with_broken_links", "links=broken"),
    ("Verification stale", "stale", "verified=stale"),
]


def dashboard_rows(user, site=admin.site):
    """[(model verbose name plural, [(label, count, url)])] for the content types ``user`` can see."""
    today, now = timezone.localdate(), timezone.now()
    sections = []
    for model in publishable_models():
        opts = model._meta
        if model not in site._registry or not user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        ):
            continue
        url = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist")
        checks = (REVIEW_DATE_CHECKS if model.requires_medical_review else []) + CHECKS
        counts = model._base_manager.aggregate(
            **{
                f"check{i}": Count("pk", filter=condition(today, now))
                for i, (_, _, condition) in enumerate(checks)
            }
        )
        rows = [
            (label, counts[f"check{i}"], f"{url}?{query}")
            for i, (label, query, _) in enumerate(checks)
        ]
        queryset = model.objects.all()
        for label, method, query in EXTRA_CHECKS:
            if hasattr(queryset, method):
                rows.append((label, getattr(queryset, method)().count(), f"{url}?{query}"))
        sections.append((str(opts.verbose_name_plural).capitalize(), rows))
    return sections
