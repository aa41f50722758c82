"""Atom feed of new and re-reviewed articles: a re-review moves an article back to the top."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from apps.articles.models import Article

FEED_SIZE = 30


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "Nightlight: new and re-reviewed articles"
    subtitle = "Cited harm-reduction articles, listed again each time a reviewer checks them."

    def link(self):
        return reverse("articles:index")

    def items(self):
        return Article.objects.public().latest_changes(FEED_SIZE)

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        text = item.meta_description
        if item.change_note:
            text = f"{text} What changed at the last review: {item.change_note}"
        return text

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.changed_at
