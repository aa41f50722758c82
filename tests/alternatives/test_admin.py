import datetime

import pytest
from django.utils import timezone

from apps.alternatives.models import Alternative
from tests.editorial.factories import SourceFactory

from .factories import AlternativeFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/alternatives/alternative/"


def test_changelist_shows_columns_and_filters(admin_client):
    AlternativeFactory.published(name="CBT-I", evidence="strong")
    response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "CBT-I" in html and "Strong" in html
    for param in ("category__exact", "evidence__exact", "status__exact", "review="):
        assert param in html


def test_changelist_query_count_is_flat(admin_client, django_assert_max_num_queries):
    for _ in range(30):
        AlternativeFactory.published()
    admin_client.get(CHANGELIST)
    with django_assert_max_num_queries(12):
        assert admin_client.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?evidence__exact=moderate", {"Stimulus control"}),
        ("?review=overdue", {"Overdue one"}),
        ("?q=stimulus", {"Stimulus control"}),
        ("?category__exact=x", set()),
    ],
)
def test_changelist_filters_and_search_list_their_rows(admin_client, query, expected):
    AlternativeFactory.published(name="Stimulus control", evidence="moderate")
    AlternativeFactory.published(
        name="Overdue one",
        evidence="strong",
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    response = admin_client.get(CHANGELIST + query)
    assert response.status_code == 200
    assert {a.name for a in response.context["cl"].result_list} == expected


def test_add_form_saves_tick_box_lists_and_syncs_sources(admin_client):
    source = SourceFactory(key="edinger-2021")
    response = admin_client.post(
        CHANGELIST + "add/",
        {
            "name": "Stimulus control",
            "slug": "stimulus-control",
            "category": "behavioural",
            "summary": "Bed is for sleep.",
            "steps": "Get up if you cannot sleep [@edinger-2021].",
            "evidence": "moderate",
            "effort": "medium",
            "cost": "free",
            "helps_with": ["falling-asleep", "staying-asleep"],
            "delivery": ["self-guided"],
            "status": "draft",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    alternative = Alternative.objects.get(slug="stimulus-control")
    assert alternative.helps_with == ["falling-asleep", "staying-asleep"]
    assert alternative.delivery == ["self-guided"]
    assert list(alternative.sources.all()) == [source]
    change = admin_client.get(f"{CHANGELIST}{alternative.pk}/change/")
    form = change.context["adminform"].form
    assert form["helps_with"].value() == ["falling-asleep", "staying-asleep"]


def test_shared_bulk_actions_submit_for_review_and_archive(admin_client):
    one, two = AlternativeFactory(status="draft"), AlternativeFactory.published()
    admin_client.post(CHANGELIST, {"action": "submit_for_review", "_selected_action": [one.pk]})
    admin_client.post(CHANGELIST, {"action": "archive", "_selected_action": [two.pk]})
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == "in_review"
    assert two.status == "archived"
