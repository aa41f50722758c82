"""Related services ("Where to get help with this") and articles on the detail page."""

import datetime

import pytest
from django.utils import timezone

from .factories import AlternativeFactory

pytestmark = pytest.mark.django_db


def make_service(n, **extra):
    from apps.referrals.models import Service

    fields = {
        "status": "published",
        "published_at": timezone.now() - datetime.timedelta(days=30),
        "name": f"Service {n}",
        "slug": f"service-{n}",
        "description": "What happens when you call.",
    }
    return Service.objects.create(**(fields | extra))


def test_detail_lists_only_public_related_services(client):
    alternative = AlternativeFactory.published()
    alternative.related_services.set(
        [make_service(1, name="CBT-I directory"), make_service(2, name="Hidden", status="draft")]
    )
    html = client.get(alternative.get_absolute_url()).content.decode()
    section = html.split('id="get-help-heading"')[1].split("</section>")[0]
    assert "CBT-I directory" in section and "Hidden" not in html


def test_detail_query_count_is_the_same_for_1_and_30_services(client, django_assert_num_queries):
    small, large = AlternativeFactory.published(), AlternativeFactory.published()
    small.related_services.set([make_service(0)])
    large.related_services.set([make_service(n) for n in range(1, 31)])
    client.get(small.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(small.get_absolute_url())
    with django_assert_num_queries(len(one)):
        response = client.get(large.get_absolute_url())
    assert response.content.decode().count("Service ") >= 30
