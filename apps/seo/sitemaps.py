"""The sitemap's sections. Which sections exist is declared once, in ``apps.seo.urls.SITEMAPS``."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.alternatives.models import Alternative
from apps.articles.models import Article
from apps.editorial.models import Topic
from apps.referrals.models import Service


class PublishableSitemap(Sitemap):
    """Every public item of ``model``, dated by its last change."""

    model = None
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return self.model.objects.public().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(PublishableSitemap):
    model = Article


class AlternativeSitemap(PublishableSitemap):
    model = Alternative


class ServiceSitemap(PublishableSitemap):
    model = Service


class StandingPagesSitemap(Sitemap):
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


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")
