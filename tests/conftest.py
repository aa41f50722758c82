import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
REQUIRE_POSTGRES = os.environ.get("NIGHTLIGHT_REQUIRE_POSTGRES") == "1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


# `make test` runs the suite in parallel (pytest-xdist): each worker has its own test
# database (pytest-django suffixes the name with the worker id), live servers on free
# ports, tmp_path directories and, on a shared Redis, its own cache key prefix.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def clear_cache():
    """Empties this worker's cache. Redis' clear() is FLUSHDB, which would also empty the
    other workers' caches mid-test, so under xdist only this worker's keys are deleted."""
    client = getattr(cache, "_cache", None)
    if not XDIST_WORKER or not hasattr(client, "get_client"):
        cache.clear()
        return
    from redis.exceptions import RedisError  # noqa: PLC0415

    try:
        redis = client.get_client(write=True)
        keys = list(redis.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            redis.delete(*keys)
    except RedisError:
        pass  # a cache that is down is empty enough (ResilientRedisCache.clear is soft too)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order,
    and with Redis' breaker closed: a call that timed out in an earlier test (on a busy
    machine) does not make this one run without the cache."""
    from apps.pagecache.middleware import local_pages  # noqa: PLC0415
    from apps.site import cache as resilient  # noqa: PLC0415
    from apps.site.shell import local_parts  # noqa: PLC0415

    resilient._down_until.clear()
    clear_cache()
    local_pages.clear()
    local_parts.clear()
    yield
    clear_cache()
    local_pages.clear()
    local_parts.clear()


@pytest.fixture(autouse=True)
def _page_cache(request, settings):
    """The page cache is off unless a test asks for it (``@pytest.mark.page_cache``), so
    other tests' query counts and fresh renders do not depend on it."""
    settings.PAGE_CACHE = request.node.get_closest_marker("page_cache") is not None


@pytest.hookimpl(trylast=True)  # after pytest-django has put the tests in Django's order
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "demo_site" in getattr(item, "fixturenames", ()):
            # So pytest-django sets up the test database for them, and each test runs in a
            # transaction. Added after the ordering: they stay after the transactional tests,
            # which empty the database (the module's demo content is emptied out too).
            item.add_marker(pytest.mark.django_db)
    skip_pg = pytest.mark.skip(
        reason="needs PostgreSQL: run `make test-postgres` (DATABASE_URL=postgres://postgres@127.0.0.1:5432/nightlight)"
    )
    for item in items:
        if "postgres" in item.keywords and not _database_is_postgres():
            if REQUIRE_POSTGRES:
                raise pytest.UsageError(
                    "NIGHTLIGHT_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL"
                )
            item.add_marker(skip_pg)


def _database_is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; skips when either is missing."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium package")
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the ORM calls in tests are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def pytest_configure(config):
    # Test users' passwords need no protection: MD5 instead of PBKDF2 at 1.5M iterations
    # (as bakerydemo's and cookiecutter-django's test settings do) makes each
    # create_user()/login a microsecond, not a quarter of a second.
    from django.conf import settings  # noqa: PLC0415

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The read replica (hub/db_router.py) as a test mirror of the default database, so
    # the router's tests run on SQLite and PostgreSQL alike; only tests that ask for it
    # (databases=["default", "replica"]) open it, and the router is installed per test.
    from django.db import connections  # noqa: PLC0415

    settings.DATABASES["replica"] = {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
    connections.__dict__.pop("settings", None)  # re-read DATABASES if it was read already
    if XDIST_WORKER:
        # Read when the cache is first used, which is after this.
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        settings.CACHES["default"]["KEY_PREFIX"] = f"{prefix}test-{XDIST_WORKER}"


@pytest.fixture(scope="module")
def module_atomic(django_db_setup, django_db_blocker):
    """One transaction around a module, as TestCase.setUpTestData has: rows a module
    fixture makes in it are made once and shared by the module's tests (each test's own
    changes still roll back, in a savepoint); all are rolled back after the module."""
    from django.db import transaction  # noqa: PLC0415

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="session")
def _demo_server():
    """A live server of this worker's own (not pytest-django's `live_server`, whose use
    makes every test transactional: the database is emptied after each test)."""
    from pytest_django.live_server_helper import LiveServer  # noqa: PLC0415

    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()  # ALLOWED_HOSTS gets "localhost"
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, _demo_server):
    """The demo content behind a live server, loaded once for a module of browser tests
    that only read it (a test that writes uses `live_server` and loads its own). Emptied
    after the module, as a transactional test leaves the database."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)
        yield _demo_server
        call_command("flush", interactive=False, verbosity=0)


# Migrating an empty SQLite database takes each worker several seconds of CPU (Django
# renders the model state once per migration). The migrated database is kept as a
# template in pytest's cache directory (.pytest_cache, which `make clean` removes), named
# by a digest of everything that shapes it; a worker whose template exists copies it in
# with SQLite's backup API instead of migrating. PostgreSQL, --reuse-db and
# --nomigrations keep pytest-django's own setup.
def _schema_digest():
    """Changes whenever a migration, a post_migrate handler (anything in apps/ or hub/), an
    installed package or a setting read from the environment could change the result."""
    from django.apps import apps  # noqa: PLC0415

    files = {*ROOT.joinpath("apps").rglob("*.py"), *ROOT.joinpath("hub").rglob("*.py")}
    for app in apps.get_app_configs():
        files.update(Path(app.path, "migrations").glob("*.py"))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path}\0".encode() + path.read_bytes())
    for dist in sorted(f"{d.name}=={d.version}" for d in importlib.metadata.distributions()):
        digest.update(dist.encode())
    settings_source = ROOT.joinpath("hub", "settings.py").read_text()
    for key, value in sorted(os.environ.items()):
        if f'"{key}"' in settings_source:
            digest.update(f"{key}={value}\0".encode())
    digest.update(sqlite3.sqlite_version.encode())
    return digest.hexdigest()[:16]


class _TemplateMigrate:
    """While the test databases are created, `migrate` copies the template in, or migrates
    and saves the template. Workers take turns (a file lock), so only the first migrates."""

    def __init__(self, folder):
        from django.core.management.commands import migrate  # noqa: PLC0415

        self.command = migrate.Command
        self.migrate = migrate.Command.handle
        self.folder = folder
        self.template = folder / f"migrated-{_schema_digest()}.sqlite3"
        self.lock = open(folder / "lock", "w")  # noqa: SIM115 - closed in finish()
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        # A function, so the command instance is passed in as `command`.
        self.command.handle = lambda command, *args, **options: self.handle(
            command, *args, **options
        )

    def handle(self, command, *args, **options):
        from django.db import connections  # noqa: PLC0415

        database = connections[options["database"]]
        database.ensure_connection()
        if self.template.exists():
            with closing(sqlite3.connect(self.template)) as source:
                source.backup(database.connection)
            return
        self.migrate(command, *args, **options)
        for old in self.folder.glob("migrated-*"):
            old.unlink(missing_ok=True)
        partial = self.folder / f"partial-{os.getpid()}"
        with closing(sqlite3.connect(partial)) as target:
            database.connection.backup(target)
        partial.replace(self.template)

    def finish(self):
        if self.lock.closed:
            return
        self.command.handle = self.migrate
        fcntl.flock(self.lock, fcntl.LOCK_UN)
        self.lock.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request):
    """Runs just before pytest-django creates the test databases."""
    options = request.config.option
    cache = getattr(request.config, "cache", None)
    if (
        cache is None
        or connection.vendor != "sqlite"
        or getattr(options, "reuse_db", False)
        or getattr(options, "nomigrations", False)
    ):
        yield None
        return
    template = _TemplateMigrate(cache.mkdir("nightlight-test-db"))
    try:
        yield template
    finally:
        template.finish()  # if the databases were never created


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_modify_db_settings):
    """pytest-django's, then `migrate` is itself again for the tests."""
    if django_db_modify_db_settings is not None:
        django_db_modify_db_settings.finish()
