"""A portable backup of the whole site, and its restore.

One JSON file (gzip-compressed when its name ends in ``.gz``) holding every row editors
and readers created: content and its revision history, help services, standing pages
(flatpages) with their sites, redirects, site settings, feedback, staff accounts, groups,
the admin's change log and the search index. It is Django's own serialisation, so it
restores into SQLite or PostgreSQL alike.

- Primary keys are kept, so history rows, the admin log and feedback still point at the
  right items.
- Content types and permissions are written by natural key (``articles.article``), not by
  id: a fresh database numbers them in its own order, and ``migrate`` creates them.
- Left out: sessions (staff sign in again) and the cache (rebuilt as pages are read).
  The search index is rebuilt after a restore.
"""

import datetime

from django.apps import apps
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.core.management.color import no_style
from django.core.serializers import json
from django.db import connection, transaction

# Rebuilt by migrate (content types, permissions) or worthless after a restore (sessions).
EXCLUDED = ("contenttypes", "auth.permission", "sessions")
FORMAT = "nightlight-backup"


class PreciseEncoder(json.DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds only, so a restored
    site would show (and order by) slightly different publication and history times."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    """Django's JSON serialiser with PreciseEncoder; files load with the plain JSON one."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = PreciseEncoder


Deserializer = json.Deserializer


def backed_up_models():
    excluded = set(EXCLUDED)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded
        and model._meta.label_lower not in excluded
        and model._meta.managed
        and not model._meta.proxy
    ]


def backup(path):
    serializers.register_serializer(FORMAT, __name__)
    call_command(
        "dumpdata",
        *[model._meta.label for model in backed_up_models()],
        format=FORMAT,
        output=str(path),
        natural_foreign=True,
        indent=None,
        verbosity=0,
    )


@transaction.atomic
def restore(path):
    """Replace everything the backup holds with its contents, in one transaction."""
    models = backed_up_models()
    tables = {model._meta.db_table for model in models}
    for model in models:
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.add(field.remote_field.through._meta.db_table)
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables), reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)
    call_command("loaddata", str(path), verbosity=0)
    # The search index is derived from the content, and on SQLite part of it lives in
    # FTS5 tables that are not models (so no backup holds them): rebuild it.
    if "rebuild_search_index" in get_commands():
        call_command("rebuild_search_index", verbosity=0)
    # Loading bypasses save(), so nothing cleared cached copies of the old rows.
    transaction.on_commit(cache.clear)
