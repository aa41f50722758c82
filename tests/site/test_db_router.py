"""The read-replica router (hub/db_router.py): readers may read the replica, nobody else.

The "replica" alias is a test mirror of the default database (tests/conftest.py), so
these run on SQLite and PostgreSQL; which connection each query went through is what
tells the two apart.
"""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import OperationalError, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from apps.articles.models import Article
from apps.feedback.models import Feedback
from hub import db_router
from hub.db_router import PRIMARY, REPLICA, ReplicaRouter
from tests.articles.factories import ArticleFactory

from .test_settings import run_python

ROUTED = override_settings(
    DATABASE_ROUTERS=["hub.db_router.ReplicaRouter"],
    MIDDLEWARE=[
        "hub.db_router.ReadReplicaMiddleware",
        *settings.MIDDLEWARE,
    ],
)
BOTH = pytest.mark.django_db(databases=["default", "replica"], transaction=True)


class Probe:
    """Where each connection's queries went during a request."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[PRIMARY]).__enter__()
        self.replica = CaptureQueriesContext(connections[REPLICA]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    def sql(self, alias):
        context = self.primary if alias == PRIMARY else self.replica
        return [query["sql"] for query in context.captured_queries]


# --- the router on its own ------------------------------------------------------------
def test_outside_a_request_everything_reads_and_writes_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(Article) == PRIMARY
    assert router.db_for_write(Article) == PRIMARY


def test_allow_migrate_only_on_the_primary_and_relations_across_both():
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "articles", "article") is True
    assert router.allow_migrate(REPLICA, "articles", "article") is False
    on_primary, on_replica, elsewhere = Article(), Article(), Article()
    on_primary._state.db, on_replica._state.db, elsewhere._state.db = PRIMARY, REPLICA, "other"
    assert router.allow_relation(on_primary, on_replica) is True
    assert router.allow_relation(on_primary, elsewhere) is False


# The router opens the replica's connection on a request's first read (to fall back to
# the primary when it cannot), so these need both databases too.
@pytest.mark.django_db(databases=["default", "replica"])
def test_in_a_readers_request_reads_go_to_the_replica_until_something_is_written(rf):
    router = ReplicaRouter()
    seen = {}

    def view(request):
        seen["article"] = router.db_for_read(Article)
        seen["session"] = router.db_for_read(Session)  # who someone is: never late
        seen["user"] = router.db_for_read(User)
        with db_router.primary():
            seen["forced"] = router.db_for_read(Article)
        seen["after block"] = router.db_for_read(Article)
        seen["write"] = router.db_for_write(Feedback)
        seen["after write"] = router.db_for_read(Article)  # reads its own write
        return None

    db_router.ReadReplicaMiddleware(view)(rf.get("/"))
    assert seen == {
        "article": REPLICA,
        "session": PRIMARY,
        "user": PRIMARY,
        "forced": PRIMARY,
        "after block": REPLICA,
        "write": PRIMARY,
        "after write": PRIMARY,
    }
    assert router.db_for_read(Article) == PRIMARY  # the request is over


@pytest.mark.django_db(databases=["default", "replica"])
def test_models_that_must_never_be_read_late_say_so(rf):
    # Stands in for the page cache's generation row (only these two attributes are read).
    generation = SimpleNamespace(read_from_primary=True, _meta=SimpleNamespace(app_label="site"))
    router, seen = ReplicaRouter(), {}

    def view(request):
        seen["generation"] = router.db_for_read(generation)
        seen["article"] = router.db_for_read(Article)

    db_router.ReadReplicaMiddleware(view)(rf.get("/"))
    assert seen == {"generation": PRIMARY, "article": REPLICA}


@pytest.mark.parametrize(
    ("method", "path", "cookies", "reader"),
    [
        ("get", "/", {}, True),
        ("head", "/help/", {}, True),
        ("post", "/feedback/", {}, False),
        ("get", "/admin/", {}, False),
        ("get", "/admin/login/", {}, False),
        ("get", "/admin/articles/article/1/draft/preview/", {}, False),
        ("get", "/", {"sessionid": "x"}, False),  # staff looking at the public site
    ],
)
def test_which_requests_count_as_readers(rf, method, path, cookies, reader):
    request = getattr(rf, method)(path)
    request.COOKIES.update(cookies)
    assert db_router.is_reader_request(request, "/admin/") is reader


# --- whole requests, with the second connection ----------------------------------------
@BOTH
@ROUTED
def test_an_anonymous_readers_page_is_read_from_the_replica(client):
    article = ArticleFactory.published()
    with Probe() as probe:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and article.title in response.text
    # Only the page cache's generation row is read on the primary (a lagging replica
    # would serve pages from before a change); the content comes from the replica.
    assert probe.sql(REPLICA)
    assert all("pagecache_generation" in sql for sql in probe.sql(PRIMARY))


@BOTH
@ROUTED
def test_staff_requests_read_and_write_only_the_primary(client):
    article = ArticleFactory.published()
    staff = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    with Probe() as probe:
        public = client.get(article.get_absolute_url())
        admin = client.get(f"/admin/articles/article/{article.pk}/change/")
        preview = client.get(f"/admin/articles/article/{article.pk}/draft/preview/")
    assert public.status_code == admin.status_code == preview.status_code == 200
    assert probe.sql(PRIMARY) and not probe.sql(REPLICA)


@BOTH
@ROUTED
def test_a_feedback_post_stays_on_the_primary(client):
    article = ArticleFactory.published()
    with Probe() as probe:
        response = client.post("/feedback/", {"page": article.get_absolute_url(), "helpful": "yes"})
    assert response.status_code == 200 and Feedback.objects.count() == 1
    assert probe.sql(PRIMARY) and not probe.sql(REPLICA)


@BOTH
@ROUTED
def test_the_admin_sign_in_page_reads_the_primary(client):
    with Probe() as probe:
        assert client.get("/admin/login/").status_code == 200
    assert not probe.sql(REPLICA)


@BOTH
@ROUTED
@override_settings(PAGE_CACHE=False)  # every request below reads the article again
def test_an_unreachable_replica_sends_readers_to_the_primary_until_it_answers(client, monkeypatch):
    article = ArticleFactory.published()
    clock = [1000.0]
    monkeypatch.setattr(db_router.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(db_router, "_replica_down_until", 0.0)

    def read_page():
        # The probe opens both connections first; then the replica refuses new ones.
        with Probe() as probe, monkeypatch.context() as down:
            if replica_down:
                down.setattr(connections[REPLICA], "ensure_connection", refuse)
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200 and article.title in response.text
        return bool(probe.sql(REPLICA)), any("articles_article" in q for q in probe.sql(PRIMARY))

    def refuse():
        raise OperationalError("connection refused")

    replica_down = True
    assert read_page() == (False, True)  # the reader still gets the page, from the primary
    replica_down = False
    clock[0] += settings.REPLICA_RETRY_AFTER - 1
    assert read_page() == (False, True)  # not asked again before the retry time
    clock[0] += 2
    assert read_page() == (True, False)  # back on the replica, with no restart


# --- the setting ----------------------------------------------------------------------
def test_without_a_replica_url_nothing_is_installed():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "
        "settings.MIDDLEWARE[0] == 'hub.db_router.ReadReplicaMiddleware')"
    )
    result = run_python(code)
    assert result.stdout.split() == ["['default']", "[]", "False"], result.stderr
    replica = "postgres://reader@replica.internal:5432/nightlight"
    result = run_python(code, DATABASE_REPLICA_URL=replica)
    assert result.stdout.split() == [
        "['default',",
        "'replica']",
        "['hub.db_router.ReplicaRouter']",
        "True",
    ], result.stderr
