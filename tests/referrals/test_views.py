import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.referrals.models import TaxonomyTerm

from .factories import AreaFactory, ContactFactory, LanguageFactory, RuleFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _term(code):
    return TaxonomyTerm.objects.get(code=code)


def test_listing_shows_call_and_text_links_cost_and_checked_date(client):
    service = ServiceFactory(name="Text Line", is_24_7=True)
    ContactFactory(service=service, kind="phone", value="988")
    ContactFactory(service=service, kind="text", value="741741", display="741741")
    LanguageFactory(service=service, code="es")
    html = client.get("/help/").content.decode()
    assert 'href="tel:988"' in html
    assert 'href="sms:741741"' in html
    assert "Open now" in html
    assert "Spanish" in html
    assert "Free" in html
    assert "Details checked" in html
    assert "Not yet verified by staff" not in html


def test_unverified_and_stale_services_are_marked(client):
    ServiceFactory(name="Never checked", last_verified_on=None)
    ServiceFactory(name="Old", last_verified_on=timezone.localdate() - datetime.timedelta(days=200))
    html = client.get("/help/").content.decode()
    assert "Not yet verified by staff" in html
    assert "not re-checked for over 6 months" in html
    assert 'class="stale"' in html


def test_closed_now_is_said_in_words(client):
    service = ServiceFactory(time_zone="UTC")
    # Open all day, but only on the day after tomorrow: closed now at any hour.
    other_day = (timezone.now().weekday() + 2) % 7
    RuleFactory(
        service=service, weekday=other_day, opens=datetime.time(0, 0), closes=datetime.time(23, 59)
    )
    assert "Closed now" in client.get("/help/").content.decode()


def test_emergency_block_lists_emergency_numbers_before_crisis_lines(client):
    crisis = ServiceFactory(name="AAA Crisis line")
    crisis.categories.add(_term("crisis-line"))
    emergency = ServiceFactory(name="ZZZ Emergency")
    emergency.categories.add(_term("emergency-services"))
    html = client.get("/help/").content.decode()
    block = html[html.index("In an emergency") : html.index("filters-heading")]
    assert block.index("ZZZ Emergency") < block.index("AAA Crisis line")


def test_filters_combine(client):
    both = ServiceFactory(name="Both", is_24_7=True)
    AreaFactory(service=both, country="GB")
    both.categories.add(_term("crisis-line"))
    ContactFactory(service=both, kind="text", value="85258")
    only_country = ServiceFactory(name="Country only")
    AreaFactory(service=only_country, country="GB")
    other = ServiceFactory(name="Elsewhere", is_24_7=True)
    AreaFactory(service=other, country="US")
    other.categories.add(_term("crisis-line"))
    response = client.get("/help/?country=GB&category=crisis-line&open_24_7=on&text=on")
    names = [s.name for s in response.context["page_obj"].object_list]
    assert names == ["Both"]


def test_language_filter_and_free_filter(client):
    spanish = ServiceFactory(name="Hablamos")
    LanguageFactory(service=spanish, code="es")
    ServiceFactory(name="Paid", is_free=False, fees_description="$10")
    names = [s.name for s in client.get("/help/?language=es").context["page_obj"].object_list]
    assert names == ["Hablamos"]
    names = [s.name for s in client.get("/help/?free=on").context["page_obj"].object_list]
    assert "Paid" not in names


@pytest.mark.parametrize(
    "query",
    [
        "country=ZZ",
        "language=%3Cscript%3Ealert(1)%3C/script%3E",
        "category=nope",
        "page=abc",
        "page=99999",
        "country=%00",
    ],
)
def test_bad_filters_are_ignored_with_a_message(client, query):
    ServiceFactory(name="Still listed")
    response = client.get(f"/help/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still listed" in html
    assert "<script>alert" not in html
    if "page" not in query:
        assert '<ul class="messages"' in html


def test_help_pages_set_no_cookies(client):
    service = ServiceFactory()
    for url in ("/help/", service.get_absolute_url(), "/help/?country=ZZ"):
        assert not client.get(url).cookies


def test_listing_is_paginated(client):
    ServiceFactory.create_batch(25)
    response = client.get("/help/?page=2")
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 5


def test_detail_page_shows_service_and_unknown_slug_404s(client):
    service = ServiceFactory(name="Detail me", eligibility="Anyone over 16.")
    ContactFactory(service=service, kind="website", value="https://example.org/help")
    html = client.get(service.get_absolute_url()).content.decode()
    assert "<h1>Detail me</h1>" in html
    assert 'rel="noopener noreferrer"' in html
    assert "Anyone over 16." in html
    assert client.get("/help/no-such-service/").status_code == 404


def test_draft_service_is_hidden(client):
    draft = ServiceFactory(status="draft", published_at=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.name not in client.get("/help/").content.decode()


def _make_listed(n_related):
    service = ServiceFactory(is_24_7=False, time_zone="Europe/London")
    service.categories.add(_term("crisis-line"), _term("emergency-services"))
    for i in range(n_related):
        ContactFactory(service=service, value=f"0800 000 {i:03d}")
        AreaFactory(service=service, country=["GB", "US", "CA", "AU", "IE"][i % 5])
        RuleFactory(service=service, weekday=i % 7)
    for code in ["en", "es", "fr", "de", "it", "pt", "pl", "ar", "zh", "vi"][: min(n_related, 10)]:
        LanguageFactory(service=service, code=code)
    return service


def _count_queries(client, url):
    client.get(url)  # warm the site-settings cache, as every later request finds it
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/help/", "/help/?country=GB&language=en"])
def test_listing_query_count_does_not_grow_with_related_items(
    client, url, django_assert_num_queries
):
    _make_listed(1)
    baseline = _count_queries(client, url)
    _make_listed(30)
    with django_assert_num_queries(baseline):
        client.get(url)


def test_detail_query_count_does_not_grow_with_related_items(client, django_assert_num_queries):
    small, big = _make_listed(1), _make_listed(30)
    baseline = _count_queries(client, small.get_absolute_url())
    with django_assert_num_queries(baseline):
        client.get(big.get_absolute_url())


def test_help_strip_shows_featured_services_on_home_page(client):
    first = ServiceFactory(
        name="Second", featured_in_help_strip=True, help_strip_order=2, help_strip_label="Two"
    )
    ContactFactory(service=first, value="111")
    second = ServiceFactory(name="First", featured_in_help_strip=True, help_strip_order=1)
    ContactFactory(service=second, value="999")
    hidden = ServiceFactory(featured_in_help_strip=True, status="draft")
    ContactFactory(service=hidden, value="12345")
    html = client.get("/").content.decode()
    strip = html[html.index('class="help-strip"') : html.index("</aside>")]
    assert 'href="tel:999"' in strip and 'href="tel:111"' in strip
    assert strip.index("tel:999") < strip.index("tel:111")
    assert "Two" in strip
    assert "12345" not in strip


def test_help_strip_costs_one_query(django_assert_num_queries):
    from apps.referrals.help_strip import featured_contacts

    for i in range(5):
        ContactFactory(service=ServiceFactory(featured_in_help_strip=True, help_strip_order=i))
    with django_assert_num_queries(1):
        contacts = featured_contacts()
    assert len(contacts) == 5


def test_home_section_lists_featured_services(client):
    ServiceFactory(name="Featured line", featured_in_help_strip=True)
    html = client.get("/").content.decode()
    section = html[html.index('id="home-help"') :]
    assert "Featured line" in section


def _json_ld(html):
    import json
    import re

    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload.group(1))["@graph"]


def test_service_page_json_ld_describes_what_the_page_shows(client):
    service = ServiceFactory(name="Samaritans", is_free=True)
    service.categories.add(_term("crisis-line"))
    ContactFactory(service=service, kind="phone", value="116 123")
    AreaFactory(service=service, country="GB")
    LanguageFactory(service=service, code="en")
    html = client.get(service.get_absolute_url()).content.decode()
    page = next(node for node in _json_ld(html) if node["@type"] == "WebPage")
    entity = page["mainEntity"]
    assert page["lastReviewed"] == service.last_verified_on.isoformat()
    assert f'datetime="{service.last_verified_on.isoformat()}"' in html
    assert entity["provider"]["name"] == service.organization.name
    assert service.organization.name in html
    assert entity["availableChannel"][0]["servicePhone"]["telephone"] == "116 123"
    assert entity["availableChannel"][0]["availableLanguage"] == ["English"]
    assert entity["areaServed"] == [{"@type": "Country", "name": "United Kingdom"}]
    assert entity["isAccessibleForFree"] is True


def test_service_page_links_related_alternatives_and_similar_services(client):
    from tests.alternatives.factories import AlternativeFactory

    service = ServiceFactory(name="Sleep clinic finder")
    service.categories.add(_term("crisis-line"))
    similar = ServiceFactory(name="Another crisis line")
    similar.categories.add(_term("crisis-line"))
    hidden = ServiceFactory(name="Draft crisis line", status="draft")
    hidden.categories.add(_term("crisis-line"))
    unrelated = ServiceFactory(name="Unrelated service")
    public = AlternativeFactory.published(name="CBT-I")
    draft = AlternativeFactory(name="Draft alternative")
    for alternative in (public, draft):
        alternative.related_services.add(service)
    html = client.get(service.get_absolute_url()).content.decode()
    related = html[html.index("Related sleep alternatives") : html.index("If a number")]
    assert "CBT-I" in related and "Draft alternative" not in related
    assert "Another crisis line" in related
    assert "Draft crisis line" not in related and unrelated.name not in related
    assert related.count("Sleep clinic finder") == 0
