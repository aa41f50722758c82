"""PostgreSQL-only indexes for search; on SQLite these operations do nothing.

Hand-written (keep it when regenerating migrations): GIN indexes on the stored
weighted search vector and on the title vector, and a GIN trigram index on the
spelling word list for misspelt queries ("kratum", "insomina").
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("search_doc_vector_gin", "search_searchdocument USING gin (search_vector)"),
    ("search_doc_title_gin", "search_searchdocument USING gin (title_vector)"),
    ("search_term_word_trgm", "search_searchterm USING gin (word gin_trgm_ops)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
