"""The index follows the content after each commit, from what each type declares."""

import ast
from pathlib import Path

import pytest
from django.db import transaction

from apps.editorial.models import Publishable
from apps.editorial.registry import publishable_models
from apps.search.models import SearchDocument
from apps.search.query import search
from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory, FAQItemFactory
from tests.referrals.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def indexed_titles():
    return sorted(SearchDocument.objects.values_list("title", flat=True))


def test_saved_items_are_indexed_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ArticleFactory.published(title="Kratom and sleep")
        assert indexed_titles() == []  # not before the transaction commits
    assert callbacks
    assert indexed_titles() == ["Kratom and sleep"]
    assert search("kratom").ids


def test_a_rolled_back_save_never_reaches_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                ArticleFactory.published(title="Never saved")
                raise RuntimeError
        except RuntimeError:
            pass
    assert indexed_titles() == []


def test_an_faq_answer_edited_on_its_own_reindexes_its_article(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory.published(title="Kratom basics")
    with django_capture_on_commit_callbacks(execute=True):
        FAQItemFactory(article=article, question="Is valerian safe?", answer="Ask first.")
    assert search("valerian").ids == [SearchDocument.objects.get().pk]


def test_deleted_items_leave_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory.published(title="Kratom and sleep")
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert indexed_titles() == []
    assert search("kratom").ids == []


def test_each_type_indexes_what_it_declares(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory.published(title="Does kratom cause insomnia?", standfirst="Yes, CBT-I.")
        AlternativeFactory.published(name="Stimulus control", summary="Bed is for sleep.")
        ServiceFactory(name="Samaritans", description="Listening, day or night.")
    documents = {d.kind: d for d in SearchDocument.objects.all()}
    assert set(documents) == {m._meta.model_name for m in publishable_models()}
    assert documents["article"].title_key == "does kratom cause insomnia"
    assert "CBT-I" in documents["article"].body  # hyphens survive
    assert "Bed is for sleep." in documents["alternative"].body
    assert documents["service"].body.startswith("Listening, day or night.")
    assert {(d.title_weight, d.body_weight) for d in documents.values()} == {("A", "B")}


def test_the_search_app_names_no_content_field():
    """Search reads what types declare (search_entry, search_related), never their fields."""
    # Field names the search app has itself, or that every Publishable shares, or that
    # Django's field API uses ("name"), are allowed; what each type adds is not.
    own = {field.name for field in SearchDocument._meta.get_fields()}
    own |= {field.name for field in Publishable._meta.get_fields()} | {"name"}
    content_fields = {
        field.name
        for model in publishable_models()
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if field.model is model
    } | {"faq_items"}
    content_fields -= own | {"id"}
    assert {"standfirst", "steps", "eligibility"} <= content_fields
    paths = list((Path(__file__).resolve().parents[2] / "apps" / "search").rglob("*.py"))
    assert len(paths) > 5
    for path in paths:
        tree = ast.parse(path.read_text())
        names = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        } | {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        assert not names & content_fields, path
