"""Feeds, sitemaps and structured data against real content items."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory, FAQItemFactory

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def mixed_articles():
    public = ArticleFactory.published(title="Public article", slug="public-article")
    draft = ArticleFactory(title="Draft article", slug="draft-article")
    scheduled = ArticleFactory.published(
        title="Scheduled article",
        slug="scheduled-article",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    archived = ArticleFactory.published(
        title="Archived article", slug="archived-article", status="archived"
    )
    return public, draft, scheduled, archived


def test_atom_feed_lists_exactly_the_public_articles(client, mixed_articles):
    response = client.get("/feeds/articles/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in root.findall("a:entry", ATOM)]
    assert titles == ["Public article"]
    assert not response.cookies


def test_feed_is_linked_from_every_page(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feeds/articles/"' in html


def test_sitemap_lists_exactly_the_public_content(sitemap_urls, mixed_articles):
    AlternativeFactory.published(slug="public-alternative")
    AlternativeFactory(slug="draft-alternative")
    urls = sitemap_urls()
    locations = [url.findtext("sm:loc", namespaces=SM) for url in urls]
    assert any(loc.endswith("/articles/public-article/") for loc in locations)
    assert any(loc.endswith("/alternatives/public-alternative/") for loc in locations)
    for hidden in ("draft-article", "scheduled-article", "archived-article", "draft-alternative"):
        assert not any(hidden in loc for loc in locations)
    article = next(
        url for url in urls if "/public-article/" in url.findtext("sm:loc", namespaces=SM)
    )
    assert article.findtext("sm:lastmod", namespaces=SM)


def test_article_json_ld_matches_the_page_dates_and_reviewer(client):
    article = ArticleFactory.published(slug="insomnia", title="Does kratom cause insomnia?")
    FAQItemFactory(article=article, question="Is it dangerous?", answer="It can be.")
    html = client.get(article.get_absolute_url()).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    graph = json.loads(payload)["@graph"]
    page = next(node for node in graph if node["@type"] == "MedicalWebPage")
    assert page["lastReviewed"] == article.last_reviewed_on.isoformat()
    assert page["reviewedBy"]["name"] == article.reviewed_by.name
    assert article.reviewed_by.name in html
    assert f'datetime="{article.last_reviewed_on.isoformat()}"' in html
    assert page["citation"], "cited sources appear as citations"
    faq = next(node for node in graph if node["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["name"] == "Is it dangerous?"
    assert '<link rel="canonical" href="http://127.0.0.1:8000/articles/insomnia/">' in html


def test_content_pages_offer_the_feedback_form_without_setting_cookies(client):
    article = ArticleFactory.published()
    alternative = AlternativeFactory.published()
    for url in (article.get_absolute_url(), alternative.get_absolute_url()):
        response = client.get(url)
        html = response.content.decode()
        assert "Was this page helpful?" in html
        assert 'action="/feedback/' in html
        assert not response.cookies


def test_feed_summaries_carry_editors_text_as_text_not_html(client, db):
    import xml.etree.ElementTree as ET

    from tests.articles.factories import ArticleFactory

    ArticleFactory.published(
        seo_description='Sleep <img src=x onerror=alert(1)> & "rest"',
        change_note="<script>alert(1)</script>",
    )
    response = client.get("/feeds/articles/")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    summary = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "html"
    # What a feed reader renders as HTML: the tags arrive escaped, as visible text.
    assert "<img" not in summary.text and "<script" not in summary.text
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;rest&quot;" in summary.text
