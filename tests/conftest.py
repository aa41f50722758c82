import os
import shutil

import pytest
from django.core.cache import cache
from django.db import connection

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


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order."""
    from apps.pagecache.middleware import local_pages  # noqa: PLC0415

    cache.clear()
    local_pages.clear()
    yield
    cache.clear()
    local_pages.clear()


@pytest.fixture(autouse=True)
def _page_cache(request, settings):
    """The page cache is off unless a test asks for it (``@pytest.mark.page_cache``), so
    other tests' query counts and fresh renders do not depend on it."""
    settings.PAGE_CACHE = request.node.get_closest_marker("page_cache") is not None


def pytest_collection_modifyitems(config, items):
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
