"""Every admin URL pattern, with hostile ids and filter values, as a superuser: no 5xx.

The patterns are read from the admin site's URL resolver, so a new ModelAdmin or a
new admin view is walked without editing this test.
"""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver

from tests.editorial.test_no_lost_edits import EDITABLE

pytestmark = pytest.mark.django_db

HOSTILE_IDS = ["abc", "0", "-1", "1.5", "99999999999999999999", "%00", "1%00", "%E2%80%AE"]
HOSTILE_QUERIES = [
    "q=%00",
    "q=" + "x" * 3000,
    "o=abc",
    "o=99",
    "p=-1",
    "p=abc",
    "e=1",
    "_to_field=password",
    "_popup=1&_to_field=id",
    "status=%00",
    "status__exact=%00",
    "id__gt=abc",
    "pk=%00",
    "review=%00",
    "workflow=nope",
    "published_at__year=-1",
    "published_at__year=100000000000000000000",
    "published_at__year=2026&published_at__month=13",
    "published_at__year=2026&published_at__month=2&published_at__day=31",
    "created_at__year=-1",
    "created_at__year=100000000000000000000",
    "created_at__year=2026&created_at__month=0",
    "older=x&newer=%00",
]
PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _routes(patterns, prefix=""):
    for entry in patterns:
        text = str(entry.pattern).lstrip("^").rstrip("$").replace("\\/", "/")
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + text)
        elif isinstance(entry, URLPattern):
            yield prefix + text


def _urls(real_ids):
    urls = set()
    for route in _routes(admin.site.get_urls()):
        names = [a or b for a, b in PLACEHOLDER.findall(route)]
        if not names:
            urls.add("/admin/" + route)
            continue
        values = HOSTILE_IDS + real_ids
        for value in values:
            url = PLACEHOLDER.sub(lambda m, v=value: v, route)
            urls.add("/admin/" + url)
    return sorted(urls)


def test_no_admin_url_answers_5xx_to_hostile_ids_or_filters(admin_client):
    admin_client.raise_request_exception = False  # count 5xx rather than stop at one
    real_ids = []
    for make, _, _ in EDITABLE.values():
        real_ids.append(str(make().pk))
    real_ids = sorted(set(real_ids))[:3]
    requests, failures = 0, []
    for url in _urls(real_ids):
        response = admin_client.get(url)
        requests += 1
        if response.status_code >= 500:
            failures.append((url, response.status_code))
    for label in EDITABLE:
        changelist = f"/admin/{label.replace('.', '/')}/"
        for query in HOSTILE_QUERIES:
            response = admin_client.get(f"{changelist}?{query}")
            requests += 1
            if response.status_code >= 500:
                failures.append((f"{changelist}?{query}", response.status_code))
    print(f"admin fuzz: {requests} requests, {len(failures)} answered 5xx")
    assert requests > 500
    assert failures == [], "\n".join(f"{code} {url}" for url, code in failures)
