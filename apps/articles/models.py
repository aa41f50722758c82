"""Articles: cited, reviewed harm-reduction answers, built on the editorial base."""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from apps.editorial.citations import cited_keys
from apps.editorial.indexing import SearchEntry
from apps.editorial.markdown import plain_text, render_page
from apps.editorial.models import (
    MedicalReview,
    Publishable,
    PublishableQuerySet,
    Source,
    Topic,
)


class Audience(models.TextChoices):
    PEOPLE_WHO_USE = "people-who-use", "People who use"
    FAMILY_AND_FRIENDS = "family-and-friends", "Family and friends"
    PROFESSIONALS = "professionals", "Professionals"


# Each audience as schema.org's MedicalAudienceType names it, for the page's JSON-LD.
SCHEMA_AUDIENCE = {
    Audience.PEOPLE_WHO_USE: "Patient",
    Audience.FAMILY_AND_FRIENDS: "Caregiver",
    Audience.PROFESSIONALS: "Clinician",
}


class ArticleQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def matching(self, topic=None, audience=""):
        """The public list's filters; empty values mean "any"."""
        queryset = self
        if topic:
            # Topic slugs are unique, so this join cannot repeat an article.
            queryset = queryset.filter(topics=topic)
        if audience:
            queryset = queryset.filter(audience=audience)
        return queryset

    def for_list(self):
        """What a list card shows (templates/articles/article_list.html), and no more.

        A card costs about as much as a tenth of the rest of the page, so the long texts
        stay in the database and the topics come as a plain list (``listed_topics``):
        the first page of a demo site's five articles and any page of a full list of
        twelve then cost nearly the same.
        """
        return self.only(
            "pk", "slug", "title", "standfirst", "audience", "published_at", "last_reviewed_on"
        ).prefetch_related(
            models.Prefetch(
                "topics", queryset=Topic.objects.only("pk", "name"), to_attr="listed_topics"
            )
        )

    def latest_changes(self, limit):
        """The ``limit`` articles published or re-reviewed most recently, newest first (a list).

        Sorting on "the later of the two dates" needs an expression no index can hold
        (a date cast to a time depends on the time zone), so every article would be
        sorted on each request. Instead take the newest ``limit`` by each date, each an
        index scan, and merge: the newest ``limit`` by the later date are always among
        them. The cost is the same at 100,000 articles as at 10.
        """
        published = self.order_by("-published_at", "-pk")[:limit]
        reviewed = self.filter(last_reviewed_on__isnull=False).order_by("-last_reviewed_on", "-pk")[
            :limit
        ]
        merged = {article.pk: article for article in [*published, *reviewed]}
        return sorted(
            merged.values(), key=lambda article: (article.changed_at, article.pk), reverse=True
        )[:limit]


def public_related_prefetches():
    """Prefetches of the public related items, for whichever relations exist yet."""
    prefetches = [
        models.Prefetch(
            "related_articles",
            queryset=Article.objects.public().newest_first(),
            to_attr="public_related_articles",
        )
    ]
    for name, order in (("related_services", "name"), ("alternatives", "evidence_rank")):
        try:
            model = Article._meta.get_field(name).related_model
        except FieldDoesNotExist:
            continue  # that app has not added its side of the link yet
        prefetches.append(
            models.Prefetch(
                name,
                queryset=model.objects.public().order_by(order, "pk"),
                to_attr=f"public_{name}",
            )
        )
    return prefetches


class Article(MedicalReview, Publishable):
    # FAQ answers may cite too; FAQItem.clean() checks their keys, citation_text()
    # below adds them to sync_sources(), and the page renders them with the body's
    # Document so the numbering is shared.
    citation_fields = ("body",)
    substance_fields = ("standfirst", "key_points", "body")
    search_related = ("faq_items",)
    # Other items' pages show an article's title, address and standfirst (related
    # articles), never these.
    page_only_fields = (
        *Publishable.page_only_fields,
        *MedicalReview.review_fields,
        "key_points",
        "body",
        "audience",
    )
    section = ("Articles", "articles:index")
    draft_inlines = ("faq_items",)

    title = models.CharField(
        max_length=200,
        help_text="The question a reader would ask, such as “Does kratom cause insomnia?”.",
    )
    standfirst = models.TextField(
        max_length=500,
        help_text="Two or three plain sentences that lead with the answer. Shown first and "
        "used as the summary in lists and search results. No citations.",
    )
    key_points = models.TextField(
        blank=True,
        help_text="Three to five short points, one per line. No citations (the body has them).",
    )
    body = models.TextField(
        help_text="Markdown. Use ## headings (they make the table of contents). Cite every "
        "fact with its source key in square brackets: [@singh-2014]. Several: "
        "[@singh-2014] [@smith-2022]. End with a “What you can do next” section.",
    )
    audience = models.CharField(
        max_length=30,
        choices=Audience.choices,
        default=Audience.PEOPLE_WHO_USE,
        db_index=True,
        help_text="Who the article is mainly written for.",
    )
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="linked_from",
        help_text="Shown under “Related articles”. Only published ones appear.",
    )
    related_services = models.ManyToManyField(
        "referrals.Service",
        blank=True,
        related_name="articles",
        help_text="Help services to suggest at the end of the article.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The public list: WHERE status = … AND published_at <= now ORDER BY published_at.
            models.Index(fields=["status", "published_at"], name="article_public_newest"),
            models.Index(fields=["audience", "status", "published_at"], name="article_audience"),
            # The feed: the newest reviews (latest_changes()). With the id, the index holds
            # the whole order: a date has many articles (about 140 a day at 100,000), and
            # without it every article of the newest day was read and sorted on the id.
            models.Index(
                fields=["status", "-last_reviewed_on", "-id"], name="article_reviewed_newest"
            ),
            # The admin changelist sorts by title.
            models.Index(fields=["title"], name="article_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def card(self):
        """All a list card shows (templates/articles/_card.html, which reads nothing
        else): the card is rendered once per process for these values
        (apps/pagecache/memo.py). Reads the ``listed_topics`` of ``for_list()``."""
        return {
            "url": self.get_absolute_url(),
            "title": self.title,
            "standfirst": self.standfirst,
            "audience": self.get_audience_display(),
            "topics": tuple(topic.name for topic in self.listed_topics),
            "reviewed_on": self.last_reviewed_on,
        }

    @property
    def suggested_alternatives(self):
        """The linked alternatives offered as "what can help instead": public ones the
        evidence supports (an option graded "recommended against" is never suggested).
        Reads the ``public_alternatives`` prefetch of ``for_detail()``."""
        return [item for item in getattr(self, "public_alternatives", []) if item.is_supported]

    def summary_text(self):
        return self.standfirst

    # --- what an article declares about itself ----------------------------------------
    def search_entry(self):
        faq = [f"{item.question}\n\n{item.answer}" for item in self.faq_items.all()]
        text = "\n\n".join([self.standfirst, self.key_points, self.body, *faq])
        return SearchEntry(
            kind=self._meta.model_name,
            title=self.title,
            body=plain_text(text),
            summary=plain_text(self.meta_description, limit=300),
        )

    def faq_pairs(self):
        """(question, answer as plain text) for every FAQ item with both."""
        return [
            (item.question, plain_text(item.answer))
            for item in self.faq_items.all()
            if item.question and item.answer
        ]

    def structured_data(self, ld):
        nodes = [ld.medical_web_page(self, audiences=[SCHEMA_AUDIENCE[self.audience]])]
        pairs = self.faq_pairs()
        if pairs:
            nodes.append(ld.faq_page(self, pairs))
        return nodes

    @classmethod
    def page_prefetches(cls):
        """Related articles, services and alternatives come already limited to public
        ones (``public_related_articles`` and so on), so a draft never leaks onto a
        public page through a link."""
        return [*super().page_prefetches(), "faq_items", *public_related_prefetches()]

    page_template = "articles/article_detail.html"

    def page_context(self):
        # The body and every FAQ answer together, so citations share numbers and one
        # References list; rendered once per content (render_page), never in the template.
        faq_items = list(self.faq_items.all())
        page = render_page(
            [self.body, *(item.answer for item in faq_items)], self.sources.all(), toc=True
        )
        body, *answers = page.fields
        return {
            "body_html": body.html,
            "toc": body.toc,
            "faq": [(item, answer.html) for item, answer in zip(faq_items, answers, strict=True)],
            "references": page.references,
        }

    @property
    def changed_at(self):
        """When the article was published or last re-reviewed, whichever is later."""
        if self.last_reviewed_on is None:
            return self.published_at
        reviewed = timezone.make_aware(
            datetime.datetime.combine(self.last_reviewed_on, datetime.time())
        )
        return max(self.published_at, reviewed) if self.published_at else reviewed

    @property
    def key_point_list(self):
        """The key points as a list, one per non-empty line, without bullet marks."""
        points = (line.strip().lstrip("-*•").strip() for line in self.key_points.splitlines())
        return [point for point in points if point]

    def checked_texts(self):
        texts = super().checked_texts()
        if self.pk:
            texts += [(f"FAQ “{item.question}”", item.answer) for item in self.faq_items.all()]
        return texts

    def citation_text(self):
        text = super().citation_text()
        if self.pk:
            answers = self.faq_items.values_list("answer", flat=True)
            text = "\n\n".join([text, *answers])
        return text


class FAQItem(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faq_items")
    question = models.CharField(
        max_length=200, help_text="As a reader would ask it, such as “Will it get better?”."
    )
    answer = models.TextField(
        help_text="Markdown, a short paragraph or two. Cite facts with [@source-key]."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ item"
        indexes = [models.Index(fields=["article", "order"], name="faq_article_order")]

    def __str__(self):
        return self.question

    def clean(self):
        keys = cited_keys(self.answer)
        known = set(Source.objects.filter(key__in=keys).values_list("key", flat=True))
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise ValidationError(
                {
                    "answer": f"Unknown source key{'s' if len(unknown) > 1 else ''}: "
                    f"{', '.join(unknown)}. Add it under Sources first, or fix the spelling."
                }
            )
