import datetime
import io
from unittest import mock

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apps.alternatives.models import Alternative
from apps.editorial.models import Draft, Status
from tests.alternatives.factories import AlternativeFactory
from tests.editorial.factories import ContributorFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/alternatives/alternative/"


def staff(role=None, username=None):
    call_command("sync_roles", stdout=io.StringIO())
    user = User.objects.create_user(username or (role or "staff").replace(" ", "-"), is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return user, client


def form_data(client, obj):
    """The change form as the browser would post it back, unchanged."""
    response = client.get(f"{CHANGELIST}{obj.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


def test_sync_roles_creates_groups_with_review_and_publish_permissions():
    call_command("sync_roles", stdout=io.StringIO())
    publisher = Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    reviewer = Group.objects.get(name="Medical reviewer").permissions.values_list(
        "codename", flat=True
    )
    writer = Group.objects.get(name="Writer").permissions.values_list("codename", flat=True)
    assert "publish_alternative" in publisher and "publish_service" in publisher
    assert "review_alternative" in reviewer and "publish_alternative" not in reviewer
    assert "change_alternative" in writer
    assert not {"review_alternative", "publish_alternative"} & set(writer)


def test_sync_roles_is_idempotent():
    call_command("sync_roles", stdout=io.StringIO())
    before = {g.name: g.permissions.count() for g in Group.objects.all()}
    call_command("sync_roles", stdout=io.StringIO())
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == before


def test_writer_crafting_a_publish_post_is_refused_and_nothing_changes():
    item = AlternativeFactory(status=Status.IN_REVIEW, **_reviewed())
    _, client = staff("Writer")
    data = form_data(client, item) | {"status": "published", "summary": "Sneaky change."}
    response = client.post(f"{CHANGELIST}{item.pk}/change/", data)
    assert response.status_code == 200
    assert "Only an approved item can be published" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW and item.summary != "Sneaky change."


def test_writer_sees_only_draft_and_review_statuses_and_cannot_edit_review_fields():
    item = AlternativeFactory()
    _, client = staff("Writer")
    response = client.get(f"{CHANGELIST}{item.pk}/change/")
    form = response.context["adminform"].form
    assert {value for value, _ in form.fields["status"].widget.choices} == {
        "draft",
        "in_review",
    }
    assert "reviewed_by" not in form.fields and "published_at" not in form.fields


def test_writer_submits_a_draft_for_review():
    item = AlternativeFactory()
    _, client = staff("Writer")
    response = client.post(
        f"{CHANGELIST}{item.pk}/change/", form_data(client, item) | {"status": "in_review"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW and item.version == 2
    assert item.history.first().history_change_reason == "Submitted for review"


def test_writer_has_no_publish_or_archive_actions():
    _, client = staff("Writer")
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = {name for name, _ in actions}
    assert "submit_for_review" in names
    assert not {"publish_now", "archive", "approve", "send_back"} & names


def test_writer_cannot_run_publish_action_by_crafted_post():
    item = AlternativeFactory(status=Status.IN_REVIEW, **_reviewed())
    _, client = staff("Writer")
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_reviewer_approves_with_action_recording_their_contributor():
    item = AlternativeFactory(status=Status.IN_REVIEW)
    user, client = staff("Medical reviewer")
    me = ContributorFactory(user=user, name="Dr Reviewer")
    client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [item.pk], "note": "Checked doses"},
    )
    item.refresh_from_db()
    today = timezone.localdate()
    assert item.reviewed_by == me and item.last_reviewed_on == today
    assert item.next_review_due > today and item.change_note == "Checked doses"
    assert item.status == Status.APPROVED  # ready to publish, not published
    assert item.history.first().history_change_reason.startswith("Approved by Dr Reviewer")
    entry = LogEntry.objects.get(object_id=str(item.pk))
    assert entry.user == user and "Approved by Dr Reviewer" in entry.change_message


def test_reviewer_sends_back_with_a_comment_but_not_without():
    item = AlternativeFactory(status=Status.IN_REVIEW)
    _, client = staff("Medical reviewer")
    client.post(CHANGELIST, {"action": "send_back", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    client.post(
        CHANGELIST,
        {"action": "send_back", "_selected_action": [item.pk], "note": "Cite the dose"},
    )
    item.refresh_from_db()
    assert item.status == Status.SENT_BACK
    assert item.history.first().history_change_reason == "Sent back: Cite the dose"


def test_reviewer_cannot_publish_by_form():
    item = AlternativeFactory(status=Status.IN_REVIEW, **_reviewed())
    _, client = staff("Medical reviewer")
    response = client.post(
        f"{CHANGELIST}{item.pk}/change/", form_data(client, item) | {"status": "published"}
    )
    assert "Only an approved item can be published" in response.content.decode()


def test_publisher_publishes_and_it_is_logged_with_the_user():
    item = AlternativeFactory(status=Status.APPROVED, **_reviewed())
    user, client = staff("Publisher")
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.is_public
    record = item.history.first()
    assert record.history_change_reason == "Published" and record.history_user == user
    assert LogEntry.objects.filter(user=user, change_message__startswith="Published").exists()


def test_publisher_archives_by_form_and_the_history_says_so():
    item = AlternativeFactory.published()
    user, client = staff("Publisher")
    response = client.post(
        f"{CHANGELIST}{item.pk}/change/", form_data(client, item) | {"status": "archived"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ARCHIVED
    assert item.history.first().history_change_reason == "Archived"
    assert LogEntry.objects.get(object_id=str(item.pk)).change_message.startswith("Archived")
    assert item not in Alternative.objects.public()


def test_publishing_without_review_is_refused():
    item = AlternativeFactory(status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert {"reviewed_by", "last_reviewed_on", "next_review_due"} <= set(error.value.message_dict)


def test_publish_action_refuses_an_unreviewed_item():
    item = AlternativeFactory(status=Status.IN_REVIEW)
    _, client = staff("Publisher")
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_editing_substance_of_a_published_item_flags_it_but_keeps_it_public():
    item = AlternativeFactory.published()
    item.steps = item.steps + "\n2. A new step."
    item.save()
    item.refresh_from_db()
    assert item.needs_review and item.is_public


def test_editing_non_substance_fields_does_not_flag():
    item = AlternativeFactory.published()
    item.seo_title = "Better title"
    item.save()
    item.refresh_from_db()
    assert not item.needs_review


def test_a_new_review_clears_the_flag():
    item = AlternativeFactory.published(needs_review=True)
    item.last_reviewed_on = timezone.localdate()
    item.next_review_due = None
    item.save()
    item.refresh_from_db()
    assert not item.needs_review


def test_flag_shows_in_changelist_and_filter(admin_client):
    flagged = AlternativeFactory.published(name="Flagged one", needs_review=True)
    AlternativeFactory.published(name="Fine one")
    response = admin_client.get(CHANGELIST + "?review=needs")
    assert response.context["cl"].result_count == 1
    assert flagged in list(response.context["cl"].result_list)


def test_scheduled_item_is_private_until_its_time(client):
    item = AlternativeFactory.published(published_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(item.get_absolute_url()).status_code == 404
    later = timezone.now() + datetime.timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(item.get_absolute_url()).status_code == 200
        assert item in Alternative.objects.public()


def test_archived_item_leaves_public_lists(client):
    item = AlternativeFactory.published(name="Going away")
    assert "Going away" in client.get("/alternatives/").content.decode()
    item.status = Status.ARCHIVED
    item.save()
    assert "Going away" not in client.get("/alternatives/").content.decode()
    assert item not in Alternative.objects.public()


def test_two_sessions_second_save_is_refused_and_keeps_their_text():
    item = AlternativeFactory.published(summary="Original summary.")
    _, first = staff("Publisher", "first")
    second = Client()
    second.force_login(User.objects.create_superuser("second"))
    first_data = form_data(first, item)
    second_data = form_data(second, item)
    assert (
        first.post(
            f"{CHANGELIST}{item.pk}/change/", first_data | {"summary": "First person's text."}
        ).status_code
        == 302
    )
    response = second.post(
        f"{CHANGELIST}{item.pk}/change/", second_data | {"summary": "Second person's text."}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "first saved this at" in body and "Your text is kept below" in body
    assert "Second person&#x27;s text." in body
    # The item is live, so the first person's change is its working draft.
    draft = Draft.of(item)
    assert draft.data["fields"]["summary"] == "First person's text." and draft.version == 2


def test_a_post_without_the_version_is_refused_and_keeps_the_text():
    item = AlternativeFactory.published(summary="Original summary.")
    client = Client()
    client.force_login(User.objects.create_superuser("admin"))
    data = form_data(client, item)
    del data["base_version"]
    response = client.post(f"{CHANGELIST}{item.pk}/change/", data | {"summary": "New text."})
    body = response.content.decode()
    assert response.status_code == 200
    assert "did not say which version you opened" in body and "New text." in body
    item.refresh_from_db()
    assert item.summary == "Original summary."


def test_saving_after_reload_works():
    item = AlternativeFactory.published()
    client = Client()
    client.force_login(User.objects.create_superuser("admin"))
    for text in ("One.", "Two."):
        data = form_data(client, item) | {"summary": text}
        assert client.post(f"{CHANGELIST}{item.pk}/change/", data).status_code == 302
    draft = Draft.of(item)
    assert draft.data["fields"]["summary"] == "Two." and draft.version == 3


def test_slug_change_keeps_old_url_working_and_collapses_chains(client):
    item = AlternativeFactory.published(slug="a")
    item.slug = "b"
    item.save()
    item.slug = "c"
    item.save()
    response = client.get("/alternatives/a/")
    assert response.status_code == 301 and response["Location"] == "/alternatives/c/"
    assert client.get("/alternatives/b/")["Location"] == "/alternatives/c/"
    assert Redirect.objects.filter(new_path="/alternatives/b/").count() == 0


def test_renaming_back_removes_the_redirect_from_the_live_address(client):
    item = AlternativeFactory.published(slug="a")
    item.slug = "b"
    item.save()
    item.slug = "a"
    item.save()
    assert client.get("/alternatives/a/").status_code == 200
    assert client.get("/alternatives/b/")["Location"] == "/alternatives/a/"


def test_draft_slug_change_makes_no_redirect():
    item = AlternativeFactory(slug="draft-a")
    item.slug = "draft-b"
    item.save()
    assert not Redirect.objects.exists()


def _reviewed():
    return {
        "reviewed_by": ContributorFactory(),
        "last_reviewed_on": timezone.localdate() - datetime.timedelta(days=1),
    }
