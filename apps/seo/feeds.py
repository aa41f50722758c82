"""Atom feed of new and re-reviewed articles: a re-review moves an article back to the top."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from apps.articles.models import Article
from apps.editorial.identity import site_url

FEED_SIZE = 30


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "Nightlight: new and re-reviewed articles"
    subtitle = "Cited harm-reduction articles, listed again each time a reviewer checks them."

    # Absolute addresses from SITE_URL, so the Site row or Host header never decides them.
    def link(self):
        return site_url(reverse("articles:index"))

    def feed_url(self):
        return site_url(reverse("seo:article-feed"))

    def item_link(self, item):
        return site_url(item.get_absolute_url())

    def items(self):
        return Article.objects.public().latest_changes(FEED_SIZE)

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        # Atom's <summary type="html"> is read as HTML by feed readers: editors' plain
        # text must arrive as text, so "<" in a summary is escaped before XML escaping.
        text = item.meta_description
        if item.change_note:
            text = f"{text} What changed at the last review: {item.change_note}"
        return escape(text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.changed_at
