"""SITE_URL is the one source of the site's address; standing pages exist after migrate;
nothing expires or turns overdue on a fixed date."""

import datetime
import re
import xml.etree.ElementTree as ET
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.utils import timezone

from apps.editorial.identity import sync_site
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db
SITE = "https://nightlight.example"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


def _locations(response):
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_the_sitemap_uses_site_url_not_the_host(client, site_url):
    sync_site()  # what migrate does with the deployed SITE_URL
    ArticleFactory.published(slug="an-article")
    index = _locations(client.get("/sitemap.xml"))
    assert index and all(loc.startswith(SITE + "/") for loc in index)
    # Sections are paged by primary-key range, so follow the index rather than assume
    # the article is on page 1 (on PostgreSQL, ids keep rising from earlier tests).
    pages = [urlsplit(loc) for loc in index if "/sitemap-article.xml" in loc]
    section = [
        loc
        for page in pages
        for loc in _locations(client.get(page.path, dict(parse_qsl(page.query))))
    ]
    assert f"{SITE}/articles/an-article/" in section


def test_the_feed_uses_site_url(client, site_url):
    ArticleFactory.published(slug="an-article")
    feed = client.get("/feeds/articles/").content.decode()
    assert f'href="{SITE}/articles/an-article/"' in feed
    assert "testserver" not in feed and "127.0.0.1" not in feed


def test_structured_data_and_canonical_use_site_url(client, site_url):
    article = ArticleFactory.published(slug="an-article")
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{SITE}/articles/an-article/">' in page
    assert f'"@id": "{SITE}/articles/an-article/"' in page or f"{SITE}/articles/an-article/" in (
        re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert "testserver" not in page


def test_view_on_site_in_the_admin_uses_site_url(admin_client, site_url):
    article = ArticleFactory.published(slug="an-article")
    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'href="{SITE}/articles/an-article/"' in page


def test_migrate_gives_the_site_row_site_urls_domain():
    assert Site.objects.get_current().domain == "127.0.0.1:8000"  # the test SITE_URL


def test_standing_pages_exist_after_migrate_without_demo_content(client):
    for url in ("/about/", "/privacy/", "/editorial-policy/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "advert" in FlatPage.objects.get(url="/about/").content.lower()


def test_security_txt_expires_counts_from_today(client):
    text = client.get("/.well-known/security.txt").content.decode()
    expires = re.search(r"^Expires: (\S+)$", text, re.M).group(1)
    when = datetime.datetime.fromisoformat(expires.replace("Z", "+00:00"))
    today = timezone.now()
    assert today < when < today + datetime.timedelta(days=365)
    later = today + datetime.timedelta(days=800)
    with mock.patch("django.utils.timezone.now", return_value=later):
        text = client.get("/.well-known/security.txt").content.decode()
    expires = re.search(r"^Expires: (\S+)$", text, re.M).group(1)
    assert datetime.datetime.fromisoformat(expires.replace("Z", "+00:00")) > later


# The demo's review dates count from the day it is loaded and survive a reload on a later
# day: test_demo_content.py, on the demo that module loads once.
