"""/sitemap.xml: the standing pages, the lists, every public item and every topic.

Each content app has a ``sitemaps.py`` naming its model; anything else that inherits
Publishable gets the same sitemap, so a new content type cannot be forgotten.
"""

from importlib import import_module

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from apps.editorial.models import Topic
from apps.editorial.registry import publishable_models


class PublishableSitemap(Sitemap):
    """Every public item of ``model``, dated by its last change."""

    model = None
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            self.model.objects.public()
            .only("pk", "slug", "updated_at", "last_reviewed_on")
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at

    @classmethod
    def for_model(cls, model):
        return type(f"{model.__name__}Sitemap", (cls,), {"model": model})


class StandingPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    # (url name, path used until that app routes the name)
    pages = [
        ("site:home", "/"),
        ("site:about", "/about/"),
        ("site:editorial-policy", "/editorial-policy/"),
        ("site:privacy", "/privacy/"),
        ("articles:index", "/articles/"),
        ("alternatives:index", "/alternatives/"),
        ("referrals:index", "/help/"),
        ("editorial:topics", "/topics/"),
    ]

    def items(self):
        return self.pages

    def location(self, item):
        name, fallback = item
        try:
            return reverse(name)
        except NoReverseMatch:
            return fallback


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.order_by("slug")


def _app_sitemap(model):
    try:
        module = import_module(f"{model._meta.app_config.name}.sitemaps")
    except ModuleNotFoundError:
        module = None
    for value in vars(module).values() if module else ():
        if (
            isinstance(value, type)
            and issubclass(value, Sitemap)
            and getattr(value, "model", None) is model
        ):
            return value
    return PublishableSitemap.for_model(model)


def build_sitemaps():
    sitemaps = {"pages": StandingPagesSitemap}
    for model in publishable_models():
        sitemaps[model._meta.model_name] = _app_sitemap(model)
    sitemaps["topics"] = TopicSitemap
    return sitemaps


SITEMAPS = build_sitemaps()
