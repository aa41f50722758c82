"""Counts for the editorial dashboard on the admin index.

Each count is one query on an index and stops at COUNT_CAP (shown as "1000+"), so the
dashboard costs the same at 100,000 items as at 10: past a thousand, the exact number
does not change what an editor does next.
"""

from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse

from .models import Draft, Status
from .pagination import capped_count
from .registry import publishable_models
from .workflow import send_back_note

RETURNED_LIMIT = 20

COUNT_CAP = 1000


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
        # The rows are the queryset's own checks, the ones the admin filters offer
        # (PublishableQuerySet.list_checks), so a count and its list always agree.
        queryset = model._default_manager.all()
        rows = [
            (check.dashboard, shown(check.select(queryset)), f"{url}?{check.query}")
            for check in queryset.list_checks_for()
            if check.dashboard
        ]
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
