"""The site keeps serving when the cache or the database fails.

The cache tests run a real redis-server on a private port and stop it, or point the
cache at a socket that accepts connections and never answers (a hung Redis). The
database tests swap in a connection to a server that is not there (a closed port on
PostgreSQL, a missing directory on SQLite), so the driver raises its real error; the
CI step `scripts/outage_drill.py` does the same with a real PostgreSQL it stops.
"""

import os
import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.db import connections
from django.test import override_settings

from apps.feedback.models import Feedback
from apps.site import cache as resilient
from apps.site.models import SiteSettings
from tests.articles.factories import ArticleFactory
from tests.referrals.factories import ServiceFactory

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server")
SOCKET_TIMEOUT = 0.25


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A throwaway redis-server of our own: never the shared one."""

    def __init__(self):
        self.port = _free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class HungServer:
    """Accepts connections, reads what is sent, never answers: a Redis that hangs."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self.held = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)

    def close(self):
        self.listener.close()
        for conn in self.held:
            conn.close()


def _redis_cache(port, retry_after=60.0):
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "apps.site.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"timeout": SOCKET_TIMEOUT, "retry_after": retry_after},
            }
        }
    )


@pytest.fixture(autouse=True)
def _breaker_reset():
    resilient._down_until.clear()
    yield
    resilient._down_until.clear()


@pytest.fixture
def redis_server():
    if not REDIS_SERVER:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing in CI: install Debian's redis-server package")
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = PrivateRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def site_pages():
    article = ArticleFactory.published()
    service = ServiceFactory()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "help": "/help/",
        "help service": service.get_absolute_url(),
        "api": "/api/hsds/services",
    }


def test_every_page_answers_200_after_the_cache_server_stops(client, redis_server, site_pages):
    with _redis_cache(redis_server.port):
        for url in site_pages.values():
            assert client.get(url).status_code == 200  # warms the cache
        redis_server.stop()
        for name, url in site_pages.items():
            assert client.get(url).status_code == 200, name


def test_pages_keep_the_editors_emergency_numbers_without_the_cache(client, redis_server):
    SiteSettings.objects.create(emergency_numbers="Call 000 now")
    with _redis_cache(redis_server.port):
        redis_server.stop()
        assert "Call 000 now" in client.get("/").content.decode()


def test_healthz_reports_the_cache_degraded_with_200(client, redis_server):
    with _redis_cache(redis_server.port):
        assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
        redis_server.stop()
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


def test_feedback_is_still_saved_without_the_cache(client, redis_server):
    with _redis_cache(redis_server.port):
        redis_server.stop()
        response = client.post("/feedback/", {"page": "/", "helpful": "no", "message": "Typo"})
    assert response.status_code == 200
    assert Feedback.objects.get().message == "Typo"


def test_a_hung_cache_costs_one_short_timeout_not_one_per_call(client, site_pages):
    hung = HungServer()
    try:
        with _redis_cache(hung.port):
            for name, url in site_pages.items():
                assert client.get(url).status_code == 200, name
            assert client.get("/healthz").json()["cache"] == "unreachable"
    finally:
        hung.close()
    # One connection for the pages (the first call timed out after SOCKET_TIMEOUT and
    # opened the breaker, so the other calls skipped Redis) and one for /healthz, which
    # always asks. Each call waits at most SOCKET_TIMEOUT, so no page waits past 1 s.
    assert hung.accepted == 2


def test_the_site_uses_the_cache_again_when_it_returns(client, redis_server):
    with _redis_cache(redis_server.port, retry_after=0):
        from django.core.cache import cache

        redis_server.stop()
        client.get("/")
        assert cache.get("probe") is None and not cache.add("probe", 1)
        redis_server.start()
        assert cache.add("probe", 1) and cache.get("probe") == 1
        assert client.get("/healthz").json()["status"] == "ok"


def test_cache_errors_are_logged_once_per_outage(client, redis_server, caplog):
    with _redis_cache(redis_server.port, retry_after=0):
        redis_server.stop()
        for _ in range(3):
            client.get("/")
        redis_server.start()
        # A country whose help strip this process has not rendered yet: the page reads
        # the cache again (the rest of the shell is kept in the process, apps/site/shell.py).
        client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")
    messages = [r.getMessage() for r in caplog.records if r.name == "nightlight.cache"]
    assert len(messages) == 2
    assert messages[0].startswith("Cache unreachable") and messages[1] == "Cache reachable again."
    assert not any(r.exc_info for r in caplog.records if r.name == "nightlight.cache")


# --- the database --------------------------------------------------------------------


@pytest.fixture
def database_down():
    """Swap the default connection for one to a database server that is not there."""
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "postgresql":
        settings_dict["PORT"] = str(_free_port())
        settings_dict["HOST"] = "127.0.0.1"
        settings_dict["CONN_HEALTH_CHECKS"] = False
    else:
        settings_dict["NAME"] = "/nonexistent-nightlight-dir/db.sqlite3"
    broken = original.__class__(settings_dict, alias="default")

    class Switch:
        def down(self):
            connections["default"] = broken

        def up(self):
            broken.close()
            connections["default"] = original

    switch = Switch()
    yield switch
    switch.up()


def test_pages_answer_503_with_retry_after_and_emergency_numbers(client, site_pages, database_down):
    database_down.down()
    for name in ("home", "article", "help", "help service"):
        response = client.get(site_pages[name])
        html = response.content.decode()
        assert response.status_code == 503, name
        assert response["Retry-After"].isdigit()
        assert "briefly unavailable" in html
        assert SiteSettings().emergency_numbers in html
        assert "help-strip" in html


def test_unknown_pages_answer_503_too_when_the_database_is_down(client, database_down):
    # The 404 handler and the redirects middleware both need the database; the error
    # is raised outside any view and reaches the 500 handler, as it would in production.
    client.raise_request_exception = False
    database_down.down()
    response = client.get("/no-such-page/")
    assert response.status_code == 503


def test_api_answers_json_503_when_the_database_is_down(client, site_pages, database_down):
    database_down.down()
    response = client.get(site_pages["api"])
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"].isdigit()
    assert response.json()["error"] == "unavailable"


def test_feedback_says_it_cannot_be_saved_when_the_database_is_down(client, database_down):
    database_down.down()
    response = client.post("/feedback/", {"page": "/", "helpful": "yes"})
    assert response.status_code == 503
    assert "briefly unavailable" in response.content.decode()


@pytest.mark.parametrize(
    "page_cache", [pytest.param(False, id="no page cache"), pytest.param(True, id="page cache")]
)
def test_healthz_answers_503_when_the_database_is_down(client, database_down, settings, page_cache):
    # The page cache reads its generation before any view: with the database down it
    # steps aside, so /healthz still answers its own JSON to the load balancer.
    settings.PAGE_CACHE = page_cache
    database_down.down()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "unreachable"


@pytest.mark.parametrize(
    "page_cache", [pytest.param(False, id="no page cache"), pytest.param(True, id="page cache")]
)
def test_pages_recover_without_a_restart(client, site_pages, database_down, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    database_down.down()
    response = client.get(site_pages["article"])
    assert response.status_code == 503
    assert "emergency" in response.content.decode().lower()
    database_down.up()
    assert client.get(site_pages["article"]).status_code == 200
