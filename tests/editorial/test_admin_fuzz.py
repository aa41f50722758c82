"""Every admin URL pattern, with hostile ids and filter values, as a superuser: no 5xx.

One test per registered model (and one for the routes of none), so xdist can share the
walk between workers; the rows it needs are made once for the module.

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


MODELS = sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry)
SITE_WIDE = "admin-site"  # the index, sign-in, view-on-site... : routes of no one model


def _group(route):
    for label in MODELS:
        if route.startswith(label.replace(".", "/") + "/"):
            return label
    return SITE_WIDE


def _urls(group, ids):
    urls = set()
    for route in _routes(admin.site.get_urls()):
        if _group(route) != group:
            continue
        if not PLACEHOLDER.search(route):
            urls.add("/admin/" + route)
            continue
        for value in ids:
            urls.add("/admin/" + PLACEHOLDER.sub(lambda m, v=value: v, route))
    return sorted(urls)


@pytest.fixture(scope="module")
def _made(module_atomic):
    """One row of every editable model, made once for the module (each test's own
    changes roll back); label -> its primary key."""
    return {label: str(make().pk) for label, (make, _, _) in EDITABLE.items()}


def _ids(group, made):
    # A model's own pages get the hostile ids and its own row's pk: another model's pk
    # there is the missing-row or unparsable-id path the hostile ids already take. Routes
    # of no one model (and a model with no row here) get the first few real pks instead.
    if group in made:
        return [*HOSTILE_IDS, made[group]]
    return [*HOSTILE_IDS, *sorted(set(made.values()))[:3]]


def test_every_admin_model_and_the_site_wide_routes_are_walked():
    groups = {_group(route) for route in _routes(admin.site.get_urls())}
    assert groups == {*MODELS, SITE_WIDE}
    assert set(EDITABLE) <= set(MODELS)


@pytest.mark.parametrize("group", [*MODELS, SITE_WIDE])
def test_no_admin_url_answers_5xx_to_hostile_ids_or_filters(group, _made, admin_client):
    admin_client.raise_request_exception = False  # count 5xx rather than stop at one
    urls = _urls(group, _ids(group, _made))
    if group in EDITABLE:
        changelist = f"/admin/{group.replace('.', '/')}/"
        urls += [f"{changelist}?{query}" for query in HOSTILE_QUERIES]
    statuses = {url: admin_client.get(url).status_code for url in urls}
    failures = {url: code for url, code in statuses.items() if code >= 500}
    print(f"admin fuzz {group}: {len(statuses)} requests, {len(failures)} answered 5xx")
    # Each group has a page a superuser may open (the changelist, or the index): a walk
    # that reached none of them checked nothing.
    assert 200 in statuses.values()
    assert failures == {}, "\n".join(f"{code} {url}" for url, code in failures.items())
