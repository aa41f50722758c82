"""Keeping the search index in step with the content.

Each content type says which field is its title and which Markdown fields are its
body (``INDEXED_FIELDS``); anything else that inherits Publishable is indexed from
``str()`` and its citation fields. Signals re-index an item whenever it is saved or
deleted, and ``manage.py rebuild_search_index`` rebuilds everything in bulk.
"""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.editorial.markdown import plain_text
from apps.editorial.registry import publishable_models

from .models import SearchDocument, SearchTerm

# label -> (title field, body fields, related item field whose items are added to the body)
INDEXED_FIELDS = {
    "articles.article": ("title", ("standfirst", "body"), "faq_items"),
    "alternatives.alternative": ("name", ("summary", "steps"), None),
    "referrals.service": ("name", ("description",), None),
}

# The highlighter marks matches with these private-use characters, then the template
# escapes the text and only then turns them into <mark>; so they must never be in it.
MARK_START, MARK_END = "\ue000", "\ue001"
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ud800-\udfff]")


def clean_text(text):
    return _UNSAFE.sub("", unicodedata.normalize("NFC", text or ""))


def _item_text(item):
    if isinstance(item, dict):
        return " ".join(str(v) for v in item.values() if isinstance(v, str))
    parts = [getattr(item, name, "") for name in ("question", "answer", "title", "text")]
    return " ".join(part for part in parts if isinstance(part, str)) or str(item)


def _related_text(obj, name):
    if not name or not hasattr(obj, name):
        return ""
    value = getattr(obj, name)
    if hasattr(value, "all"):
        value = value.all()
    if isinstance(value, str):
        return value
    try:
        return "\n".join(_item_text(item) for item in value or ())
    except TypeError:
        return ""


def fields_for(model):
    label = model._meta.label_lower
    if label in INDEXED_FIELDS:
        return INDEXED_FIELDS[label]
    return (None, tuple(model.citation_fields), None)


def document_values(obj):
    title_field, body_fields, related = fields_for(type(obj))
    title = getattr(obj, title_field, "") if title_field else str(obj)
    body = "\n".join(plain_text(getattr(obj, name, "") or "") for name in body_fields)
    extra = _related_text(obj, related)
    if extra:
        body = f"{body}\n{plain_text(extra)}"
    return {
        "kind": obj._meta.model_name,
        "title": clean_text(str(title))[:300],
        "body": clean_text(body),
        "summary": clean_text(plain_text(obj.meta_description, limit=300)),
        "url": obj.get_absolute_url(),
        "status": obj.status,
        "published_at": obj.published_at,
        "updated_at": obj.updated_at,
    }


def weighted_vector():
    return SearchVector("title", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )


def vector_updates():
    return {
        "search_vector": weighted_vector(),
        "title_vector": SearchVector("title", config="english"),
    }


def is_postgres():
    return connection.vendor == "postgresql"


def index_object(obj):
    content_type = ContentType.objects.get_for_model(type(obj))
    document, _ = SearchDocument.objects.update_or_create(
        content_type=content_type, object_id=obj.pk, defaults=document_values(obj)
    )
    if is_postgres():
        SearchDocument.objects.filter(pk=document.pk).update(**vector_updates())
        refresh_terms(document_ids=[document.pk])
    return document


def remove_object(obj):
    SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).delete()


WORDS_OF_ALL = "SELECT to_tsvector('simple', title || ' ' || body) FROM search_searchdocument"
WORDS_OF_SOME = WORDS_OF_ALL + " WHERE id = ANY(%L)"


def refresh_terms(document_ids=None):
    """Add the words of the given documents (or all) to the spelling word list."""
    if not is_postgres():
        return
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


def rebuild_index(batch_size=500):
    """Re-index every item of every content type in bulk; returns counts by kind."""
    counts = {}
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        for model in publishable_models():
            content_type = ContentType.objects.get_for_model(model)
            _, _, related = fields_for(model)
            queryset = model.objects.order_by("pk")
            if related and hasattr(model, related) and hasattr(getattr(model, related), "rel"):
                queryset = queryset.prefetch_related(related)
            documents = [
                SearchDocument(content_type=content_type, object_id=obj.pk, **document_values(obj))
                for obj in queryset.iterator(chunk_size=batch_size)
            ]
            SearchDocument.objects.bulk_create(documents, batch_size=batch_size)
            counts[model._meta.model_name] = len(documents)
        if is_postgres():
            SearchDocument.objects.update(**vector_updates())
            refresh_terms()
    return counts


# --- signals -------------------------------------------------------------------------


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the index is rebuilt afterwards
        return
    index_object(instance)


def _on_delete(sender, instance, **kwargs):
    remove_object(instance)


def connect_signals():
    for model in publishable_models():
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
        _, _, related = fields_for(model)
        descriptor = getattr(model, related, None) if related else None
        rel = getattr(descriptor, "rel", None)
        if rel is None:
            continue
        if rel.many_to_many:
            m2m_changed.connect(_on_m2m, sender=getattr(model, related).through, dispatch_uid=uid)
        elif rel.one_to_many:
            # FAQ items saved after their article (admin inlines): re-index the article.
            child = rel.related_model
            fk_name = rel.field.name
            post_save.connect(_child_saved(fk_name), sender=child, dispatch_uid=uid, weak=False)
            post_delete.connect(_child_saved(fk_name), sender=child, dispatch_uid=uid, weak=False)


def _child_saved(fk_name):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:
            return
        parent_id = getattr(instance, f"{fk_name}_id", None)
        model = instance._meta.get_field(fk_name).related_model
        if parent_id is None:
            return

        parent = model.objects.filter(pk=parent_id).first()
        if parent is not None:
            index_object(parent)

    return handler


def _on_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and hasattr(instance, "status"):
        index_object(instance)
