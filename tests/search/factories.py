import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.editorial.models import Topic
from apps.search.documents import refresh_full_text, title_key
from apps.search.models import SearchDocument, Synonym


class SearchDocumentFactory(factory.django.DjangoModelFactory):
    """An index row on its own, for testing search without the content apps."""

    class Meta:
        model = SearchDocument

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Topic))
    object_id = factory.Sequence(lambda n: n + 1)
    kind = "article"
    title = factory.Sequence(lambda n: f"Page {n}")
    title_key = factory.LazyAttribute(lambda document: title_key(document.title))
    body = "Plain words about nothing in particular."
    url = factory.Sequence(lambda n: f"/articles/page-{n}/")
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    updated_at = factory.LazyFunction(timezone.now)


class SynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Synonym
        django_get_or_create = ("term",)

    term = "ketum"
    canonical = "kratom"


def build_vectors():
    """What index_object does after writing a row: the database's full-text index and
    the spelling word list, for rows made by the factory."""
    refresh_full_text()
