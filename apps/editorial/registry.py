"""Find every public content type without importing the content apps."""

from django.apps import apps

from .models import Publishable


def publishable_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable)
        and not model._meta.label.startswith("simple_history")
        and not model.__name__.startswith("Historical")
    ]


def public_content_for(heading_prefix="", limit=50, **lookup):
    """One section per content type, each one query: ``[(heading, [items])]``.

    Content types without a looked-up field (services have no reviewer) are skipped.
    """
    sections = []
    for model in publishable_models():
        names = {field.name for field in model._meta.get_fields()}
        if any(key.split("__")[0] not in names for key in lookup):
            continue
        items = list(
            model.objects.public().filter(**lookup).distinct().order_by("-published_at")[:limit]
        )
        if items:
            sections.append(
                (heading_prefix + str(model._meta.verbose_name_plural).capitalize(), items)
            )
    return sections
