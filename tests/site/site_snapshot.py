"""What a reader and an auditor can see of the site, to compare before and after a restore.

Imported by tests/site/test_backup.py and by the fresh process it restores into.
"""

import hashlib
import re

from django.contrib.admin.models import LogEntry

FIXED_URLS = [
    "/", "/about/", "/privacy/", "/editorial-policy/", "/topics/", "/articles/",
    "/alternatives/", "/alternatives/evidence/", "/help/", "/search/?q=sleep",
    "/feeds/articles/", "/sitemap.xml", "/robots.txt", "/.well-known/security.txt",
    "/api/hsds/", "/api/hsds/services?per_page=100", "/api/hsds/organizations?per_page=100",
    "/api/hsds/taxonomies", "/api/hsds/taxonomy_terms?per_page=100",
]  # fmt: skip
LOC = re.compile(r"<loc>([^<]+)</loc>")
API_ID = re.compile(r'"id": "([0-9a-f-]{36})"')


def public_urls(client):
    """Every page the sitemap lists and every API record, besides the fixed pages."""
    urls, pending = list(FIXED_URLS), ["/sitemap.xml"]
    while pending:
        for loc in LOC.findall(client.get(pending.pop()).content.decode()):
            path = "/" + loc.split("://", 1)[-1].partition("/")[2]
            (pending if path.endswith(".xml") else urls).append(path)
    for kind in ("services", "organizations"):
        body = client.get(f"/api/hsds/{kind}?per_page=100").content.decode()
        urls += [f"/api/hsds/{kind}/{pk}" for pk in dict.fromkeys(API_ID.findall(body))]
    return list(dict.fromkeys(urls))


def pages(client, urls):
    snapshot = {}
    for url in urls:
        response = client.get(url)
        body = response.content
        snapshot[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
    return snapshot


def admin_history():
    """The admin's change log, and every revision of every model with history."""
    from django.apps import apps  # noqa: PLC0415

    log = [
        [entry.action_time.isoformat(), entry.user.get_username(),
         list(entry.content_type.natural_key()) if entry.content_type else None, entry.object_id,
         entry.object_repr, entry.action_flag, entry.change_message]
        for entry in LogEntry.objects.select_related("user", "content_type").order_by("pk")
    ]  # fmt: skip
    revisions = {}
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            revisions[model._meta.label] = [
                [row.history_id, str(row.pk), row.history_type, row.history_date.isoformat(),
                 row.history_user_id]
                for row in model.objects.order_by("history_id")
            ]  # fmt: skip
    return {"log": log, "revisions": revisions}
