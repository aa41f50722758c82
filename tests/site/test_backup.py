"""`manage.py backup` and `restore` round-trip the whole site into a fresh database.

The test fills the site (demo content, an edit with history, feedback resolved in the
admin, a redirect), reads every public page and API response, backs up, then in a new
process migrates an empty database (SQLite file, or a new PostgreSQL database when the
suite runs on PostgreSQL), restores into it and reads them all again. On SQLite the file
starts as a copy of the test workers' migrated template, so that migrate has nothing to do.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from apps.articles.models import Article
from apps.feedback.models import Feedback
from apps.site.models import SiteSettings

from .site_snapshot import admin_history, pages, public_urls

ROOT = Path(__file__).resolve().parents[2]

RESTORE_AND_READ = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from tests.site.site_snapshot import admin_history, pages

setup_test_environment()
settings.DEBUG = False  # as in the test process (pytest-django)
call_command("migrate", verbosity=0)
call_command("restore", sys.argv[1], interactive=False, verbosity=0)
urls = json.loads(open(sys.argv[2]).read())
print(json.dumps({"pages": pages(Client(), urls), "history": admin_history()}))
"""


@pytest.fixture
def fresh_database_url(tmp_path, django_db_modify_db_settings):
    """An empty database of the same kind as the test database."""
    if connection.vendor != "postgresql":
        fresh = tmp_path / "restored.sqlite3"
        # The migrated template the test workers start from (tests/conftest.py), when
        # there is one: the new process's `migrate` then finds nothing to do instead of
        # running every migration (the template is exactly what that migrate makes).
        template = getattr(django_db_modify_db_settings, "template", None)
        if template is not None and template.exists():
            shutil.copyfile(template, fresh)
        yield f"sqlite:///{fresh}"
        return
    import psycopg  # noqa: PLC0415
    from psycopg import sql  # noqa: PLC0415

    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    server = (
        f"{quote(params['USER'] or '')}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    )
    admin = f"postgres://{server}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield f"postgres://{server}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def lived_in_site(admin_client):
    call_command("load_demo_content", verbosity=0)
    admin = User.objects.get(username="admin")
    article = Article.objects.public().first()
    article.title = article.title + " (updated)"
    article._history_user = admin
    article.save()
    old_url = article.get_absolute_url()
    article.slug = article.slug + "-new"
    article.save()  # a published slug change leaves a redirect behind
    settings_row = SiteSettings.objects.get_or_create(pk=1)[0]
    settings_row.emergency_numbers = "112 (EU) · 999 (UK)"
    settings_row.save()
    feedback = Feedback.objects.create(page="/", helpful=False, message="A typo")
    admin_client.post(
        "/admin/feedback/feedback/", {"action": "mark_resolved", "_selected_action": [feedback.pk]}
    )
    return old_url


def test_backup_restores_every_page_api_response_and_the_history(
    client, lived_in_site, fresh_database_url, tmp_path
):
    urls = public_urls(client) + [lived_in_site]
    before = {"pages": pages(client, urls), "history": admin_history()}
    assert before["history"]["log"], "the admin action should have been logged"
    assert before["pages"][lived_in_site][0] == 301
    assert len(before["pages"]) > 40

    backup = tmp_path / "site.json.gz"
    call_command("backup", str(backup))
    url_file = tmp_path / "urls.json"
    url_file.write_text(json.dumps(urls))
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DATABASE_URL")}
    env |= {"DATABASE_URL": fresh_database_url, "DJANGO_SETTINGS_MODULE": "hub.settings"}
    result = subprocess.run(
        [sys.executable, "-c", RESTORE_AND_READ, str(backup), str(url_file)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    after = json.loads(result.stdout.strip().splitlines()[-1])

    different = [url for url in urls if before["pages"][url] != after["pages"][url]]
    assert not different, different
    assert after["history"] == before["history"]
