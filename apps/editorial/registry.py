"""Find every public content type without importing the content apps."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from .models import Publishable


def publishable_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable)
        and not model._meta.label.startswith("simple_history")
        and not model.__name__.startswith("Historical")
    ]


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
