from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .feeds import ArticleFeed
from .sitemaps import (
    AlternativeSitemap,
    ArticleSitemap,
    ServiceSitemap,
    StandingPagesSitemap,
    TopicSitemap,
)

app_name = "seo"

# Every sitemap section, declared here and nowhere else (as djangoproject.com does).
# A new content type adds its line here.
SITEMAPS = {
    "pages": StandingPagesSitemap,
    "article": ArticleSitemap,
    "alternative": AlternativeSitemap,
    "service": ServiceSitemap,
    "topics": TopicSitemap,
}

urlpatterns = [
    # An index of every section's pages; crawlers fetch the pages one by one.
    path(
        "sitemap.xml",
        views.sitemap_index,
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "seo:sitemap-section",
            "template_name": "seo/sitemap_index.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "seo/sitemap_section.xml"},
        name="sitemap-section",
    ),
    path("feeds/articles/", ArticleFeed(), name="article-feed"),
    path("robots.txt", views.robots_txt, name="robots"),
]
