import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.db import DatabaseError
from django.test import override_settings

from apps.site.models import SiteSettings

PUBLIC_URLS = ["/", "/about/", "/privacy/", "/editorial-policy/", "/topics/", "/healthz", "/robots.txt",
               "/.well-known/security.txt"]  # fmt: skip


@pytest.fixture
def standing_pages(db):
    from apps.site.standing_pages import ensure_standing_pages

    ensure_standing_pages()


class Landmarks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html):
    parser = Landmarks()
    parser.feed(html)
    return parser.tags


def test_admin_pages_send_same_origin_referrers_so_csrf_origin_checks_pass(client, db):
    response = client.get("/admin/login/")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Permissions-Policy" in response.headers


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_answer_without_cookies_and_with_security_headers(client, standing_pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in permissions
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_home_page_has_landmarks_skip_link_and_help_strip(client, db):
    SiteSettings.objects.create(
        help_strip_text="Call for help any time.", emergency_numbers="Dial 911"
    )
    html = client.get("/").content.decode()
    tags = parse(html)
    names = [tag for tag, _ in tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in names
    assert ("html", {"lang": "en"}) in [
        (t, {"lang": a.get("lang")}) for t, a in tags if t == "html"
    ]
    first_link = next(attrs for tag, attrs in tags if tag == "a")
    assert first_link == {"class": "skip-link", "href": "#main"}
    assert ("main", {"id": "main", "tabindex": "-1"}) in tags
    assert "Call for help any time." in html
    assert "Dial 911" in html
    assert 'href="/help/"' in html


def test_pages_have_no_inline_script_or_style_and_nothing_from_other_hosts(client, standing_pages):
    for url in ("/", "/about/", "/topics/"):
        html = client.get(url).content.decode()
        # The only script elements allowed are JSON-LD data blocks, which never execute.
        scripts = re.findall(r"<script[^>]*>", html)
        assert all(tag == '<script type="application/ld+json">' for tag in scripts), scripts
        assert "style=" not in html
        assert "<style" not in html
        loaded = re.findall(r'<(?:img|script|iframe|source)[^>]+src="([^"]+)"', html)
        loaded += re.findall(
            r'<link[^>]+rel="(?:stylesheet|icon|preload|manifest)"[^>]+href="([^"]+)"', html
        )
        assert loaded, "expected the stylesheet and favicon"
        for url in loaded:
            assert url.startswith("/") and not url.startswith("//"), url


def test_footer_has_privacy_promise_editorial_policy_disclaimer_and_contact(client, db):
    html = client.get("/").content.decode()
    assert "Not medical advice." in html
    assert 'href="/editorial-policy/"' in html
    assert "sets no cookies" in html
    assert "mailto:" in html


def test_help_strip_text_is_editable_in_site_settings(
    client, db, django_capture_on_commit_callbacks
):
    settings_row = SiteSettings.current()
    settings_row.help_strip_text = "Changed by an editor."
    with django_capture_on_commit_callbacks(execute=True):  # the commit bumps the generation
        settings_row.save()
    assert "Changed by an editor." in client.get("/about-nothing/").content.decode()


def test_standing_pages_render_markdown_safely(client, db):
    site = Site.objects.get_current()
    # The standing pages exist from migrate on; an editor changes this one.
    page, _ = FlatPage.objects.update_or_create(
        url="/about/", defaults={"title": "About us", "content": "**Bold** <script>x()</script>"}
    )
    page.sites.add(site)
    html = client.get("/about/").content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>x()" not in html


def test_standing_pages_have_real_text(client, standing_pages):
    about = client.get("/about/").content.decode()
    privacy = client.get("/privacy/").content.decode()
    policy = client.get("/editorial-policy/").content.decode()
    assert "advert" in about.lower()
    assert "cookie" in privacy.lower() and "ip address" in privacy.lower()
    assert "/alternatives/evidence/" in policy


def test_healthz_reports_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    # A per-process cache has no health of its own; a shared (Redis) cache answers "ok".
    shared = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok" if shared else "local",
    }
    assert not response.cookies


def test_healthz_reports_503_when_database_is_down(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("apps.site.views.connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] != "ok"


def test_robots_and_security_txt(client, db):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots  # SITE_URL, not Host
    security = client.get("/.well-known/security.txt").content.decode()
    assert security.startswith("Contact: mailto:")
    assert "Expires:" in security


def test_unknown_page_is_a_styled_404_with_help_strip(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert "help-strip" in html
    assert not response.cookies


@override_settings(DEBUG=False)
def test_500_page_keeps_help_strip_and_never_touches_database(db, django_assert_num_queries, rf):
    from apps.site.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "help-strip" in html


@pytest.mark.parametrize(
    ("code", "text"), [(400, "could not understand"), (403, "do not have access")]
)
def test_400_and_403_templates_are_styled(client, db, code, text):
    from django.template.loader import render_to_string

    html = render_to_string(f"{code}.html")
    assert text in html
    assert "skip-link" in html


def test_admin_is_staff_only_and_named(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    login = client.get("/admin/login/").content.decode()
    assert "Nightlight" in login


def test_site_settings_admin_edits_single_row(admin_client):
    response = admin_client.get("/admin/site/sitesettings/add/")
    assert response.status_code == 200
    response = admin_client.post(
        "/admin/site/sitesettings/add/",
        {"help_strip_heading": "Get help now", "help_strip_text": "Text", "emergency_numbers": "911",
         "contact_email": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert SiteSettings.objects.count() == 1
    assert admin_client.get("/admin/site/sitesettings/add/").status_code == 403


def test_flatpage_titles_are_escaped(client, standing_pages):
    page = FlatPage.objects.get(url="/about/")
    page.title = "About <script>alert(1)</script>"
    page.save()
    html = client.get("/about/").content.decode()
    assert "<script>alert(1)" not in html
    assert "About &lt;script&gt;alert(1)&lt;/script&gt;" in html


@override_settings(ALLOWED_HOSTS=["nightlight.example.org"])
def test_bad_host_headers_log_one_line_without_traceback_or_address(client, db):
    import io
    import logging

    from apps.site.log_filters import RefusedRequestSummary

    console = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RefusedRequestSummary) for f in handler.filters)
    )
    stream, console.stream = console.stream, io.StringIO()
    try:
        response = client.get("/", HTTP_HOST="203.0.113.9")
        logged = console.stream.getvalue()
    finally:
        console.stream = stream
    assert response.status_code == 400
    assert logged == "Refused a request (DisallowedHost).\n"
