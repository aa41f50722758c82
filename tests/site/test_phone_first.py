"""Phone-first reading over HTTP: the country-aware help strip, HEAD, favicon, landmarks."""

import re
from pathlib import Path

import pytest

from apps.referrals.country import country_from_accept_language
from apps.site.models import SiteSettings
from tests.referrals.factories import AreaFactory, ContactFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency_numbers(db):
    for order, (country, number, label) in enumerate(
        [
            ("US", "911", "Emergency (US, Canada)"),
            ("GB", "999", "Emergency (UK)"),
            ("AU", "000", "Emergency (Australia)"),
            ("US", "988", "988 (US)"),
            ("GB", "116123", "Samaritans (UK, Ireland)"),
        ]
    ):
        service = ServiceFactory(
            featured_in_help_strip=True, help_strip_order=order, help_strip_label=label
        )
        AreaFactory(service=service, country=country)
        if country == "US" and number == "911":
            AreaFactory(service=service, country="CA")
        ContactFactory(service=service, value=number)


def strip_of(response):
    html = response.content.decode()
    return html[html.index('class="help-strip"') : html.index("</aside>")]


def first_tel(response):
    return re.search(r'href="tel:(\d+)"', strip_of(response)).group(1)


@pytest.mark.parametrize(
    ("header", "number"),
    [
        ("en-GB,en;q=0.9", "999"),
        ("en-AU", "000"),
        ("en-US,en;q=0.9", "911"),
        ("es-US,es;q=0.9,en;q=0.8", "911"),
        ("fr-CA,fr;q=0.9", "911"),
    ],
)
def test_strip_leads_with_the_emergency_number_of_the_browsers_region(
    client, emergency_numbers, header, number
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert first_tel(response) == number
    assert not response.cookies


def test_strip_links_to_the_help_page_for_that_country(client, emergency_numbers):
    strip = strip_of(client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB"))
    assert 'href="/help/?country=GB"' in strip
    assert "Not in the United Kingdom?" in strip


@pytest.mark.parametrize(
    ("country", "heading"),
    [
        ("GB", "Get help in the United Kingdom"),
        ("US", "Get help in the United States"),
        ("AU", "Get help in Australia"),
    ],
)
def test_country_names_read_as_english_in_a_sentence(client, emergency_numbers, country, heading):
    html = client.get(f"/help/?country={country}").content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading}" in html


def test_without_a_region_the_strip_shows_the_neutral_line_and_a_country_picker(
    client, emergency_numbers
):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en"}, {"HTTP_ACCEPT_LANGUAGE": "de-DE"}):
        response = client.get("/articles/", **headers)
        strip = strip_of(response)
        assert "tel:" not in strip
        assert SiteSettings.current().help_strip_text in strip
        assert "Choose your country" in strip and 'href="/help/#countries"' in strip
        assert not response.cookies


def test_every_page_with_the_strip_varies_by_accept_language(client, emergency_numbers):
    for url in ("/", "/articles/", "/help/", "/no-such-page/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB")
        assert "Accept-Language" in response.headers.get("Vary", ""), url


def test_responses_without_the_strip_do_not_vary(client, db):
    assert "Accept-Language" not in client.get("/robots.txt").headers.get("Vary", "")


@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("en-GB,en;q=0.9", "GB"),
        ("en,en-AU;q=0.8", "AU"),
        ("en;q=0.5,en-NZ", "NZ"),
        ("zh-Hant-TW", "TW"),
        ("de,en-US;q=0.9", None),
        ("es-419", None),
        ("", None),
        ("*", None),
        ("en-GB;q=0,en-US", "US"),
        ("en-GB;q=1.2.3", None),
        ("x" * 5000, None),
    ],
)
def test_country_comes_only_from_the_preferred_languages_region(header, country):
    assert country_from_accept_language(header) == country


@pytest.mark.parametrize(
    "url", ["/", "/search/", "/topics/", "/robots.txt", "/healthz", "/.well-known/security.txt"]
)
def test_head_works_wherever_get_does(client, url):
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""


def test_favicon_ico_leads_to_the_svg_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")


def _search_landmark_names(html):
    return re.findall(r'<form[^>]*role="search"[^>]*aria-label="([^"]+)"', html)


@pytest.mark.parametrize("url", ["/", "/search/?q=kratom"])
def test_search_landmarks_have_unique_names(client, db, url):
    html = client.get(url).content.decode()
    names = _search_landmark_names(html)
    assert len(re.findall(r'role="search"', html)) == len(names) >= 2
    assert len(set(names)) == len(names)


def test_home_title_and_heading_agree_and_the_body_has_a_search_box(client, db):
    html = client.get("/").content.decode()
    title = re.search(r"<title>(.*?) · Nightlight</title>", html).group(1)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    assert title == heading
    main = html[html.index("<main") :]
    assert 'role="search"' in main and 'name="q"' in main


def test_feedback_fieldset_is_not_also_the_heading(client, db):
    html = client.get("/feedback/?page=/articles/").content.decode()
    legend = re.search(r"<legend>(.*?)</legend>", html).group(1)
    headings = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html)
    assert legend not in headings


def test_feedback_after_a_validation_error_keeps_its_page_and_item(client):
    from tests.alternatives.factories import AlternativeFactory

    item = AlternativeFactory.published()
    key = f"alternatives.alternative:{item.pk}"
    response = client.post("/feedback/", {"page": item.get_absolute_url(), "item": key})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<a href="{item.get_absolute_url()}">Back to the page</a>' in html
    assert f'name="page" value="{item.get_absolute_url()}"' in html
    assert f'name="item" value="{key}"' in html


def test_feedback_error_never_links_off_site(client, db):
    response = client.post("/feedback/", {"page": "//evil.example/", "item": ""})
    assert response.status_code == 400
    assert '<a href="/">Back to the page</a>' in response.content.decode()


def test_the_dark_scheme_changes_colours_only():
    """The browser matrix (test_phone_first_browser.py) runs axe's colour rules alone in
    dark because dark differs from light in colours only: one dark block in the one
    stylesheet, giving colour custom properties new values and nothing else."""
    from django.conf import settings  # noqa: PLC0415

    root = Path(settings.BASE_DIR)
    sources = [*root.joinpath("static").rglob("*.css"), *root.joinpath("templates").rglob("*.html")]
    uses = {path.name: path.read_text().count("prefers-color-scheme") for path in sources}
    assert {name: n for name, n in uses.items() if n} == {"site.css": 1}
    css = root.joinpath("static", "css", "site.css").read_text()
    block = re.search(r"@media \(prefers-color-scheme: dark\) \{\s*:root \{(.*?)\}\s*\}", css, re.S)
    declarations = [d.strip() for d in re.sub(r"/\*.*?\*/", "", block.group(1)).split(";")]
    declarations = [d for d in declarations if d]
    assert len(declarations) > 10
    not_colours = [d for d in declarations if not re.fullmatch(r"--[\w-]+:\s*#[0-9a-fA-F]{3,8}", d)]
    assert not not_colours
