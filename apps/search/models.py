"""The search index: one row per public content item, plus editor-managed synonyms.

Content apps own their models; search keeps its own copy of the text it needs so one
query can search every content type at once. ``status`` and ``published_at`` are
copied too, so the index is filtered with the same ``public_q()`` rule as every
other public page (a scheduled item appears in search at its publication time
without re-indexing).
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from apps.editorial.models import PublishableQuerySet, Status, public_q


class SearchDocumentQuerySet(PublishableQuerySet):
    def public(self):
        return self.filter(public_q())


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40, help_text="The content type's model name.")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    summary = models.CharField(max_length=400, blank=True)
    url = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    # Filled on PostgreSQL only (title weight A, body weight B); on SQLite the column
    # exists but stays empty and search falls back to icontains.
    search_vector = SearchVectorField(null=True, editable=False)
    # The title's lexemes alone: a cheap, indexed test for "title matches", which is
    # what puts title matches first.
    title_vector = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="search_doc_public_idx"),
            models.Index(fields=["kind", "status", "published_at"], name="search_doc_kind_idx"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    def get_absolute_url(self):
        return self.url


class SearchTerm(models.Model):
    """Every word in the index, so a misspelt query word can be matched to a real one.

    PostgreSQL's documented approach to spelling suggestions: a word list with a
    trigram index, searched with similarity() (a GIN trigram index is added by a
    PostgreSQL-only migration).
    """

    word = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.word


class Synonym(models.Model):
    term = models.CharField(
        max_length=60,
        unique=True,
        help_text='A word readers search for, such as "ketum". Lower case.',
    )
    canonical = models.CharField(
        max_length=60,
        help_text='The word our pages use, such as "kratom". Searches for the term also find it.',
    )

    class Meta:
        ordering = ["canonical", "term"]

    def __str__(self):
        return f"{self.term} → {self.canonical}"

    def save(self, *args, **kwargs):
        self.term = " ".join(self.term.lower().split())
        self.canonical = " ".join(self.canonical.lower().split())
        super().save(*args, **kwargs)
