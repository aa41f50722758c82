"""The search index: one row per content item, plus editor-managed synonyms.

Content apps own their models; search keeps its own copy of the text each item
declares (``search_entry()``) so one query can search every content type at once.
``status`` and ``published_at`` are copied too, so the index is filtered with the same
``public_q()`` rule as every other public page (a scheduled item appears in search at
its publication time without re-indexing).

The full-text index itself is the database's own: weighted ``tsvector`` columns with
GIN indexes on PostgreSQL, an FTS5 table (``SearchIndexRow``) on SQLite.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from apps.editorial.indexing import WEIGHT_LETTERS
from apps.editorial.models import PublishableQuerySet, Status, public_q

WEIGHT_CHOICES = [(letter, letter) for letter in WEIGHT_LETTERS]


class SearchDocumentQuerySet(PublishableQuerySet):
    def public(self):
        return self.filter(public_q())


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40, help_text="The content type's model name.")
    title = models.CharField(max_length=300)
    # The title's words, lower case, one space apart: a query equal to it is an exact
    # title match, which ranks first on every database.
    title_key = models.CharField(max_length=300, blank=True, db_index=True)
    body = models.TextField(blank=True)
    title_weight = models.CharField(max_length=1, choices=WEIGHT_CHOICES, default="A")
    body_weight = models.CharField(max_length=1, choices=WEIGHT_CHOICES, default="B")
    summary = models.CharField(max_length=400, blank=True)
    url = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    # Filled on PostgreSQL only (title and body at their declared weights); SQLite
    # keeps the same text in its FTS5 table instead.
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


class FullTextField(models.TextField):
    """A column of an SQLite FTS5 table; ``field__match="words"`` is FTS5's MATCH."""


@FullTextField.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SearchIndexRow(models.Model):
    """SQLite only: a row of the FTS5 table ``search_fts`` (created by migration 0004).

    Its rowid is the SearchDocument's id. ``title`` is searched on its own for the
    "title has every word" rule (weight 0 in bm25); the text at each weight letter is
    in ``a`` … ``d``, so bm25 weighs each item's text as that item declared.
    """

    document = models.OneToOneField(
        SearchDocument,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    # FTS5's hidden column named after the table: MATCH on it searches every column.
    search_fts = FullTextField(db_column="search_fts")
    title = FullTextField()
    a = FullTextField()
    b = FullTextField()
    c = FullTextField()
    d = FullTextField()

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"Full-text entry of search document {self.document_id}"


class SearchTerm(models.Model):
    """Every word in the index, so a misspelt query word can be matched to a real one.

    PostgreSQL's documented approach to spelling suggestions: a word list with a
    trigram index, searched with similarity() (a GIN trigram index is added by a
    PostgreSQL-only migration). On SQLite an FTS5 trigram table over the same words
    (``search_term_trigrams``, migration 0004) finds the candidates.
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
