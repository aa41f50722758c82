import factory

from apps.articles.models import Article, Audience, FAQItem
from tests.editorial.factories import (
    ContributorFactory,
    SourceFactory,
    TopicFactory,
    reviewed_fields,
)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft article citing one new source; use ``published()`` for a public one."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "Yes, it can. Here is what the research says."
    key_points = "First point\nSecond point\nThird point"
    audience = Audience.PEOPLE_WHO_USE

    @factory.lazy_attribute
    def body(self):
        return f"## What we know\n\nA fact [@{SourceFactory().key}]."

    @factory.post_generation
    def cite(obj, create, extracted, **kwargs):
        """``cite=[sources]`` replaces the body with one citing each of them."""
        if extracted:
            obj.body = "\n\n".join(f"Fact {i} [@{s.key}]." for i, s in enumerate(extracted, 1))
            obj.save()
        if create:
            obj.sync_sources()

    @classmethod
    def published(cls, **kwargs):
        return cls(**(reviewed_fields() | kwargs))


class FAQItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQItem

    article = factory.SubFactory(ArticleFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "A short answer."
    order = factory.Sequence(lambda n: n)


def article_showing(n):
    """A published article with ``n`` of everything its page shows: sources cited, FAQ
    answers citing them, authors, topics and related articles (for query budgets that
    must not grow with the page)."""
    sources = [SourceFactory() for _ in range(n)]
    article = ArticleFactory.published(cite=sources)
    for i in range(n):
        FAQItemFactory(article=article, answer=f"Answer [@{sources[i].key}].")
    article.authors.set([ContributorFactory() for _ in range(n)])
    article.topics.set([TopicFactory() for _ in range(n)])
    article.related_articles.set([ArticleFactory.published() for _ in range(n)])
    return article
