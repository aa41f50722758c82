"""Start-up check: on SQLite, search needs the FTS5 extension (with its trigram tokenizer)."""

import sqlite3

from django.core.checks import Error, register
from django.db import connections

FTS5_PROBE = [
    "CREATE VIRTUAL TABLE probe USING fts5(text, tokenize = 'porter unicode61')",
    "CREATE VIRTUAL TABLE probe_trigrams USING fts5(text, tokenize = 'trigram')",
]


def sqlite_has_fts5(connect=sqlite3.connect):
    """True when this Python's SQLite can build the search tables (checked in memory)."""
    try:
        with connect(":memory:") as probe:
            for statement in FTS5_PROBE:
                probe.execute(statement)
    except sqlite3.Error:
        return False
    return True


@register()
def check_full_text_search(app_configs=None, **kwargs):
    uses_sqlite = any(connection.vendor == "sqlite" for connection in connections.all())
    if not uses_sqlite or sqlite_has_fts5():
        return []
    return [
        Error(
            f"Search needs SQLite's FTS5 extension with the trigram tokenizer (SQLite 3.34 or "
            f"newer), but this Python's SQLite {sqlite3.sqlite_version} lacks it.",
            hint="Use a Python 3.12+ build whose sqlite3 has FTS5 (python.org, Debian and "
            "Homebrew builds do), or set DATABASE_URL to a PostgreSQL database.",
            id="search.E001",
        )
    ]
