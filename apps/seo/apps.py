from django.apps import AppConfig


class SeoConfig(AppConfig):
    """Sitemaps, feeds, robots.txt and structured data: what search engines and readers' feed
    readers see. Reads content apps; no content app imports it."""

    name = "apps.seo"
    verbose_name = "SEO"
