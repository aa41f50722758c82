"""The article feed costs the same at any size: two index scans, merged."""

import datetime
import random
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.editorial.identity import site_url
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def feed_titles(client):
    root = ET.fromstring(client.get("/feeds/articles/").content)  # noqa: S314 - our own output
    return [entry.findtext("a:title", namespaces=ATOM) for entry in root.findall("a:entry", ATOM)]


def changed_at(article):
    reviewed = timezone.make_aware(
        datetime.datetime.combine(article.last_reviewed_on, datetime.time())
    )
    return max(article.published_at, reviewed)


def test_feed_lists_the_latest_publications_and_reviews_in_order(client, monkeypatch):
    monkeypatch.setattr("apps.seo.feeds.FEED_SIZE", 5)
    rng = random.Random(4)
    now = timezone.now()
    articles = []
    for n in range(14):
        published = now - datetime.timedelta(days=rng.randint(1, 400), minutes=n)
        reviewed = (published + datetime.timedelta(days=rng.choice([0, 3, 90, 300]))).date()
        articles.append(
            ArticleFactory.published(
                title=f"Article {n}",
                published_at=published,
                last_reviewed_on=min(reviewed, timezone.localdate()),
            )
        )
    expected = sorted(articles, key=lambda a: (changed_at(a), a.pk), reverse=True)[:5]
    assert feed_titles(client) == [article.title for article in expected]


def days_ago(days):
    return {
        "published_at": timezone.now() - datetime.timedelta(days=days),
        "last_reviewed_on": timezone.localdate() - datetime.timedelta(days=days),
    }


def test_a_new_review_moves_an_old_article_to_the_top(client):
    old = ArticleFactory.published(title="Old article", **days_ago(300))
    ArticleFactory.published(title="Recent article", **days_ago(10))
    assert feed_titles(client) == ["Recent article", "Old article"]
    old.last_reviewed_on = timezone.localdate()
    old.save()
    assert feed_titles(client)[0] == "Old article"


def test_feed_queries_use_no_sort_expression(client):
    for _ in range(3):
        ArticleFactory.published()
    with CaptureQueriesContext(connection) as captured:
        client.get("/feeds/articles/")
    article_queries = [q["sql"] for q in captured if "articles_article" in q["sql"]]
    assert len(article_queries) == 2
    for sql in article_queries:
        assert "GREATEST" not in sql.upper() and "COALESCE" not in sql.upper()
        assert "LIMIT" in sql.upper()


def test_feed_lists_a_fixed_number_of_entries(client, monkeypatch):
    monkeypatch.setattr("apps.seo.feeds.FEED_SIZE", 3)
    for _ in range(5):
        ArticleFactory.published()
    assert len(feed_titles(client)) == 3


def test_feed_queries_do_not_grow_with_the_articles(client):
    def feed_queries():
        with CaptureQueriesContext(connection) as captured:
            client.get("/feeds/articles/")
        return len(captured)

    ArticleFactory.published()
    feed_queries()  # fills what the site caches per change, whatever the feed holds
    few = feed_queries()
    for _ in range(6):
        ArticleFactory.published()
    feed_queries()
    assert feed_queries() == few


def test_feed_entry_links_to_the_article_on_the_site_address(client):
    article = ArticleFactory.published(slug="night-sweats")
    root = ET.fromstring(client.get("/feeds/articles/").content)  # noqa: S314 - our own output
    [link] = root.findall("a:entry/a:link", ATOM)
    assert link.get("href") == site_url(article.get_absolute_url())
