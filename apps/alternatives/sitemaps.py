from apps.search.sitemaps import PublishableSitemap

from .models import Alternative


class AlternativeSitemap(PublishableSitemap):
    model = Alternative
