"""No request, however hostile, gets a 5xx or has its markup reflected.

Walks every URL pattern the site serves to the public (everything outside the admin),
each once with a real object from the demo content and once with a made-up value, and
sends each a table of known nasties: non-ASCII digits, NUL, lone surrogates, broken
UTF-8, 10,000-character values, repeated and array parameters, hostile path segments,
hostile form posts and methods it does not allow. A new URL pattern is covered the day it
is added; the test fails if one is missed. Runs on SQLite in `make test` and on
PostgreSQL in `make test-postgres` (NUL behaves differently there).

`pytest -s` prints the figures: requests sent, patterns covered, 5xx count.
"""

import re
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from apps.editorial.registry import publishable_models

pytestmark = pytest.mark.django_db

# A tag no page ever contains: if it comes back unescaped, input was reflected as markup.
MARKER = '"><nl-probe x=1>'
MARKER_TAG = "<nl-probe"

NASTY_VALUES = [
    "%C2%B2",  # superscript two: isdigit() but not int()
    "%D9%A3",  # Arabic-Indic three
    "%EF%BC%91",  # fullwidth one
    "%00",
    "a%00b",
    "%ED%A0%80",  # a lone surrogate, encoded as UTF-8
    "%FF%FE",  # not UTF-8 at all
    "%C0%AF",  # overlong slash
    "x" * 10_000,
    "-1",
    "99999999999999999999999999",
    "1e309",
    "%0D%0ASet-Cookie:%20x=1",
    "..%2F..%2Fetc%2Fpasswd",
    "'%20OR%201=1--",
    "%25",
    "\\",
    quote(MARKER),
    quote("javascript:alert(1)"),
    "//evil.example/",
]
# Every GET parameter a public view reads, and a few it does not.
PARAMETERS = [
    "page", "per_page", "q", "type", "search", "taxonomy_term_id", "modified_after",
    "topic", "audience", "category", "helps_with", "evidence", "cost", "country",
    "language", "open_24_7", "free", "text", "items", "item", "next", "format", "x",
]  # fmt: skip
PATH_SEGMENTS = [
    "%C2%B2", "%00", "%ED%A0%80", "%FF", "x" * 2000, quote(MARKER, safe=""), "..", "-", "%20",
]  # fmt: skip
METHODS = ["post", "put", "patch", "delete", "options", "trace"]
# Raw form bodies, so bytes a browser could send but Python cannot encode get through.
FEEDBACK_POSTS = [
    "page=/&helpful=yes&item=articles.article:%C2%B2",
    "page=/&helpful=yes&item=articles.article:99999999999",
    "page=/&helpful=yes&item=%00:%00",
    "page=/%09/evil.example/phish&helpful=yes",
    "page=/%00&helpful=no&message=%00",
    "page=/%ED%A0%80&helpful=no&message=%ED%A0%80",
    "page=/%FF&message=caf%E9",
    "page=/" + "x" * 10_000 + "&message=" + "y" * 50_000,
    f"page={quote(MARKER)}&message={quote(MARKER)}&helpful={quote(MARKER)}",
    "page=/&page=/a&helpful=yes&helpful=no&helpful[]=yes",
]

# Made-up values for each converter, so every pattern is reached even without a row.
SAMPLE_BY_CONVERTER = {"slug": "no-such-thing", "str": "no-such-thing", "int": "0", "path": "a/b"}
CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def public_patterns():
    """(route, pattern) for every URL pattern outside the admin, with its full route."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            # Joined as ResolverMatch.route joins them, so the two can be compared.
            route = prefix + str(entry.pattern).removeprefix("^") if prefix else str(entry.pattern)
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                found.append((route, entry))

    walk(get_resolver().url_patterns, "")
    return found


def made_up_path(route, pattern):
    if not isinstance(pattern.pattern, RoutePattern):
        return "/" + route.split("(")[0] + "no-such-endpoint"  # a catch-all regex
    return "/" + CONVERTER.sub(
        lambda m: SAMPLE_BY_CONVERTER.get(m["converter"] or "str", "x"), route
    )


def hostile_paths(route, pattern):
    if not isinstance(pattern.pattern, RoutePattern) or not CONVERTER.search(route):
        return []
    return ["/" + CONVERTER.sub(segment, route) for segment in PATH_SEGMENTS]


def real_paths():
    """A public URL for each content type and each API record, from the demo content."""
    from apps.editorial.models import Contributor, Topic  # noqa: PLC0415
    from apps.referrals.models import Organization, Service  # noqa: PLC0415

    paths = []
    for model in publishable_models():
        item = model.objects.public().first()
        if item is not None:
            paths.append(item.get_absolute_url())
    for model in (Topic, Contributor):
        item = model.objects.first()
        if item is not None and hasattr(item, "get_absolute_url"):
            paths.append(item.get_absolute_url())
    service = Service.objects.public().first()
    organization = Organization.objects.public().first()
    paths += [f"/api/hsds/services/{service.hsds_id}", f"/api/hsds/organizations/{organization.pk}"]
    return paths


class Tally:
    def __init__(self):
        self.sent = 0
        self.server_errors = []
        self.reflected = []

    def check(self, response, what):
        self.sent += 1
        if response.status_code >= 500:
            self.server_errors.append((response.status_code, what))
        body = b"" if getattr(response, "streaming", False) else response.content
        if MARKER_TAG.encode() in body:
            self.reflected.append(what)


@pytest.fixture
def demo_content(db):
    call_command("load_demo_content", verbosity=0)


def test_no_request_to_any_public_url_gets_a_5xx_or_reflected_markup(demo_content):
    client = Client(raise_request_exception=False)
    tally = Tally()
    patterns = public_patterns()
    covered = set()

    urls = []
    for route, pattern in patterns:
        urls.append(made_up_path(route, pattern))
    urls += real_paths()
    for url in dict.fromkeys(urls):
        match = resolve(url.split("?")[0])
        covered.add(match.route)
        tally.check(client.get(url), f"GET {url}")
        for value in NASTY_VALUES:
            everything = "&".join(f"{name}={value}" for name in PARAMETERS)
            tally.check(client.get(url, QUERY_STRING=everything), f"GET {url}?*={value}")
        repeated = "&".join(
            f"{name}=1&{name}={value}&{name}[]={value}"
            for name in PARAMETERS
            for value in ("%C2%B2", "%00")
        )
        tally.check(client.get(url, QUERY_STRING=repeated), f"GET {url} repeated")
        tally.check(client.head(url), f"HEAD {url}")
        for method in METHODS:
            tally.check(getattr(client, method)(url, {"x": MARKER}), f"{method.upper()} {url}")

    for route, pattern in patterns:
        for url in hostile_paths(route, pattern):
            tally.check(client.get(url), f"GET {url[:80]}")

    for body in FEEDBACK_POSTS:
        response = client.post("/feedback/", body, content_type="application/x-www-form-urlencoded")
        tally.check(response, f"POST /feedback/ {body[:80]}")
    tally.check(
        client.get("/feedback/", QUERY_STRING="page=/%09/evil.example/phish"), "feedback page"
    )

    # Bad Host headers answer 400, whatever the path.
    for host in ("evil.example", "127.0.0.1:99999", "a" * 300, "[::1", "ex ample"):
        tally.check(client.get("/", HTTP_HOST=host), f"Host {host[:40]}")
        tally.check(client.get("/api/hsds/", HTTP_HOST=host), f"Host {host[:40]} (API)")

    print(
        f"\nhostile requests: {tally.sent} sent, {len(covered)} of {len(patterns)} public URL "
        f"patterns covered, {len(tally.server_errors)} answered 5xx, "
        f"{len(tally.reflected)} reflected markup"
    )
    assert not tally.server_errors, tally.server_errors[:20]
    assert not tally.reflected, tally.reflected[:20]
    assert covered == {route for route, _ in patterns}
