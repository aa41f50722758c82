"""PostgreSQL only: keep the search vectors in the table's own rows, not in TOAST.

Hand-written (keep it when regenerating migrations). A 500-word article's weighted
vector is about 2.2 KB, just over the 2 KB at which PostgreSQL moves a value out of
line; a search then fetched every candidate's vector from the TOAST table twice (to
test the match and to rank it), which made ranking 600 candidates about ten times
slower (5 ms instead of 0.5 ms idle). STORAGE MAIN keeps the vectors in the row and
lets the body go out of line instead; the body is read only for the ten snippets of
a results page. A vector larger than a page still goes out of line, as a last resort.

Existing vectors keep their old storage until rewritten, so they are rewritten here
(concatenating an empty vector makes a new value; an unchanged one would be kept).
"""

from django.db import migrations

COLUMNS = ["search_vector", "title_vector"]


def set_storage(storage):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = "search_searchdocument"
        alter = ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in COLUMNS)
        schema_editor.execute(f"ALTER TABLE {table} {alter}")
        rewrite = ", ".join(f"{column} = {column} || ''::tsvector" for column in COLUMNS)
        schema_editor.execute(f"UPDATE {table} SET {rewrite} WHERE search_vector IS NOT NULL")

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0005_review_statuses")]

    operations = [
        migrations.RunPython(set_storage("MAIN"), set_storage("EXTENDED"), elidable=False),
    ]
