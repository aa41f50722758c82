import factory

from apps.articles.models import Article, Audience, FAQItem
from tests.editorial.factories import SourceFactory, reviewed_fields


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
