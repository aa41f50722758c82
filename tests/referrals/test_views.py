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


def _line(name, category, country):
    service = ServiceFactory(name=name, is_24_7=True)
    service.categories.add(_term(category))
    AreaFactory(service=service, country=country)
    ContactFactory(service=service, value="999" if category == "emergency-services" else "116123")
    return service


def _call_block(html):
    return html[html.index('id="call-now-heading"') : html.index("filters-heading")]


def test_call_block_for_the_chosen_country_lists_emergency_numbers_before_crisis_lines(client):
    _line("AAA Crisis line", "crisis-line", "GB")
    _line("ZZZ Emergency", "emergency-services", "GB")
    _line("Elsewhere", "crisis-line", "US")
    block = _call_block(client.get("/help/?country=GB").content.decode())
    assert block.index("ZZZ Emergency") < block.index("AAA Crisis line")
    assert "Elsewhere" not in block
    assert 'class="contact-button" href="tel:999"' in block
    assert "Open now" in block and "Open 24 hours a day" in block


def test_the_browsers_region_chooses_the_country_until_the_reader_does(client):
    _line("UK crisis line", "crisis-line", "GB")
    _line("US crisis line", "crisis-line", "US")
    response = client.get("/help/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert "UK crisis line" in _call_block(response.content.decode())
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies
    chosen = client.get("/help/?country=US", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert "US crisis line" in _call_block(chosen) and "UK crisis line" not in _call_block(chosen)


def test_without_a_country_the_page_offers_countries_and_every_emergency_number(client):
    _line("UK emergency", "emergency-services", "GB")
    _line("AU emergency", "emergency-services", "AU")
    _line("UK crisis line", "crisis-line", "GB")
    html = client.get("/help/").content.decode()
    assert html.index('id="countries"') < html.index('id="call-now-heading"')
    assert 'href="?country=GB"' in html and 'href="?country=AU"' in html
    block = _call_block(html)
    assert "UK emergency" in block and "AU emergency" in block
    assert "UK crisis line" not in block


def test_the_call_block_is_capped_and_the_rest_are_in_the_list_below(client):
    from apps.referrals.listing import CALL_NOW_SHOWN

    for n in range(CALL_NOW_SHOWN + 2):
        _line(f"Emergency line {n:02}", "emergency-services", "GB")
    response = client.get("/help/?country=GB")
    block = _call_block(response.content.decode())
    assert block.count('class="call-card"') == CALL_NOW_SHOWN
    assert 'href="#results-heading"' in block
    listed = [service.name for service in response.context["page_obj"].object_list]
    assert len(listed) == 2 and not any(name in block for name in listed)


def test_results_never_repeat_a_service_shown_above_and_follow_the_filter_form(client):
    _line("UK emergency", "emergency-services", "GB")
    _line("UK crisis line", "crisis-line", "GB")
    other = ServiceFactory(name="UK treatment finder")
    AreaFactory(service=other, country="GB")
    response = client.get("/help/?country=GB")
    html = response.content.decode()
    assert html.count(">UK crisis line<") == 1
    names = [service.name for service in response.context["page_obj"].object_list]
    assert names == ["UK treatment finder"]
    assert html.index('id="call-now-heading"') < html.index('id="filters-heading"')
    assert html.index('id="filters-heading"') < html.index('id="results-heading"')


def test_help_page_has_no_duplicate_ids(client):
    import re
    from collections import Counter

    for country in ("US", "GB"):
        _line(f"{country} emergency", "emergency-services", country)
        _line(f"{country} crisis line", "crisis-line", country)
    for url in ("/help/", "/help/?country=GB", "/help/?country=&category=crisis-line"):
        ids = re.findall(r'\sid="([^"]+)"', client.get(url).content.decode())
        assert [i for i, n in Counter(ids).items() if n > 1] == [], url


def test_service_page_leads_with_its_contacts_as_buttons(client):
    service = ServiceFactory(name="Lead with contacts", description="Call us any time.")
    ContactFactory(service=service, kind="phone", value="0800 111")
    html = client.get(service.get_absolute_url()).content.decode()
    assert html.index("Call us any time.") < html.index('class="contact-button" href="tel:0800111"')
    assert html.index('href="tel:0800111"') < html.index("<h2>Details</h2>")


def test_filters_combine(client):
    both = ServiceFactory(name="Both", is_24_7=True)
    AreaFactory(service=both, country="GB")
    both.categories.add(_term("peer-support"))
    ContactFactory(service=both, kind="text", value="85258")
    only_country = ServiceFactory(name="Country only")
    AreaFactory(service=only_country, country="GB")
    other = ServiceFactory(name="Elsewhere", is_24_7=True)
    AreaFactory(service=other, country="US")
    other.categories.add(_term("peer-support"))
    response = client.get("/help/?country=GB&category=peer-support&open_24_7=on&text=on")
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


def _featured(country, order, value, label="", status="published"):
    service = ServiceFactory(
        featured_in_help_strip=True,
        help_strip_order=order,
        help_strip_label=label,
        status=status,
    )
    AreaFactory(service=service, country=country)
    ContactFactory(service=service, value=value)
    return service


def _strip(response):
    html = response.content.decode()
    return html[html.index('class="help-strip"') : html.index("</aside>")]


def test_help_strip_shows_the_readers_countrys_featured_services_in_order(client):
    _featured("GB", 2, "111", label="NHS 111 (UK)")
    _featured("GB", 1, "999", label="Emergency (UK)")
    _featured("GB", 0, "12345", status="draft")
    _featured("US", 0, "911")
    strip = _strip(client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"))
    assert strip.index('href="tel:999"') < strip.index('href="tel:111"')
    assert "NHS 111:" in strip  # the country in brackets is implied by the strip
    assert "tel:12345" not in strip and "tel:911" not in strip


def test_help_strip_costs_one_query(django_assert_num_queries):
    from apps.referrals.help_strip import featured_contacts

    for i in range(5):
        _featured("AU", i, f"00{i}")
    with django_assert_num_queries(1):
        contacts = featured_contacts("AU", limit=10)
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


@pytest.mark.parametrize(
    "query",
    [{}, {"page": "2", "utm_source": "x"}, {"country": ""}, {"country": "XX"}, {"free": "on"}],
)
def test_filters_read_without_the_form_are_the_forms_own(query):
    from django.http import QueryDict  # noqa: PLC0415

    from apps.referrals.forms import ServiceFilterForm  # noqa: PLC0415

    data = QueryDict(mutable=True)
    data.update(query)
    assert ServiceFilterForm.filters_of(data) == ServiceFilterForm(data).filters()
