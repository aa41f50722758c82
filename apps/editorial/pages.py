"""An item's page rendered once: its item-specific parts are stored, not rebuilt per request.

Everything on a content page that depends on the item (the body with its citations, table
of contents, FAQ, references, key points, related items, trust panel, breadcrumbs,
canonical and sharing tags, JSON-LD) is rendered into a few HTML parts and kept in
``pagecache.Fragment``, in the database, so every worker and app server shares it. A
reader's request reads them by the item's address, in one query that joins the item's
row instead of fetching it (``stored_parts()``), and renders only base.html around them
(templates/content_page.html), which reads nothing else of the item.

Never stale: a stored fragment is used only under the generation's ``parts`` token and
on the day it was rendered (apps/pagecache/generation.py). Every public change moves
that token on, except a content item's save that changed only fields no other item's
page shows (``Publishable.page_only_fields``, such as an article's body or its review
dates): that save deletes the item's own fragment in its transaction, and every other
item's stays valid. The item's own save renders it again once its transaction commits,
so the first reader after an edit already finds it; any other change (an item it links
to, a contributor, a source) leaves it to the first request after that change.

Nothing unreviewed reaches readers: previews (a draft written onto the live rows inside
a rolled-back transaction, apps/editorial/drafts.py), staff requests and non-public
items are rendered for that one request, never stored or read from the store; a
rolled-back transaction never runs its on_commit render. Stored parts are also keyed
by a digest of the code and templates (``code_version()``), since they outlive a deploy.
"""

import datetime
import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from apps.pagecache import generation as generations
from apps.pagecache.middleware import is_public_read
from apps.pagecache.models import Fragment

PARTS_TEMPLATE = "includes/item_parts.html"


def _stamp(generation):
    return f"{generation.parts_key}:{generations.code_version()}"


# The parts of includes/item_parts.html; with the type's own template ("main"), all the
# page (templates/content_page.html) shows of the item.
ITEM_PARTS = ("title", "description", "head", "breadcrumbs", "item_key")


def render_parts(obj, *, is_preview=False):
    """The item's parts as HTML strings: ``title``, ``description``, ``head``,
    ``breadcrumbs``, ``item_key`` (what its feedback is filed under) and ``main``.

    Reads the prefetches the page needs (``page_prefetches()``) onto ``obj`` first, and
    the template and context the model declares (``page_template``, ``page_context()``).
    """
    prefetch_related_objects([obj], *type(obj).page_prefetches())
    context = {"object": obj, "is_preview": is_preview, **obj.page_context()}
    parts = {name: render_to_string(f"{PARTS_TEMPLATE}#{name}", context) for name in ITEM_PARTS}
    parts["main"] = render_to_string(obj.page_template, context)
    return parts


def _safe(parts):
    # Rendered by our templates, which escape everything but the sanitised Markdown.
    return {name: SafeString(html) for name, html in parts.items()}


def _store(obj, generation, parts, until):
    values = {
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": obj.pk,
        "generation": _stamp(generation),
        "day": timezone.localdate(),
        "valid_until": until,
        "parts": parts,
    }
    # One upsert; a render that lost a race to a newer one only costs a re-render.
    Fragment.objects.bulk_create(
        [Fragment(**values)],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["generation", "day", "valid_until", "parts"],
    )


def _read(obj, stamp):
    """(parts, valid_until) stored for ``obj`` under ``stamp`` today, or None.

    In plain SQL, as the generation is read: this runs on every uncached page, and
    building the ORM query costs more CPU than the database takes to answer it.
    """
    return _fetch(_fragment_sql, type(obj), obj.pk, stamp)


def _read_by_slug(model, slug, stamp):
    """(parts, valid_until) stored today under ``stamp`` for the ``model`` item at
    ``slug``, or None: the item's row is joined in the same query, never fetched."""
    return _fetch(_fragment_by_slug_sql, model, slug, stamp)


def _fetch(sql_for, model, item, stamp):
    """Runs ``sql_for(model, using)`` for the ``model`` item ``item`` (its pk or slug)."""
    using = router.db_for_read(Fragment)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            sql_for(model, using),
            [_content_type_id(model, using), item, stamp, timezone.localdate()],
        )
        return _decoded(cursor.fetchone(), connection)


def _content_type_id(model, using):
    # From ContentType's own per-process cache after the first call.
    return ContentType.objects.db_manager(using).get_for_model(model).pk


def _fragment_columns(connection):
    meta = Fragment._meta
    quote = connection.ops.quote_name
    names = ("parts", "valid_until", "content_type", "object_id", "generation", "day")
    return quote(meta.db_table), {name: quote(meta.get_field(name).column) for name in names}


# The SQL is built once per database (and model): it only names our own tables.
@functools.cache
def _fragment_sql(model, using):
    # The item is named by its pk in the fragment row itself: the model is not read.
    table, column = _fragment_columns(connections[using])
    return (
        f"SELECT {column['parts']}, {column['valid_until']} FROM {table} "  # noqa: S608 - our own names
        f"WHERE {column['content_type']} = %s AND {column['object_id']} = %s "
        f"AND {column['generation']} = %s AND {column['day']} = %s"
    )


@functools.cache
def _fragment_by_slug_sql(model, using):
    connection = connections[using]
    quote = connection.ops.quote_name
    table, column = _fragment_columns(connection)
    meta = model._meta
    item_table = quote(meta.db_table)
    pk, slug = quote(meta.pk.column), quote(meta.get_field("slug").column)
    return (
        f"SELECT f.{column['parts']}, f.{column['valid_until']} FROM {table} f "  # noqa: S608 - our own names
        f"INNER JOIN {item_table} i ON i.{pk} = f.{column['object_id']} "
        f"WHERE f.{column['content_type']} = %s AND i.{slug} = %s "
        f"AND f.{column['generation']} = %s AND f.{column['day']} = %s"
    )


def _decoded(row, connection):
    if row is None:
        return None
    parts, until = row
    # Each backend's own decoding, as the ORM would apply it.
    parts = Fragment._meta.get_field("parts").from_db_value(parts, None, connection)
    if isinstance(until, str):
        until = datetime.datetime.fromisoformat(until)
    if until is not None and timezone.is_naive(until):
        until = timezone.make_aware(until, datetime.UTC)
    return parts, until


def _current(stored):
    """The stored parts if still true now (marking how long the page is), else None."""
    if stored is None:
        return None
    parts, until = stored
    if until is not None:
        if until <= timezone.now():
            return None
        generations.expires_at(until)
    return _safe(parts)


def stored_parts(model, slug, request):
    """The stored parts of the public ``model`` item at ``slug`` for a reader, or None.

    A reader's page is the stored parts alone (templates/content_page.html reads nothing
    else of the item), so when they are there the request reads no item row: one query
    instead of the row's ORM query and the parts'. Public by construction: parts are
    stored only for public items, and under the current generation only, which every
    change to what they show (the item unpublished, renamed, deleted; anything it
    links to) moves on. None (render the page the usual way) when there are none, for
    staff and previews (which never read stored parts), and without ``PAGE_CACHE``.
    """
    if not settings.PAGE_CACHE or not is_public_read(request):
        return None
    stamp = _stamp(generations.current(request))
    return _current(_read_by_slug(model, slug, stamp))


def page_parts(obj, request, *, public, is_preview=False):
    """The parts of ``obj``'s page for this request.

    ``public``: a reader's view of a public item, which may use and fill the store.
    Anything else (staff, a preview, a working draft) is rendered for this request only,
    as is everything when the page cache is switched off (``PAGE_CACHE``, which covers
    every copy kept for readers). ``is_preview``: marked noindex, without JSON-LD.
    """
    if not public or not settings.PAGE_CACHE:
        return _safe(render_parts(obj, is_preview=is_preview))
    generation = generations.current(request)
    stored = _current(_read(obj, _stamp(generation)))
    if stored is not None:
        return stored
    parts, until = generations.timed(render_parts, obj)
    _store(obj, generation, parts, until)
    if until is not None:
        generations.expires_at(until)
    return _safe(parts)


class _Render:
    """The on_commit callback rendering one item; comparable, so a transaction that
    saves the item several times renders it once."""

    def __init__(self, model, pk, using):
        self.model, self.pk, self.using = model, pk, using

    def __eq__(self, other):
        return isinstance(other, _Render) and (self.model, self.pk, self.using) == (
            other.model,
            other.pk,
            other.using,
        )

    __hash__ = None

    def __call__(self):
        obj = self.model._base_manager.using(self.using).filter(pk=self.pk).first()
        if obj is None or not obj.is_public:
            return
        generation = generations.current()  # read before rendering: see module docstring
        parts, until = generations.timed(render_parts, obj)
        _store(obj, generation, parts, until)


def render_on_commit(sender, instance, using=None, raw=False, **kwargs):
    """post_save of a publishable item: render its page once the transaction commits.

    After the generation's bump (queued first here), so the fragment is stored under
    the generation readers will ask for. A failure is logged, never raised: the save has
    committed, and the first reader renders the page instead.
    """
    if raw or not sender.page_template:
        return
    using = using or router.db_for_write(sender)
    # In the save's transaction: its readers find no fragment from before the save once
    # it commits, even when no other item's page changed (generation.parts stays); also
    # with the page cache off, so none is left to be found when it is on again.
    forget(sender, instance.pk, using)
    if not settings.PAGE_CACHE:
        return
    # Queued first, so the render comes after the bump; whether the bump also changes
    # the stored pages of other items is on_model_change's to say (pagecache).
    generations.bump_on_commit(using=using, parts_changed=False)
    callback = _Render(sender, instance.pk, using)
    connection = connections[using]
    if connection.in_atomic_block and any(
        entry[1] == callback for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(callback, using=using, robust=True)


def forget(model, pk, using="default"):
    """Delete the stored page of the ``model`` item ``pk`` (in the current transaction)."""
    Fragment.objects.using(using).filter(
        content_type_id=_content_type_id(model, using), object_id=pk
    ).delete()


def forget_on_delete(sender, instance, using=None, **kwargs):
    """post_delete of a publishable item: its stored page goes with it."""
    if sender.page_template:
        forget(sender, instance.pk, using or router.db_for_write(sender))
