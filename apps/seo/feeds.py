"""Atom feed of new and re-reviewed articles: a re-review moves an article back to the top."""

import io

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from apps.articles.models import Article
from apps.editorial.identity import site_url

from .addresses import slug_address

# Enough for a reader that checks even weekly (a busy week changes a few articles). Each
# entry costs about 0.2 ms, so thirty made the feed half as dear again as a demo site's
# five; the feed is meant to cost the same at 100,000 articles as at 10.
FEED_SIZE = 10
# What an entry shows; the body and the other long texts stay in the database.
ENTRY_FIELDS = (
    "pk",
    "slug",
    "title",
    "seo_description",
    "standfirst",  # meta_description falls back to it
    "change_note",
    "published_at",
    "last_reviewed_on",
)


class BufferedAtom1Feed(Atom1Feed):
    """Atom, handed to the response in one write.

    The generator writes every tag and text node separately, and each write to an
    HttpResponse is encoded and stored on its own: thousands of them per feed.
    """

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class ArticleFeed(Feed):
    feed_type = BufferedAtom1Feed
    title = "Nightlight: new and re-reviewed articles"
    subtitle = "Cited harm-reduction articles, listed again each time a reviewer checks them."

    # Absolute addresses from SITE_URL, so the Site row or Host header never decides them.
    def link(self):
        return site_url(reverse("articles:index"))

    def feed_url(self):
        return site_url(reverse("seo:article-feed"))

    def get_object(self, request, *args, **kwargs):
        # Once per request, for item_link (the same value on every request; not at
        # import, when the URLconf that get_absolute_url() reads may not be loaded).
        self.article_address = slug_address(Article)
        return None

    def item_link(self, item):
        return site_url(self.article_address(item.slug))

    def items(self):
        return Article.objects.public().only(*ENTRY_FIELDS).latest_changes(FEED_SIZE)

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
