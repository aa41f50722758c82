"""The public site's generation: bumped on every public change, read once per request.

Why a counter in the database rather than deleting cache keys: a per-process cache
(LocMemCache, the default) cannot be cleared in the other workers or on other app
servers, but every process can read one small row. Everything cached for readers (whole
pages, the help strip, site settings) is keyed by the counter, so a change is visible on
the next request everywhere, and old entries simply stop being read and expire.

The bump runs in ``transaction.on_commit``: draft preview writes a draft onto the live
rows inside a savepoint it always rolls back (apps/editorial/drafts.py), and a rolled-back
change must neither bump the counter nor be cached under the live one.
"""

import contextvars
import functools
import hashlib
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, Min
from django.db.models.signals import post_save
from django.dispatch import Signal
from django.utils import timezone
from simple_history.models import HistoricalChanges

from .models import Generation, new_shell_token

APPS_DIR = Path(__file__).resolve().parent.parent


@functools.cache
def code_version():
    """A digest of the code and templates that render what readers get, read once per
    process.

    Part of the key of everything rendered for readers that outlives a process: whole
    pages and shell parts in the shared cache, items' stored parts in the database. A
    deploy that changes a template or the code must not serve what the old version
    rendered under the same generation (a corrected phone number in a template is
    visible on the next request, not when the cached copy expires).
    """
    digest = hashlib.sha256()
    for folder, pattern in ((settings.BASE_DIR / "templates", "*.html"), (APPS_DIR, "*.py")):
        for path in sorted(folder.rglob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Models readers never see: saving them (a staff session, a sign-in throttle, a working
# draft, anonymous feedback) does not change a public page. Everything else bumps.
NOT_PUBLIC_APPS = {
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "otp_totp",
    "otp_static",
    "django_otp",
    "accounts",
    "feedback",
    "pagecache",
    "migrations",  # the migration recorder
    # Written only after a content change commits (its own bump follows), or rebuilt
    # by rebuild_search_index, which bumps once at the end.
    "search",
}
NOT_PUBLIC_MODELS = {"editorial.draft", "editorial.checkstatus", "editorial.checkacceptance"}
REQUEST_ATTRIBUTE = "page_generation"
# What the shell of every page shows besides the page itself: the help strip's services,
# their contacts and areas (apps/site/help_strip.py), and the site settings. A change to
# one of these also changes Generation.shell.
SHELL_MODELS = {
    "site.sitesettings",
    "referrals.service",
    "referrals.contactpoint",
    "referrals.servicearea",
}


logger = logging.getLogger(__name__)

# How long the shared cache keeps what is stored under a generation, a shell or a card
# token. Entries under old ones are never read again; this only bounds how long they stay.
STORED_SECONDS = 3600

# Sent once per committed public change, after its bump: what readers will ask for under
# the new generation can be rendered now, before they come (apps/site/shell.py,
# apps/referrals/listing.py). Arguments: ``using``, ``shell_changed`` and ``changed``
# (the labels of the models saved or deleted). A receiver's failure is logged, never
# raised: the change has committed, and the first reader renders what it did not.
change_committed = Signal()


def is_public_model(model):
    meta = model._meta
    return meta.app_label not in NOT_PUBLIC_APPS and meta.label_lower not in NOT_PUBLIC_MODELS


def on_model_change(sender, signal=None, instance=None, **kwargs):
    # Models built by migrations ("__fake__") run before the generation table exists.
    if sender.__module__ != "__fake__" and is_public_model(sender):
        label = sender._meta.label_lower
        bump_on_commit(
            using=kwargs.get("using") or router.db_for_write(sender),
            shell_changed=label in SHELL_MODELS,
            parts_changed=changes_other_pages(sender, signal, instance),
            model=label,
        )


def changes_other_pages(sender, signal, instance):
    """Whether this save or delete may change what items' stored pages show of other
    items (apps/editorial/pages.py), so that every stored page must be rendered again.

    Yes for anything but two cases. A content item's save that changed only fields no
    other page shows (``Publishable.page_only_fields``; its own stored page is deleted
    with the save). And a history record, which only ever comes with a save of its item
    and is shown on no public page.
    """
    if issubclass(sender, HistoricalChanges):
        return False
    if signal is post_save:
        return getattr(instance, "changes_other_pages", True)
    return True


def bump_on_commit(using="default", shell_changed=False, parts_changed=True, model=None):
    """Bump once the current transaction commits (at once outside a transaction).

    ``shell_changed``: the bump also changes Generation.shell; ``parts_changed``: and
    Generation.parts (False only for a change no other item's page shows);
    ``model``: the label of a model saved or deleted (for ``change_committed``).
    Remembered on the connection (one per thread), so one thread's pending bump never
    takes another's; what a rolled-back transaction left only costs one extra rebuild of
    the strip, /help/'s listing or the stored pages.
    """
    connection = connections[using]
    if shell_changed:
        connection.nightlight_shell_changed = True
    if parts_changed:
        connection.nightlight_parts_changed = True
    if model is not None:
        if not hasattr(connection, "nightlight_changed_models"):
            connection.nightlight_changed_models = set()
        connection.nightlight_changed_models.add(model)
    if connection.in_atomic_block and any(
        entry[1] is _bump_callbacks[using] for entry in connection.run_on_commit
    ):
        return  # one bump per transaction, however many rows it saved
    transaction.on_commit(_bump_callbacks[using], using=using)


class _BumpCallbacks(dict):
    """One callback object per database, so a pending bump can be recognised."""

    def __missing__(self, using):
        self[using] = callback = lambda: _committed(using)
        return callback


_bump_callbacks = _BumpCallbacks()


def _committed(using):
    connection = connections[using]
    shell_changed = getattr(connection, "nightlight_shell_changed", False)
    parts_changed = getattr(connection, "nightlight_parts_changed", False)
    changed = frozenset(getattr(connection, "nightlight_changed_models", ()))
    connection.nightlight_shell_changed = False
    connection.nightlight_parts_changed = False
    connection.nightlight_changed_models = set()
    bump(using=using, shell_changed=shell_changed, parts_changed=parts_changed)
    for receiver, error in change_committed.send_robust(
        sender=Generation, using=using, shell_changed=shell_changed, changed=changed
    ):
        if isinstance(error, Exception):
            logger.error("Rendering after a change failed in %r", receiver, exc_info=error)


def next_scheduled(now, using="default"):
    """The earliest publication time still ahead (scheduled items), or None."""
    from apps.editorial.models import Publishable, Status  # noqa: PLC0415

    times = []
    for model in apps.get_models():
        if issubclass(model, Publishable):
            found = (
                model._base_manager.using(using)
                .filter(status=Status.PUBLISHED, published_at__gt=now)
                .aggregate(first=Min("published_at"))["first"]
            )
            if found:
                times.append(found)
    return min(times, default=None)


def bump(using="default", shell_changed=False, parts_changed=True):
    now = timezone.now()
    values = {"changed_at": now, "next_change": next_scheduled(now, using)}
    if shell_changed:
        values["shell"] = new_shell_token()
    if parts_changed:
        values["parts"] = new_shell_token()
    updated = (
        Generation.objects.using(using).filter(pk=1).update(counter=F("counter") + 1, **values)
    )
    if not updated:
        Generation.objects.using(using).get_or_create(pk=1, defaults=values)


def _read(using="default"):
    """The row, in plain SQL: this runs on every request, and building the ORM query
    costs several times what PostgreSQL takes to answer it (about 0.5 ms of CPU against
    0.07 ms measured here), as much as a whole bare Django response."""
    connection = connections[using]
    table = connection.ops.quote_name(Generation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT counter, changed_at, next_change, shell, parts FROM {table} WHERE id = 1"  # noqa: S608 - the table name is ours
        )
        row = cursor.fetchone()
    if row is None:
        return None
    counter, changed_at, next_change, shell, parts = row
    return Generation(
        pk=1,
        counter=counter,
        changed_at=_aware(changed_at, connection),
        next_change=_aware(next_change, connection),
        shell=shell,
        parts=parts,
    )


def _aware(value, connection):
    # SQLite hands back naive datetimes (stored in the connection's zone, UTC).
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, connection.timezone)
    return value


def current(request=None):
    """The current Generation (read once per request, remembered on ``request``).

    A scheduled item whose time has come bumps it here: the first request after the
    go-live time sees the new generation, so no page cached before it is served.
    """
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    generation = _read()
    if generation is None or (
        generation.next_change is not None and generation.next_change <= timezone.now()
    ):
        # The item going live may be a service the help strip shows, or linked from
        # other items' pages.
        bump(shell_changed=True, parts_changed=True)
        generation = _read()
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, generation)
    return generation


# A page that shows something the clock changes (a service "Open now") sets the time its
# page stops being true; the page cache keeps it no longer (PageCacheMiddleware).
valid_until = contextvars.ContextVar("page_valid_until", default=None)


def timed(render, *args, **kwargs):
    """``render(*args, **kwargs)`` and the time what it rendered stops being true (the
    earliest ``expires_at`` called while it ran), or None; the caller's own limit is
    left as it was."""
    token = valid_until.set(None)
    try:
        return render(*args, **kwargs), valid_until.get()
    finally:
        valid_until.reset(token)


def expires_at(moment):
    """The page being rendered is true until ``moment`` at most."""
    current_value = valid_until.get()
    if current_value is None or moment < current_value:
        valid_until.set(moment)
