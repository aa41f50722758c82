"""The page cache and HTTP caching: never stale, never for staff, one query when warm.

Transactional tests: the generation is bumped in transaction.on_commit, which the usual
rolled-back test transaction never runs.
"""

import datetime
import gzip
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.editorial.models import Draft, Status
from apps.pagecache.generation import change_committed, current
from apps.pagecache.models import Generation
from apps.referrals.models import ScheduleRule, ServiceArea
from apps.site.models import SiteSettings
from tests.articles.factories import ArticleFactory
from tests.referrals.factories import ContactFactory, ServiceFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]
CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"


def counter():
    return current().counter


def page(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.content.decode()


def featured_service(country, number, name):
    service = ServiceFactory(name=name, featured_in_help_strip=True)
    ServiceArea.objects.create(service=service, country=country)
    ContactFactory(service=service, value=number)
    return service


def test_a_warm_page_costs_at_most_two_queries(client):
    ArticleFactory.published(title="Cached answer")
    assert "Cached answer" in page(client, "/articles/")
    with CaptureQueriesContext(connection) as warm:
        assert "Cached answer" in page(client, "/articles/")
    assert len(warm) <= 2


def test_publish_edit_and_unpublish_show_on_the_next_request(client):
    assert "Fresh answer" not in page(client, "/articles/")
    article = ArticleFactory.published(title="Fresh answer")
    assert "Fresh answer" in page(client, "/articles/")
    detail = article.get_absolute_url()
    assert "Fresh answer" in page(client, detail)

    article.title = "Edited answer"
    article.save()
    assert "Edited answer" in page(client, "/articles/")
    assert "Edited answer" in page(client, detail)

    article.status = Status.DRAFT
    article.save()
    assert "Edited answer" not in page(client, "/articles/")
    assert client.get(detail).status_code == 404


def test_help_strip_and_site_settings_changes_show_on_the_next_request(client):
    service = featured_service("GB", "0800 111 222", "Night line")
    assert "0800 111 222" in page(client, "/", accept_language="en-GB")
    contact = service.contacts.get()
    contact.value = contact.display = "0800 999 888"
    contact.save()
    assert "0800 999 888" in page(client, "/", accept_language="en-GB")

    assert "Emergency? Call your local emergency number." in page(client, "/")
    settings_row = SiteSettings.current()
    settings_row.help_strip_text = "Call your local emergency number now."
    settings_row.save()
    assert "Call your local emergency number now." in page(client, "/")


def test_a_scheduled_item_goes_live_without_cron_while_its_list_was_cached(client):
    now = timezone.now()
    ArticleFactory.published(
        title="Tomorrow's answer", published_at=now + datetime.timedelta(hours=2)
    )
    assert "Tomorrow&#x27;s answer" not in page(client, "/articles/")
    assert "Tomorrow&#x27;s answer" not in page(client, "/articles/")  # now from the cache
    before = counter()
    with mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(hours=3)):
        assert "Tomorrow&#x27;s answer" in page(client, "/articles/")
        assert counter() == before + 1


def test_staff_requests_are_never_served_from_or_stored_in_the_cache(client, admin_user):
    article = ArticleFactory.published(title="Live title")
    staff = Client()
    staff.force_login(admin_user)
    staff_response = staff.get(article.get_absolute_url())
    assert "private" in staff_response["Cache-Control"]
    assert "no-store" in staff_response["Cache-Control"]
    # A change that bumps nothing (a bulk update): only an uncached render can show it.
    type(article).objects.filter(pk=article.pk).update(title="Quietly changed")
    assert "Quietly changed" in page(client, article.get_absolute_url())  # staff stored nothing
    type(article).objects.filter(pk=article.pk).update(title="Changed again")
    assert "Quietly changed" in page(client, article.get_absolute_url())  # readers: cached
    assert "Changed again" in staff.get(article.get_absolute_url()).content.decode()


def test_a_post_is_never_answered_from_the_cache(client):
    assert client.get("/").status_code == 200
    assert client.post("/").status_code == 405


def test_a_rolled_back_preview_neither_bumps_nor_poisons_the_cache(client, admin_user):
    article = ArticleFactory.published(title="Reviewed title")
    url = f"/admin/articles/article/{article.pk}/"
    staff = Client()
    staff.force_login(admin_user)
    data = {"fields": {"title": "Unreviewed draft title"}, "m2m": {}, "inlines": {}}
    Draft.objects.create(
        content_type=ContentType.objects.get_for_model(article),
        object_id=str(article.pk),
        data=data,
        status=Status.DRAFT,
        version=article.version,
    )
    before = counter()
    assert "Reviewed title" in page(client, article.get_absolute_url())
    preview = staff.get(f"{url}draft/preview/")
    assert "Unreviewed draft title" in preview.content.decode()
    assert counter() == before
    assert "Unreviewed draft title" not in page(client, article.get_absolute_url())
    assert "Unreviewed draft title" not in page(client, "/articles/")


@pytest.mark.parametrize("nested", [False, True])
def test_a_rolled_back_change_does_not_bump(db, nested):
    article = ArticleFactory.published(title="Kept")
    before = counter()
    with transaction.atomic():
        if nested:
            with transaction.atomic():
                article.title = "Rolled back"
                article.save()
                transaction.set_rollback(True)
        else:
            article.title = "Rolled back"
            article.save()
            transaction.set_rollback(True)
    assert counter() == before
    article.save()
    assert counter() > before


def test_each_country_gets_its_own_copy(client):
    featured_service("GB", "999", "Emergency (UK)")
    featured_service("AU", "000", "Emergency (Australia)")
    for _ in range(2):  # the second round from the cache
        british = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
        australian = client.get("/", headers={"accept-language": "en-AU"})
        assert 'href="tel:999"' in british.content.decode()
        assert 'href="tel:000"' not in british.content.decode()
        assert 'href="tel:000"' in australian.content.decode()
        assert "Accept-Language" in british["Vary"] and "Accept-Language" in australian["Vary"]
    with CaptureQueriesContext(connection) as warm:
        client.get("/", headers={"accept-language": "en-GB"})
    assert len(warm) <= 2


def test_readers_get_no_cookie_fresh_or_cached(client):
    for _ in range(2):
        response = client.get("/")
        assert not response.cookies and not response.has_header("Set-Cookie")


@pytest.mark.parametrize(
    "path", ["/", "article", "/feeds/articles/", "/sitemap.xml", "/api/hsds/services"]
)
def test_conditional_requests_get_304(client, path):
    article = ArticleFactory.published(title="Conditional")
    ServiceFactory()
    changes_with_the_title = path == "article"
    path = article.get_absolute_url() if path == "article" else path
    first = client.get(path)
    assert first.status_code == 200
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(path, headers={"if-none-match": etag}).status_code == 304
    assert client.get(path, headers={"if-modified-since": modified}).status_code == 304
    if changes_with_the_title:
        article.title = "Changed"
        article.save()
        assert client.get(path, headers={"if-none-match": etag}).status_code == 200


def test_cache_control_for_readers_and_for_staff(client, admin_user, settings):
    for path in ("/", "/feeds/articles/", "/api/hsds/services"):
        assert client.get(path).headers["Cache-Control"] == CACHE_CONTROL, path
    settings.HTTP_S_MAXAGE = 300
    assert "s-maxage=300" in client.get("/help/").headers["Cache-Control"]
    staff = Client()
    staff.force_login(admin_user)
    for path in ("/", "/admin/"):
        directives = staff.get(path).headers["Cache-Control"]
        assert "private" in directives and "no-store" in directives
        assert "public" not in directives


def test_html_is_compressed_when_the_client_accepts_gzip(client):
    plain = client.get("/")
    assert not plain.has_header("Content-Encoding")
    for _ in range(2):  # fresh, then cached
        compressed = client.get("/", headers={"accept-encoding": "gzip, br"})
        assert compressed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in compressed["Vary"]
        assert gzip.decompress(compressed.content).decode().startswith("<!doctype html>")


def test_the_page_cache_switch_turns_it_off(client, settings):
    settings.PAGE_CACHE = False
    article = ArticleFactory.published(title="First")
    client.get(article.get_absolute_url())
    type(article).objects.filter(pk=article.pk).update(title="Second")
    assert "Second" in page(client, article.get_absolute_url())
    assert Generation.objects.count() == 1


def test_a_page_saying_open_now_is_kept_only_until_the_minute_changes(client):
    monday = datetime.datetime(2026, 11, 23, 8, 59, 30, tzinfo=datetime.UTC)
    service = ServiceFactory(
        name="Day line",
        is_24_7=False,
        time_zone="UTC",
        published_at=monday - datetime.timedelta(days=30),
    )
    ScheduleRule.objects.create(
        service=service, weekday=monday.weekday(), opens="09:00", closes="17:00"
    )
    url = service.get_absolute_url()
    with mock.patch("django.utils.timezone.now", return_value=monday):
        assert "Closed now" in page(client, url)
        assert "Closed now" in page(client, url)  # from the cache
    later = monday + datetime.timedelta(seconds=40)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Open now" in page(client, url)


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_a_hit_sends_the_same_headers_and_body_as_the_miss_that_stored_it(client, encoding):
    article = ArticleFactory.published(title="Stored once")
    path = article.get_absolute_url()
    headers = {"accept-encoding": encoding, "accept-language": "en-GB"}
    fresh = client.get(path, headers=headers)
    with CaptureQueriesContext(connection) as warm:
        cached = client.get(path, headers=headers)
    assert len(warm) == 1  # the generation, nothing rendered again
    assert cached.status_code == fresh.status_code == 200
    assert cached.content == fresh.content
    assert sorted(cached.items()) == sorted(fresh.items())
    assert (cached.get("Content-Encoding") == "gzip") == (encoding == "gzip")


def test_each_encoding_is_stored_apart(client):
    ArticleFactory.published(title="Both encodings")
    client.get("/articles/", headers={"accept-encoding": "gzip"})
    plain = client.get("/articles/")  # after the compressed copy was stored
    assert not plain.has_header("Content-Encoding")
    assert "Both encodings" in plain.content.decode()


def test_a_hit_answers_conditional_requests_with_304_and_the_caching_headers(client):
    article = ArticleFactory.published(title="Revalidated")
    path = article.get_absolute_url()
    first = client.get(path, headers={"accept-encoding": "gzip"})
    assert first["ETag"].startswith('W/"')  # weakened by the compression
    with CaptureQueriesContext(connection) as warm:
        again = client.get(
            path, headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}
        )
    assert len(warm) == 1
    assert again.status_code == 304
    assert again.content == b""
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert again[header] == first[header], header
    since = client.get(path, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(path, headers={"accept-encoding": "gzip", "if-none-match": '"other"'})
    assert other.status_code == 200 and other.content == first.content


@pytest.mark.urls("tests.pagecache.urls")
def test_a_page_using_a_csp_nonce_is_never_stored(client):
    # A nonce must be new for every response; a shared copy would hand one to everyone.
    first = client.get("/__test__/nonce/")
    second = client.get("/__test__/nonce/")
    assert "'nonce-" in first["Content-Security-Policy"]
    assert first.content != second.content


@pytest.fixture
def health_checks():
    """Django's connection health checks on, as in production on PostgreSQL, for one test
    (the test client does not run the per-request reset itself: each test does)."""
    connection.ensure_connection()
    enabled = connection.health_check_enabled
    connection.health_check_enabled = True
    yield
    connection.health_check_enabled = enabled


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="an in-memory SQLite database cannot reconnect"
)
def test_a_dropped_database_connection_is_reopened_for_a_cached_page(client, health_checks):
    assert "<!doctype html>" in page(client, "/")
    connection.health_check_done = False
    connection.connection.close()  # as a database restart or an idle timeout leaves it
    assert "<!doctype html>" in page(client, "/")


def test_a_page_is_rendered_again_after_midnight(client, settings):
    # A page may say that a review is overdue: that changes with the date.
    settings.TIME_ZONE = "America/New_York"
    ArticleFactory.published(title="Dated")
    evening = datetime.datetime(2026, 11, 24, 4, 59, tzinfo=datetime.UTC)  # 23:59 there
    with mock.patch("django.utils.timezone.now", return_value=evening):
        page(client, "/articles/")
        with CaptureQueriesContext(connection) as same_day:
            page(client, "/articles/")
    after = evening + datetime.timedelta(minutes=2)  # 00:01 there; the same day in UTC
    with (
        mock.patch("django.utils.timezone.now", return_value=after),
        CaptureQueriesContext(connection) as next_day,
    ):
        page(client, "/articles/")
    assert len(same_day) == 1
    assert len(next_day) > 1


def test_static_files_are_left_to_whitenoise_without_reading_the_generation(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from static/, nothing collected in tests
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/static/css/site.css").status_code == 200
    assert not any("pagecache_generation" in query["sql"] for query in queries)


def test_pages_are_cached_when_static_files_come_from_another_host(client, settings):
    settings.STATIC_URL = "https://static.example.org/"
    ArticleFactory.published(title="Served with a CDN")
    page(client, "/articles/")
    with CaptureQueriesContext(connection) as warm:
        assert "Served with a CDN" in page(client, "/articles/")
    assert len(warm) == 1


def test_a_committed_change_is_announced_once_after_its_bump_and_a_rolled_back_one_never():
    received = []

    def receiver(sender, shell_changed, changed, **kwargs):
        received.append((current().counter, shell_changed, changed))

    before = current().counter
    change_committed.connect(receiver, dispatch_uid="test-announced")
    try:
        with transaction.atomic():
            service = ServiceFactory()
            ContactFactory(service=service)
        with transaction.atomic():
            ArticleFactory()
            transaction.set_rollback(True)
    finally:
        change_committed.disconnect(dispatch_uid="test-announced")
    [(counter, shell_changed, changed)] = received
    assert counter == before + 1  # receivers see the generation readers will ask for
    assert shell_changed and {"referrals.service", "referrals.contactpoint"} <= changed


def test_a_deploy_never_serves_a_page_stored_by_the_old_code(client, monkeypatch):
    """Stored pages outlive a process in a shared cache (Redis): after a deploy that
    changes a template (a corrected number, say), the same generation must not answer
    with what the old templates rendered. The code version is part of the key."""
    from apps.pagecache import generation  # noqa: PLC0415

    ArticleFactory.published(title="Kept across deploys")
    page(client, "/articles/")
    with CaptureQueriesContext(connection) as warm:
        page(client, "/articles/")
    assert len(warm) == 1  # stored
    monkeypatch.setattr(generation, "code_version", lambda: "the-next-deploy")
    with CaptureQueriesContext(connection) as after_deploy:
        assert "Kept across deploys" in page(client, "/articles/")
    assert len(after_deploy) > 1  # rendered by the new code, not read from the store
    with CaptureQueriesContext(connection) as warm_again:
        page(client, "/articles/")
    assert len(warm_again) == 1


def test_a_page_goes_to_the_shared_cache_once_its_response_is_sent():
    """The reader who caused a page to be rendered does not wait for it to be stored:
    the server sends the response, then closes it, and only then is it stored."""
    from django.core.cache import caches  # noqa: PLC0415
    from django.core.handlers.wsgi import WSGIHandler  # noqa: PLC0415
    from django.test import RequestFactory  # noqa: PLC0415

    from apps.pagecache.middleware import local_pages  # noqa: PLC0415

    ArticleFactory.published(title="Stored after sending")
    backend = caches["default"]
    environ = RequestFactory().get("/articles/", secure=True).environ
    statuses = []
    with mock.patch.object(backend, "set", wraps=backend.set) as stored:
        response = WSGIHandler()(environ, lambda status, headers, *exc: statuses.append(status))
        body = b"".join(response)  # what the server writes to the reader
        assert statuses == ["200 OK"] and b"Stored after sending" in body
        assert not [c for c in stored.call_args_list if str(c.args[0]).startswith("page:")]
        response.close()  # what the server does once the reader has it all
        [key] = [c.args[0] for c in stored.call_args_list if str(c.args[0]).startswith("page:")]
    local_pages.clear()  # another worker: it finds the page in the shared cache
    assert backend.get(key).content == response.content


def test_stored_parts_keep_every_character_of_the_page(client):
    # Kept as JSON text (apps/pagecache/models.py): nothing may be lost on the way back.
    title = "Quotes \" ' \\ and “curly”, <tags> & ünïcödé, emoji 🌙, a tab\tand a line\nbreak"
    article = ArticleFactory.published(title=title)
    fresh = page(client, article.get_absolute_url())
    from apps.pagecache.middleware import local_pages  # noqa: PLC0415

    local_pages.clear()
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()  # the next request renders the page from its stored parts
    with CaptureQueriesContext(connection) as read:
        again = page(client, article.get_absolute_url())
    assert len(read) == 2  # the generation and the stored parts: nothing rendered again
    assert again == fresh
