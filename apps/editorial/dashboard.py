"""Counts for the editorial dashboard on the admin index.

Each count is one query on an index and stops at COUNT_CAP (shown as "1000+"), so the
dashboard costs the same at 100,000 items as at 10: past a thousand, the exact number
does not change what an editor does next.
"""

import datetime

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from .models import Status
from .pagination import capped_count
from .registry import publishable_models

COUNT_CAP = 1000

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
    from django.contrib.contenttypes.models import ContentType

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
            (label, shown(model._base_manager.filter(condition(today, now))), f"{url}?{query}")
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
