"""Which models are publishable, decided once: roles, the dashboard, indexing, SEO, the
admin and the feedback form all read ``publishable_models()``, without importing the
content apps."""

from django.apps import apps as global_apps
from django.core.exceptions import FieldDoesNotExist

# Publishable's own fields. Checked by name, not by class, so the same rule also works
# on the historical models a data migration sees (apps/editorial/roles.py).
PUBLISHABLE_FIELDS = {"status", "published_at", "needs_review", "version"}


def is_publishable(model):
    names = {field.name for field in model._meta.get_fields()}
    # "history_id": django-simple-history's copies of each content type.
    return names >= PUBLISHABLE_FIELDS and "history_id" not in names


def has_medical_review(model):
    """MedicalReview content (a named reviewer, review dates); by field, for migrations too."""
    return any(field.name == "reviewed_by" for field in model._meta.get_fields())


def publishable_models(apps=global_apps):
    return [model for model in apps.get_models() if is_publishable(model)]


def _has_fields(model, lookup):
    try:
        for name in lookup:
            model._meta.get_field(name.split("__")[0])
    except FieldDoesNotExist:
        return False
    return True


def public_content_for(heading_prefix="", limit=50, **lookup):
    """One section per content type, each one query: ``[(heading, [items])]``.

    Content types without a field the lookup names are skipped: help services have no
    medical reviewer, so a reviewer's page lists no services rather than failing.
    """
    sections = []
    for model in publishable_models():
        if not _has_fields(model, lookup):
            continue
        items = list(
            model.objects.public().filter(**lookup).distinct().order_by("-published_at")[:limit]
        )
        if items:
            sections.append(
                (heading_prefix + str(model._meta.verbose_name_plural).capitalize(), items)
            )
    return sections
