import pytest
from django.core.exceptions import ValidationError

from apps.alternatives.models import Alternative, Evidence
from tests.editorial.factories import SourceFactory

from .factories import AlternativeFactory

pytestmark = pytest.mark.django_db


def test_evidence_rank_orders_strongest_first_and_against_last():
    for grade in [Evidence.AGAINST, Evidence.LIMITED, Evidence.STRONG, Evidence.MODERATE]:
        AlternativeFactory.published(evidence=grade, name=grade.label)
    grades = list(Alternative.objects.public().strongest_first().values_list("evidence", flat=True))
    assert grades == ["strong", "moderate", "limited", "against"]


def test_helps_with_and_delivery_round_trip_as_lists():
    alternative = AlternativeFactory(helps_with=["pain", "withdrawal"], delivery=["group"])
    alternative.refresh_from_db()
    assert alternative.helps_with == ["pain", "withdrawal"]
    assert alternative.helps_pain and not alternative.helps_falling_asleep
    assert alternative.delivery_labels() == ["Group"]


def test_matching_combines_filters():
    AlternativeFactory.published(slug="a", cost="free", helps_with=["pain"])
    AlternativeFactory.published(slug="b", cost="low", helps_with=["pain"])
    AlternativeFactory.published(slug="c", cost="free", helps_with=["falling-asleep"])
    found = Alternative.objects.public().matching(cost="free", helps_with="pain")
    assert [a.slug for a in found] == ["a"]


def test_publishing_without_a_citation_is_refused():
    alternative = AlternativeFactory.build(
        steps="No citations here.", cautions="", status="published"
    )
    with pytest.raises(ValidationError) as error:
        alternative.full_clean()
    assert "steps" in error.value.message_dict


def test_unknown_citation_key_is_named():
    alternative = AlternativeFactory.build(steps="Do it [@no-such-source].")
    with pytest.raises(ValidationError) as error:
        alternative.full_clean()
    assert "no-such-source" in str(error.value.message_dict["steps"])


def test_sync_sources_follows_citations_in_steps_and_cautions():
    one, two = SourceFactory(), SourceFactory()
    alternative = AlternativeFactory(steps=f"Step [@{one.key}].", cautions=f"Care [@{two.key}].")
    assert set(alternative.sources.all()) == {one, two}


def test_summary_text_and_url():
    alternative = AlternativeFactory(slug="stimulus-control", summary="Bed is for sleep.")
    assert alternative.summary_text() == "Bed is for sleep."
    assert alternative.get_absolute_url() == "/alternatives/stimulus-control/"
