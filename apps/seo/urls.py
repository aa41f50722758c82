from django.contrib.sitemaps.views import sitemap
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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feeds/articles/", ArticleFeed(), name="article-feed"),
    path("robots.txt", views.robots_txt, name="robots"),
]
