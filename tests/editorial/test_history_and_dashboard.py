import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from apps.editorial.models import Status
from tests.alternatives.factories import AlternativeFactory
from tests.editorial.factories import ContributorFactory
from tests.editorial.test_workflow import CHANGELIST

pytestmark = pytest.mark.django_db


def test_compare_view_lists_changed_fields_with_old_and_new(admin_client):
    item = AlternativeFactory.published(summary="Old words.")
    item.summary = "New words."
    item.save()
    records = list(item.history.order_by("history_date"))
    response = admin_client.get(
        f"{CHANGELIST}{item.pk}/history/compare/",
        {"older": records[0].history_id, "newer": records[-1].history_id},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Old words." in body and "New words." in body


def test_compare_view_ignores_garbage_parameters(admin_client):
    item = AlternativeFactory()
    response = admin_client.get(f"{CHANGELIST}{item.pk}/history/compare/?older=x&newer=99999")
    assert response.status_code == 200


def test_restore_of_an_unpublished_item_brings_back_content_only(admin_client, admin_user):
    reviewer = ContributorFactory()
    item = AlternativeFactory(summary="First version.", slug="first-slug")
    first = item.history.earliest("history_date")
    item.summary, item.slug = "Second version.", "second-slug"
    item.status, item.reviewed_by = Status.APPROVED, reviewer
    item.last_reviewed_on = timezone.localdate()
    item.save()
    url = f"{CHANGELIST}{item.pk}/history/{first.history_id}/"
    page = admin_client.get(url)
    assert page.status_code == 200 and "<ins>First</ins> version." in page.content.decode()
    response = admin_client.post(url, {"base_version": str(item.version)})
    assert response.status_code == 302
    restored = type(item).objects.get(pk=item.pk)
    assert restored.summary == "First version."
    # Never status, slug or review fields: the change goes through review again.
    assert restored.slug == "second-slug" and restored.status == Status.DRAFT
    assert restored.reviewed_by == reviewer and restored.last_reviewed_on == timezone.localdate()
    assert restored.version == item.version + 1
    record = restored.history.first()
    assert record.history_user == admin_user
    assert record.history_change_reason.startswith("Restored the content of the revision of")
    assert LogEntry.objects.filter(
        object_id=str(item.pk), change_message__startswith="Restored"
    ).exists()


def test_restore_with_a_stale_token_changes_nothing(admin_client):
    item = AlternativeFactory(summary="First version.")
    first = item.history.earliest("history_date")
    item.summary = "Second version."
    item.save()
    url = f"{CHANGELIST}{item.pk}/history/{first.history_id}/"
    admin_client.post(url, {"base_version": "999"})
    item.refresh_from_db()
    assert item.summary == "Second version."


def test_history_page_links_to_compare(admin_client):
    item = AlternativeFactory()
    response = admin_client.get(f"{CHANGELIST}{item.pk}/history/")
    assert f"{CHANGELIST}{item.pk}/history/compare/" in response.content.decode()


def test_dashboard_counts_and_links(admin_client):
    today = timezone.localdate()
    AlternativeFactory.published(last_reviewed_on=today - datetime.timedelta(days=400))
    AlternativeFactory.published(
        last_reviewed_on=today - datetime.timedelta(days=360),
    )
    AlternativeFactory(status=Status.IN_REVIEW)
    AlternativeFactory.published(published_at=timezone.now() + datetime.timedelta(days=2))
    AlternativeFactory.published(needs_review=True)
    response = admin_client.get("/admin/")
    body = response.content.decode()
    rows = (
        dict(
            (label, count)
            for heading, section in response.context["sections"]
            if heading == "Alternatives"
            for label, count, _ in section
        )
        if "sections" in response.context
        else {}
    )
    assert rows["Overdue for review"] == 1
    assert rows["Review due within 30 days"] == 1
    assert rows["Waiting for review"] == 1
    assert rows["Scheduled"] == 1
    assert rows["Changed since review"] == 1
    for query in ("review=overdue", "review=due30", "workflow=in_review", "workflow=scheduled"):
        assert f"{CHANGELIST}?{query}" in body
        assert admin_client.get(f"{CHANGELIST}?{query}").status_code == 200
    assert "/admin/referrals/service/?links=broken" in body
    assert "/admin/referrals/service/?verified=stale" in body


def test_dashboard_links_reach_the_counted_lists(admin_client):
    AlternativeFactory(status=Status.IN_REVIEW)
    AlternativeFactory()
    response = admin_client.get(f"{CHANGELIST}?workflow=in_review")
    assert response.context["cl"].result_count == 1
    assert admin_client.get("/admin/referrals/service/?review=overdue").status_code == 200


def test_dashboard_query_count_is_fixed(admin_client, django_assert_max_num_queries):
    admin_client.get("/admin/")  # warm session and content-type caches
    # One capped count per row (ready to publish and sent back included), plus your
    # returned work and the feedback count; the point is that it does not grow below.
    with django_assert_max_num_queries(45) as few:
        admin_client.get("/admin/")
    for _ in range(30):
        AlternativeFactory(status=Status.IN_REVIEW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get("/admin/")


def test_admin_pages_load_the_sites_admin_stylesheet_from_this_site(admin_client):
    """static/css/admin.css (the desk's tables) is linked after Django's own and served
    from this site, so the Content-Security-Policy (style-src 'self') lets it apply."""
    from pathlib import Path  # noqa: PLC0415

    from django.contrib.staticfiles import finders  # noqa: PLC0415

    html = admin_client.get("/admin/").content.decode()
    assert 'href="/static/css/admin.css"' in html
    assert html.index("admin/css/base.css") < html.index("css/admin.css")
    assert "#my-work table" in Path(finders.find("css/admin.css")).read_text()
