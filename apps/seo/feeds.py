"""Atom feed of new and re-reviewed articles: a re-review moves an article back to the top."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import DateTimeField, F
from django.db.models.functions import Cast, Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from apps.articles.models import Article

FEED_SIZE = 30


def _reviewed_at(article):
    day = article.last_reviewed_on
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "Nightlight: new and re-reviewed articles"
    subtitle = "Cited harm-reduction articles, listed again each time a reviewer checks them."

    def link(self):
        return reverse("articles:index")

    def items(self):
        return (
            Article.objects.public()
            .annotate(
                changed_at=Greatest(
                    F("published_at"),
                    Coalesce(Cast("last_reviewed_on", DateTimeField()), F("published_at")),
                )
            )
            .order_by("-changed_at", "-pk")[:FEED_SIZE]
        )

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
        reviewed = _reviewed_at(item)
        return max(item.published_at, reviewed) if reviewed else item.published_at
