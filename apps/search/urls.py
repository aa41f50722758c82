from django.contrib.sitemaps.views import sitemap
from django.urls import path

from apps.articles.feeds import ArticleFeed

from . import views
from .sitemaps import SITEMAPS

app_name = "search"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feeds/articles/", ArticleFeed(), name="article-feed"),
]
