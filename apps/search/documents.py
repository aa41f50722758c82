"""Keeping the search index in step with the content.

The index stores whatever each registered content type declares in
``search_entry()`` (apps.editorial.indexing); nothing here names a content field.
An item is re-indexed after the transaction that saved it commits, so the index never
holds text that was rolled back; ``manage.py rebuild_search_index`` rebuilds
everything in bulk.

On PostgreSQL each row's weighted ``tsvector`` columns are filled by the database;
on SQLite the same text goes into the FTS5 table ``search_fts`` (see SearchIndexRow).
Either way the row's words go into the spelling word list (SearchTerm).
"""

import re
import unicodedata
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, transaction
from django.db.models import F, Func
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.editorial.registry import publishable_models
from apps.pagecache.generation import bump_on_commit

from .models import SearchDocument, SearchTerm

# The highlighter marks matches with these private-use characters, then the template
# escapes the text and only then turns them into <mark>; so they must never be in it.
MARK_START, MARK_END = "\ue000", "\ue001"
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ud800-\udfff]")
WORD_RE = re.compile(r"\w+", re.UNICODE)
# Spelling candidates: whole alphabetic words of a useful length.
TERM_RE = re.compile(r"^[^\W\d_]{3,60}$")


def clean_text(text):
    return _UNSAFE.sub("", unicodedata.normalize("NFC", text or ""))


def words(text):
    return WORD_RE.findall((text or "").lower())


def title_key(text):
    """A title or query reduced to its words, so "Does kratom cause insomnia?" equals
    "does kratom cause insomnia" (the exact-title rule)."""
    return " ".join(words(text))[:300]


def is_postgres():
    return connection.vendor == "postgresql"


def is_sqlite():
    return connection.vendor == "sqlite"


def document_values(obj):
    entry = obj.search_entry()
    title = clean_text(entry.title)[:300]
    return {
        "kind": entry.kind,
        "title": title,
        "title_key": title_key(title),
        "body": clean_text(entry.body),
        "summary": clean_text(entry.summary)[:400],
        "title_weight": entry.title_weight,
        "body_weight": entry.body_weight,
        "url": obj.get_absolute_url(),
        "status": obj.status,
        "published_at": obj.published_at,
        "updated_at": obj.updated_at,
    }


# --- the database's own full-text index --------------------------------------------------


def _weighted(field, weight_field):
    """setweight(to_tsvector(field), the row's own weight letter)."""
    return Func(
        SearchVector(field, config="english"),
        F(weight_field),
        template='setweight(%(expressions)s::"char")',
        output_field=SearchVectorField(),
    )


def vector_updates():
    """PostgreSQL: each row's title and body at the weights its content type declared."""
    return {
        "search_vector": Func(
            _weighted("title", "title_weight"),
            _weighted("body", "body_weight"),
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=SearchVectorField(),
        ),
        "title_vector": SearchVector("title", config="english"),
    }


FTS_COLUMNS = {"A": "a", "B": "b", "C": "c", "D": "d"}


def _fts_row(document_id, title, body, title_weight, body_weight):
    columns = dict.fromkeys(FTS_COLUMNS.values(), "")
    columns[FTS_COLUMNS[title_weight]] += title
    column = FTS_COLUMNS[body_weight]
    columns[column] = f"{columns[column]}\n{body}" if columns[column] else body
    return (document_id, title, *columns.values())


def refresh_full_text(document_ids=None):
    """Bring the database's full-text index up to date for these documents (or all)."""
    documents = SearchDocument.objects.all()
    if document_ids is not None:
        documents = documents.filter(pk__in=document_ids)
    if is_postgres():
        documents.update(**vector_updates())
    elif is_sqlite():
        rows = documents.values_list("pk", "title", "body", "title_weight", "body_weight")
        with connection.cursor() as cursor:
            _delete_fts_rows(cursor, document_ids)
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, a, b, c, d) VALUES (%s, %s, %s, %s, %s, %s)",
                [_fts_row(*row) for row in rows.iterator(chunk_size=500)],
            )
    refresh_terms(document_ids)


def _delete_fts_rows(cursor, document_ids=None):
    if document_ids is None:
        cursor.execute("DELETE FROM search_fts")
    else:
        cursor.executemany(
            "DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in document_ids]
        )


WORDS_OF_ALL = "SELECT to_tsvector('simple', title || ' ' || body) FROM search_searchdocument"
WORDS_OF_SOME = WORDS_OF_ALL + " WHERE id = ANY(%L)"


def refresh_terms(document_ids=None):
    """Add the words of the given documents (or all) to the spelling word list."""
    if is_postgres():
        inner = WORDS_OF_ALL if document_ids is None else WORDS_OF_SOME
        with connection.cursor() as cursor:
            # ts_stat takes its query as text; the ids are interpolated by PostgreSQL's
            # format() so they never pass through Python string formatting.
            cursor.execute(
                """
                INSERT INTO search_searchterm (word)
                SELECT word FROM ts_stat(format(%s, %s::bigint[]))
                WHERE length(word) BETWEEN 3 AND 60 AND word ~ '^[[:alpha:]]+$'
                ON CONFLICT (word) DO NOTHING
                """,
                [inner, list(document_ids or [])],
            )
        return
    documents = SearchDocument.objects.all()
    if document_ids is not None:
        documents = documents.filter(pk__in=document_ids)
    found = set()
    for title, body in documents.values_list("title", "body").iterator(chunk_size=500):
        found.update(word for word in words(f"{title} {body}") if TERM_RE.match(word))
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(found)], batch_size=500, ignore_conflicts=True
    )
    if is_sqlite():
        with connection.cursor() as cursor:
            # The trigram table mirrors the word list; its rowid is the word's id.
            cursor.execute(
                "INSERT INTO search_term_trigrams (rowid, word) SELECT id, word "
                "FROM search_searchterm WHERE id > "
                "(SELECT coalesce(max(rowid), 0) FROM search_term_trigrams)"
            )


# --- indexing one item, or everything -----------------------------------------------------


def index_object(obj):
    content_type = ContentType.objects.get_for_model(type(obj))
    document, _ = SearchDocument.objects.update_or_create(
        content_type=content_type, object_id=obj.pk, defaults=document_values(obj)
    )
    refresh_full_text([document.pk])
    return document


def remove_object(model, pk):
    documents = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    )
    ids = list(documents.values_list("pk", flat=True))
    documents.delete()
    if ids and is_sqlite():
        with connection.cursor() as cursor:
            _delete_fts_rows(cursor, ids)


def rebuild_index(batch_size=500):
    """Re-index every item of every content type in bulk; returns counts by kind."""
    counts = {}
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        if is_sqlite():
            with connection.cursor() as cursor:
                _delete_fts_rows(cursor)
                cursor.execute("DELETE FROM search_term_trigrams")
        for model in publishable_models():
            content_type = ContentType.objects.get_for_model(model)
            queryset = model.objects.order_by("pk").prefetch_related(*model.search_related)
            documents = [
                SearchDocument(content_type=content_type, object_id=obj.pk, **document_values(obj))
                for obj in queryset.iterator(chunk_size=batch_size)
            ]
            SearchDocument.objects.bulk_create(documents, batch_size=batch_size)
            counts[model._meta.model_name] = len(documents)
        refresh_full_text()
        # Search pages cached before the rebuild are never served after it.
        bump_on_commit()
    return counts


# --- after a commit: signals -------------------------------------------------------------


def _reindex_later(model, pk):
    """Re-index (or drop) the item once the current transaction commits."""

    def reindex():
        obj = model._base_manager.filter(pk=pk).first()
        if obj is None:
            remove_object(model, pk)
        else:
            index_object(obj)

    transaction.on_commit(reindex)


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the index is rebuilt afterwards
        return
    _reindex_later(type(instance), instance.pk)


def _on_delete(sender, instance, **kwargs):
    transaction.on_commit(partial(remove_object, type(instance), instance.pk))


def _on_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and instance.pk:
        _reindex_later(type(instance), instance.pk)


def _related_saved(model, fk_name):
    """A related row (an FAQ item) changed: re-index the item it belongs to."""

    def handler(sender, instance, raw=False, **kwargs):
        parent_id = getattr(instance, f"{fk_name}_id", None)
        if not raw and parent_id is not None:
            _reindex_later(model, parent_id)

    return handler


def connect_signals():
    for model in publishable_models():
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
        for name in model.search_related:
            relation = model._meta.get_field(name)
            if relation.many_to_many:
                m2m_changed.connect(_on_m2m, sender=getattr(model, name).through, dispatch_uid=uid)
            elif relation.one_to_many:
                handler = _related_saved(model, relation.field.name)
                child = relation.related_model
                post_save.connect(handler, sender=child, dispatch_uid=uid, weak=False)
                post_delete.connect(handler, sender=child, dispatch_uid=uid, weak=False)
