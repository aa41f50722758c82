from apps.search.sitemaps import PublishableSitemap

from .models import Service


class ServiceSitemap(PublishableSitemap):
    model = Service
