"""/help/'s main content is stored once per public change, and never shown stale.

Transactional tests with the page cache on, as readers get it: the generation is bumped,
and the common listings rendered, in transaction.on_commit.
"""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.pagecache import generation as generations
from apps.referrals import listing
from tests.articles.factories import ArticleFactory
from tests.referrals.factories import AreaFactory, ContactFactory, ServiceFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]


def listed_service(name, number, country="US"):
    service = ServiceFactory(name=name)
    AreaFactory(service=service, country=country)
    ContactFactory(service=service, value=number)
    return service


def help_page(client, path="/help/", accept_language=""):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("accept_language", ["", "en-US"])
def test_after_a_service_edit_the_first_reader_finds_the_listing_rendered(client, accept_language):
    service = listed_service("Night line", "1-800-111-2222")
    help_page(client, accept_language=accept_language)
    service.description = "Open to anyone who needs to talk."
    service.save()  # renders the common listings once the save commits
    with (
        mock.patch.object(listing, "render_listing", side_effect=listing.render_listing) as render,
        CaptureQueriesContext(connection) as captured,
    ):
        content = help_page(client, accept_language=accept_language)
    assert "Open to anyone who needs to talk." in content
    assert render.call_count == 0
    # Neither the emergency block (categories) nor the list's count was read.
    sql = " ".join(query["sql"] for query in captured)
    assert "referrals_service_categories" not in sql and "COUNT(" not in sql


def test_a_change_elsewhere_renders_the_listing_again_on_the_next_request(client):
    listed_service("Night line", "1-800-111-2222")
    help_page(client)
    ArticleFactory()  # any public change bumps the generation the listing is stored under
    with mock.patch.object(listing, "render_listing", side_effect=listing.render_listing) as render:
        help_page(client)
    assert render.call_count == 1


def test_an_unpublished_service_leaves_the_listing_on_the_next_request(client):
    service = listed_service("Night line", "1-800-111-2222")
    assert "Night line" in help_page(client)
    service.status = "draft"
    service.save()
    assert "Night line" not in help_page(client)


def request_for(path, **attributes):
    request = RequestFactory().get(path)
    for name, value in attributes.items():
        setattr(request, name, value)
    return request


def stored_key(filters=None):
    return listing._key(generations.current(), filters or {}, True)


@pytest.mark.parametrize("path", ["/help/?page=2", "/help/?page=1", "/help/?country=XX"])
def test_later_pages_and_ignored_filters_are_rendered_for_their_request_only(path):
    listed_service("Night line", "1-800-111-2222")
    request = request_for(path)
    with mock.patch.object(cache, "set", side_effect=cache.set) as cache_set:
        listing.listing(request, {}, True, ["ignored"] if "XX" in path else [])
    assert not any(call.args[0].startswith("help-list:") for call in cache_set.call_args_list)


def test_a_preview_neither_reads_nor_fills_the_store():
    listed_service("Night line", "1-800-111-2222")
    cache.set(stored_key(), ("<p>stored</p>", None))
    html, _ = listing.listing(request_for("/help/", editorial_preview=object()), {}, True, [])
    assert "Night line" in html and "stored" not in html
    assert cache.get(stored_key()) == ("<p>stored</p>", None)


def test_a_listing_past_its_time_is_rendered_again():
    listed_service("Night line", "1-800-111-2222")
    past = timezone.now() - datetime.timedelta(seconds=1)
    cache.set(stored_key(), ("<p>open now</p>", past))
    html, _ = listing.listing(request_for("/help/"), {}, True, [])
    assert "Night line" in html and "open now" not in html


def test_a_stored_listing_is_used_until_its_time():
    listed_service("Night line", "1-800-111-2222")
    until = timezone.now() + datetime.timedelta(minutes=1)
    cache.set(stored_key(), ("<p>open now</p>", until))
    (html, number), page_until = generations.timed(
        listing.listing, request_for("/help/"), {}, True, []
    )
    assert (html, number) == ("<p>open now</p>", 1)
    assert page_until == until  # the page around it is kept no longer
