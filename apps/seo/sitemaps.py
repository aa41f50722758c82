"""The sitemap's sections. Which sections exist is declared once, in ``apps.seo.urls.SITEMAPS``."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.alternatives.models import Alternative
from apps.articles.models import Article
from apps.editorial.identity import site_domain, site_protocol
from apps.editorial.models import Topic
from apps.editorial.pagination import KeyRangePaginator
from apps.referrals.models import Service


class SiteURLSitemap(Sitemap):
    """Addresses on SITE_URL's domain and scheme, whatever Host the request came with.

    (The index page reads the domain from the Site row, which migrate keeps equal to
    SITE_URL's, and the scheme from ``protocol``.)
    """

    @property
    def protocol(self):
        return site_protocol()

    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_protocol()


class PublishableSitemap(SiteURLSitemap):
    """Every public item of ``model``, dated by its last change.

    Listed in pages (``sitemap-article.xml?p=2``) of at most ``limit`` URLs, each page a
    range of primary keys, so any page costs the same at 100,000 items as at 10: one
    range scan, and a few hundred URLs to build (building one costs about 50 µs, so
    Django's default page of 50,000 takes seconds).
    """

    model = None
    changefreq = "monthly"
    priority = 0.8
    limit = 500

    def items(self):
        return self.model.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    @property
    def paginator(self):
        return KeyRangePaginator(self.items(), self.limit)

    def get_latest_lastmod(self):
        # For the index. Django's default calls lastmod() on every item.
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class ArticleSitemap(PublishableSitemap):
    model = Article


class AlternativeSitemap(PublishableSitemap):
    model = Alternative


class ServiceSitemap(PublishableSitemap):
    model = Service


class StandingPagesSitemap(SiteURLSitemap):
    changefreq = "weekly"
    priority = 0.6
    url_names = [
        "site:home",
        "site:about",
        "site:editorial-policy",
        "site:privacy",
        "articles:index",
        "alternatives:index",
        "referrals:index",
        "editorial:topics",
    ]

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)


class TopicSitemap(SiteURLSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")
