"""Helpers for the idempotent demo loaders: a rerun that changes nothing writes nothing,
so it adds no history rows and bumps no versions."""


def set_if_changed(obj, values):
    """Set the given attributes; return True if any of them changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def sync_m2m(manager, wanted):
    """Point a many-to-many at exactly ``wanted``, writing only when it differs."""
    if set(manager.values_list("pk", flat=True)) != {item.pk for item in wanted}:
        manager.set(wanted)
