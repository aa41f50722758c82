"""Public lists, admin changelists and the dashboard cost the same at any table size."""

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.editorial.admin import PublishableAdmin
from apps.editorial.models import Status
from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory
from tests.editorial.factories import TopicFactory

ARTICLES = "/admin/articles/article/"


def count_queries(captured):
    return [q["sql"] for q in captured.captured_queries if re.search(r"COUNT\(", q["sql"])]


@pytest.fixture
def two_pages_at_most(monkeypatch):
    monkeypatch.setattr("apps.editorial.pagination.PUBLIC_MAX_PAGES", 2)


@pytest.mark.django_db
def test_public_list_stops_after_its_last_page_with_a_message(client, two_pages_at_most):
    for _ in range(25):  # 12 per page: one more than two pages hold
        ArticleFactory.published()
    response = client.get("/articles/?page=40")  # past the end: the last page shown
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert "More than 24 articles" in body
    assert "This list stops here, after 24 entries" in body
    assert 'href="/search/"' in body


@pytest.mark.django_db
def test_public_list_counts_only_as_far_as_its_pages_reach(client, two_pages_at_most):
    for _ in range(3):
        ArticleFactory.published()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/articles/")
    counts = count_queries(captured)
    assert counts and all("LIMIT" in sql for sql in counts)
    # Unsorted, so the database stops at the limit without reading every row's date.
    assert all("ORDER BY" not in sql for sql in counts)
    assert "3 articles" in response.content.decode()
    assert "This list stops here" not in response.content.decode()


@pytest.mark.django_db
def test_admin_changelist_counts_once_and_offers_no_date_drilldown(admin_client):
    ArticleFactory.published()
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(ARTICLES)
    changelist = response.context["cl"]
    assert changelist.date_hierarchy is None
    assert changelist.show_full_result_count is False
    # Django's second, unfiltered count is gone; the paginator's own count remains.
    assert len([sql for sql in count_queries(captured) if "articles_article" in sql]) == 1


@pytest.mark.django_db
def test_admin_sorts_only_by_indexed_columns(admin_client):
    ArticleFactory.published()
    response = admin_client.get(ARTICLES)
    body = response.content.decode()
    assert 'class="sortable column-title' in body
    assert 'class="column-reviewed_by"' in body  # shown, not sortable


def indexed_columns(model):
    """Columns that lead an index (or are unique), by attribute name."""
    columns = {
        field.attname
        for field in model._meta.concrete_fields
        if field.db_index or field.unique or field.primary_key
    }
    for index in model._meta.indexes:
        columns.add(model._meta.get_field(index.fields[0].lstrip("-")).attname)
    return columns


@pytest.mark.parametrize(
    "model_admin",
    [ma for ma in admin.site._registry.values() if isinstance(ma, PublishableAdmin)],
    ids=lambda ma: ma.model._meta.label,
)
def test_every_sortable_column_of_a_content_admin_has_an_index(model_admin):
    model = model_admin.model
    indexed = indexed_columns(model)
    assert model_admin.sortable_by is not None, "list the indexed columns in sortable_by"
    for name in model_admin.sortable_by:
        attribute = getattr(model_admin, name, None)
        field_name = getattr(attribute, "admin_order_field", None) or name
        field = model._meta.get_field(field_name.lstrip("-"))
        assert field.attname in indexed, f"{model.__name__}.{field_name} has no index"
    default = (model_admin.ordering or model._meta.ordering or ["pk"])[0].lstrip("-")
    if default != "pk":
        assert model._meta.get_field(default).attname in indexed


@pytest.mark.django_db
def test_dashboard_counts_stop_at_the_cap(admin_client, monkeypatch):
    monkeypatch.setattr("apps.editorial.dashboard.COUNT_CAP", 2)
    for _ in range(3):
        AlternativeFactory(status=Status.IN_REVIEW)
    AlternativeFactory(status=Status.PUBLISHED, needs_review=True)
    response = admin_client.get("/admin/")
    rows = {
        label: count
        for heading, section in response.context["sections"]
        if heading == "Alternatives"
        for label, count, _ in section
    }
    assert rows["Waiting for review"] == "2+"
    assert rows["Changed since review"] == 1
    assert "2+" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db
def test_admin_counts_a_big_unfiltered_table_from_the_planner_estimate(admin_client, monkeypatch):
    monkeypatch.setattr("apps.editorial.pagination.ESTIMATE_ABOVE", 0)
    for _ in range(3):
        ArticleFactory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(ARTICLES)
    assert response.context["cl"].result_count == 3
    assert not [sql for sql in count_queries(captured) if "articles_article" in sql]
    # A filtered list is counted exactly.
    response = admin_client.get(f"{ARTICLES}?status__exact=draft")
    assert response.context["cl"].result_count == 3


@pytest.mark.django_db
def test_admin_topic_filter_lists_each_item_once_without_distinct(admin_client):
    sleep, pain = TopicFactory(slug="sleep"), TopicFactory(slug="pain")
    both = ArticleFactory.published(title="In both topics")
    both.topics.set([sleep, pain])
    ArticleFactory.published(title="In no topic")
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(f"{ARTICLES}?topic=sleep")
    assert [str(item) for item in response.context["cl"].result_list] == ["In both topics"]
    assert not [q["sql"] for q in captured.captured_queries if "DISTINCT" in q["sql"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_admin",
    [ma for ma in admin.site._registry.values() if isinstance(ma, PublishableAdmin)],
    ids=lambda ma: ma.model._meta.label,
)
def test_each_rows_action_checkbox_is_the_one_django_writes(model_admin):
    # Written directly instead of through the template engine (LargeTableAdmin): the
    # markup, escaping included, must stay exactly Django's.
    obj = model_admin.model(pk=41, slug="x")
    for field in ("title", "name"):
        if hasattr(obj, field):
            setattr(obj, field, 'Quotes " & <b>tags</b> “curly”')
    assert model_admin.action_checkbox(obj) == admin.ModelAdmin.action_checkbox(model_admin, obj)
