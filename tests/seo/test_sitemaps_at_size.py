"""The sitemap is an index of sections in pages; any page costs the same at any size."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template import Context, Template
from django.test import RequestFactory

from apps.articles.models import Article
from apps.editorial.identity import site_url
from apps.seo.sitemaps import ArticleSitemap, index_elements
from apps.seo.urls import SITEMAPS
from tests.articles.factories import ArticleFactory
from tests.seo.conftest import fetch_xml

pytestmark = pytest.mark.django_db
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)


def article_pages(sitemap_pages):
    return {url: root for url, root in sitemap_pages().items() if "sitemap-article.xml" in url}


def test_sitemap_index_links_pages_that_together_list_every_public_article(
    sitemap_pages, two_per_page
):
    public = [ArticleFactory.published() for _ in range(5)]
    ArticleFactory(title="A draft")
    pages = article_pages(sitemap_pages)
    assert len(pages) >= 3
    listed = []
    for root in pages.values():
        locations = [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SM)]
        assert len(locations) <= 2
        listed += locations
    assert sorted(listed) == sorted(article.get_absolute_url() for article in public)


def test_sitemap_page_past_the_end_is_not_found(client, two_per_page):
    ArticleFactory.published()
    assert client.get("/sitemap-article.xml", {"p": "9999"}).status_code == 404
    assert client.get("/sitemap-article.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_page_queries_do_not_grow_with_the_section(
    client, two_per_page, django_assert_num_queries
):
    for _ in range(2):
        ArticleFactory.published()
    client.get("/sitemap-article.xml")
    with django_assert_num_queries(2) as few:  # the highest key, then one page's range
        client.get("/sitemap-article.xml", {"p": "1"})
    assert all("OFFSET" not in q["sql"] for q in few.captured_queries)
    for _ in range(6):
        ArticleFactory.published()
    with django_assert_num_queries(2) as many:
        client.get("/sitemap-article.xml", {"p": "3"})
    assert all("OFFSET" not in q["sql"] for q in many.captured_queries)


def test_sitemap_entry_gives_address_day_of_last_change_frequency_and_priority(
    sitemap_pages, settings
):
    settings.TIME_ZONE = "America/New_York"
    article = ArticleFactory.published(slug="night-sweats")
    # 02:00 UTC on 3 March is still 2 March in New York: the day is the site's.
    type(article).objects.filter(pk=article.pk).update(
        updated_at=datetime.datetime(2026, 3, 3, 2, 0, tzinfo=datetime.UTC)
    )
    [root] = article_pages(sitemap_pages).values()
    [url] = root.findall("sm:url", SM)
    assert url.findtext("sm:loc", namespaces=SM) == site_url(article.get_absolute_url())
    assert url.findtext("sm:lastmod", namespaces=SM) == "2026-03-02"
    assert url.findtext("sm:changefreq", namespaces=SM) == ArticleSitemap.changefreq
    assert url.findtext("sm:priority", namespaces=SM) == str(ArticleSitemap.priority)


def test_sitemap_pages_fill_up_to_the_limit(sitemap_pages, two_per_page):
    for _ in range(4):  # consecutive keys: at least one page of two is full
        ArticleFactory.published()
    sizes = [len(root.findall("sm:url", SM)) for root in article_pages(sitemap_pages).values()]
    assert max(sizes) == 2
    assert sum(sizes) == 4


def test_sitemap_index_dates_every_article_page_by_the_newest_change(client, two_per_page):
    for _ in range(3):
        ArticleFactory.published()
    newest = (
        Article.objects.public().order_by("-updated_at").values_list("updated_at", flat=True)[0]
    )
    entries = [
        entry
        for entry in fetch_xml(client, "/sitemap.xml").findall("sm:sitemap", SM)
        if "sitemap-article.xml" in entry.findtext("sm:loc", namespaces=SM)
    ]
    assert len(entries) >= 2
    for entry in entries:
        assert (
            datetime.datetime.fromisoformat(entry.findtext("sm:lastmod", namespaces=SM)) == newest
        )


# The index's template before its entries were built in Python (apps.seo.sitemaps).
TEMPLATE_LOOP = (
    "{% for site in sitemaps %}<sitemap><loc>{{ site.location }}</loc>{% if site.last_mod %}"
    "<lastmod>{{ site.last_mod.isoformat }}</lastmod>{% endif %}</sitemap>\n{% endfor %}"
)


def test_sitemap_index_entries_are_written_as_the_template_loop_wrote_them():
    when = datetime.datetime(2026, 3, 3, 2, 0, tzinfo=datetime.UTC)
    entries = [
        SitemapIndexItem("https://example.org/sitemap-article.xml", when),
        SitemapIndexItem("https://example.org/sitemap-article.xml?p=2", when),
        SitemapIndexItem("https://example.org/sitemap-pages.xml", None),
        SitemapIndexItem("https://example.org/a&b<c>\"d'.xml?p=3&x=<y>", when),
    ]
    expected = Template(TEMPLATE_LOOP).render(Context({"sitemaps": entries}))
    assert index_elements(entries) == expected


def test_sitemap_index_lists_every_page_of_every_section(client, two_per_page):
    for _ in range(5):
        ArticleFactory.published()
    body = client.get("/sitemap.xml").content.decode()
    entries = sitemap_views.index(
        RequestFactory().get("/sitemap.xml"),
        SITEMAPS,
        sitemap_url_name="seo:sitemap-section",
    ).context_data["sitemaps"]
    assert Template(TEMPLATE_LOOP).render(Context({"sitemaps": entries})) in body


def test_a_sitemap_entry_shows_its_items_last_change_and_address_after_every_change(
    sitemap_pages,
):
    # Entries are kept under the values they show (item_element): never an old one.
    article = ArticleFactory.published(slug="night-sweats")

    def entry():
        [root] = article_pages(sitemap_pages).values()
        [url] = root.findall("sm:url", SM)
        return url.findtext("sm:loc", namespaces=SM), url.findtext("sm:lastmod", namespaces=SM)

    for day in (3, 4):
        Article.objects.filter(pk=article.pk).update(
            updated_at=datetime.datetime(2026, 3, day, 12, 0, tzinfo=datetime.UTC)
        )
        assert entry()[1] == f"2026-03-0{day}"
    Article.objects.filter(pk=article.pk).update(slug="night-sweats-and-kratom")
    renamed = Article(slug="night-sweats-and-kratom").get_absolute_url()
    assert entry() == (site_url(renamed), "2026-03-04")
