"""Full-text search on SQLite: FTS5 tables, created here only when the database is SQLite.

Hand-written parts (keep them when regenerating): ``create_sqlite_tables`` makes
``search_fts`` (porter stemming over unicode61, one column per search weight) and
``search_term_trigrams`` (the spelling word list, trigram-tokenised), then fills both
and every row's ``title_key`` from the rows already indexed. PostgreSQL keeps its
own index (migrations 0002 and 0003), so there this does nothing but ``title_key``.
"""

import re

import apps.search.models
import django.db.models.deletion
from django.db import migrations, models


FTS_TABLES = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, a, b, c, d, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_term_trigrams USING fts5("
    "word, tokenize = 'trigram')",
]
LETTERS = "ABCD"


def create_sqlite_tables(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    documents = list(SearchDocument.objects.all())
    for document in documents:
        document.title_key = " ".join(re.findall(r"\w+", document.title.lower()))[:300]
    SearchDocument.objects.bulk_update(documents, ["title_key"], batch_size=500)
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in FTS_TABLES:
        schema_editor.execute(statement)
    rows = []
    for document in documents:
        columns = dict.fromkeys(LETTERS, "")
        columns[document.title_weight] += document.title + "\n"
        columns[document.body_weight] += document.body
        rows.append((document.pk, document.title, *columns.values()))
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, a, b, c, d) VALUES (%s, %s, %s, %s, %s, %s)", rows
        )
        cursor.execute(
            "INSERT INTO search_term_trigrams (rowid, word) SELECT id, word FROM search_searchterm"
        )


def drop_sqlite_tables(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in ("search_fts", "search_term_trigrams"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_gin_indexes_without_pending_list'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchIndexRow',
            fields=[
                ('document', models.OneToOneField(db_column='rowid', db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='search.searchdocument')),
                ('search_fts', apps.search.models.FullTextField(db_column='search_fts')),
                ('title', apps.search.models.FullTextField()),
                ('a', apps.search.models.FullTextField()),
                ('b', apps.search.models.FullTextField()),
                ('c', apps.search.models.FullTextField()),
                ('d', apps.search.models.FullTextField()),
            ],
            options={
                'db_table': 'search_fts',
                'managed': False,
            },
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='body_weight',
            field=models.CharField(choices=[('A', 'A'), ('B', 'B'), ('C', 'C'), ('D', 'D')], default='B', max_length=1),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='title_key',
            field=models.CharField(blank=True, db_index=True, max_length=300),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='title_weight',
            field=models.CharField(choices=[('A', 'A'), ('B', 'B'), ('C', 'C'), ('D', 'D')], default='A', max_length=1),
        ),
        migrations.RunPython(create_sqlite_tables, drop_sqlite_tables, elidable=False),
    ]
