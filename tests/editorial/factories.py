import datetime

import factory
from django.utils import timezone

from apps.editorial.models import Contributor, Source, SourceType, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    description = "A topic used in tests."


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    name = factory.Sequence(lambda n: f"Contributor {n}")
    slug = factory.Sequence(lambda n: f"contributor-{n}")
    role = "Medical reviewer"
    credentials = "MD, addiction medicine"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"A study of sleep number {n}")
    authors = "Doe J, Roe R"
    publisher = "J Sleep Res"
    year = 2021
    doi = factory.Sequence(lambda n: f"10.1000/test.{n}")
    pmid = factory.Sequence(lambda n: str(10000000 + n))
    source_type = SourceType.SYSTEMATIC_REVIEW


def reviewed_fields(days_ago=30, reviewer=None):
    """Keyword arguments that make a Publishable published and reviewed."""
    today = timezone.localdate()
    return {
        "status": "published",
        "published_at": timezone.now() - datetime.timedelta(days=days_ago),
        "reviewed_by": reviewer or ContributorFactory(),
        "last_reviewed_on": today - datetime.timedelta(days=days_ago),
    }
