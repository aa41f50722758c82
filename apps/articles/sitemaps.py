from apps.search.sitemaps import PublishableSitemap

from .models import Article


class ArticleSitemap(PublishableSitemap):
    model = Article
