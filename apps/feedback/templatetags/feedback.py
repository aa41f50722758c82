from django import template

register = template.Library()


@register.filter
def feedback_key(obj):
    """``app_label.model:pk`` so feedback can be filed against the item it is about."""
    meta = getattr(obj, "_meta", None)
    return f"{meta.label_lower}:{obj.pk}" if meta and obj.pk else ""
