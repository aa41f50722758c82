"""Live version and working draft, through the real admin, per role.

A published item's change form saves a working draft; readers keep the reviewed
version until a reviewer approves the draft and a publisher publishes it.
"""

import datetime
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apps.editorial.models import Draft, Status
from tests.admin_forms import change_form_data
from tests.articles.factories import ArticleFactory, FAQItemFactory
from tests.editorial.factories import ContributorFactory
from tests.referrals.factories import ContactFactory, ServiceFactory

pytestmark = pytest.mark.django_db
ARTICLES = "/admin/articles/article/"
SERVICES = "/admin/referrals/service/"


def staff(role, username, **extra):
    call_command("sync_roles", stdout=io.StringIO())
    user = User.objects.create_user(username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return user, client


def published_article():
    reviewer = ContributorFactory(name="Dr Old Reviewer")
    article = ArticleFactory.published(
        title="Does kratom cause insomnia?",
        standfirst="It can. Here is what the research says.",
        reviewed_by=reviewer,
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    FAQItemFactory(article=article, question="Will it get better?", answer="Yes, slowly.")
    return article


def action(client, changelist, name, obj, note=""):
    return client.post(changelist, {"action": name, "_selected_action": [obj.pk], "note": note})


def test_writer_edit_of_a_published_article_leaves_the_public_page_unchanged(client):
    article = published_article()
    writer, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    data = change_form_data(writer_client, url)
    data |= {
        "standfirst": ["Yes. A new, unreviewed sentence."],
        "faq_items-0-answer": ["A new, unreviewed answer."],
    }
    response = writer_client.post(url, data)
    assert response.status_code == 302

    page = client.get(article.get_absolute_url()).content.decode()
    assert "It can. Here is what the research says." in page
    assert "unreviewed" not in page
    article.refresh_from_db()
    assert article.standfirst == "It can. Here is what the research says."
    assert article.faq_items.get().answer == "Yes, slowly."
    assert article.version == 1 and article.history.count() == 1
    draft = Draft.of(article)
    assert draft.status == Status.DRAFT and list(draft.authors.all()) == [writer]
    assert LogEntry.objects.filter(object_id=str(article.pk), user=writer).exists()


def test_the_change_form_shows_the_draft_not_the_live_text():
    article = published_article()
    _, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    data = change_form_data(writer_client, url) | {"standfirst": ["Draft words."]}
    writer_client.post(url, data)
    again = change_form_data(writer_client, url)
    assert again["standfirst"] == ["Draft words."]
    assert again["status"] == ["draft"]


def test_preview_shows_the_draft_marked_noindex_and_uncacheable():
    article = published_article()
    _, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    writer_client.post(url, change_form_data(writer_client, url) | {"standfirst": ["Draft."]})
    response = writer_client.get(f"{ARTICLES}{article.pk}/draft/preview/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Draft." in page and "Staff preview of the working draft" in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    article.refresh_from_db()
    assert article.standfirst == "It can. Here is what the research says."


def test_changes_page_highlights_fields_and_inline_rows():
    article = published_article()
    _, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    data = change_form_data(writer_client, url)
    data |= {
        "standfirst": ["It can. Here is what new research says."],
        "faq_items-0-answer": ["Yes, within weeks."],
    }
    writer_client.post(url, data)
    page = writer_client.get(f"{ARTICLES}{article.pk}/draft/changes/").content.decode()
    assert "<del>the</del>" in page and "<ins>new</ins>" in page
    assert "FAQ item (changed): answer" in page
    assert "<ins>within weeks.</ins>" in page


def test_full_cycle_writer_reviewer_publisher_and_the_byline_shows_the_new_review(client):
    article = published_article()
    writer, writer_client = staff("Writer", "writer")
    reviewer, reviewer_client = staff("Medical reviewer", "reviewer")
    ContributorFactory(user=reviewer, name="Dr New Reviewer")
    publisher, publisher_client = staff("Publisher", "publisher")
    url = f"{ARTICLES}{article.pk}/change/"
    writer_client.post(
        url, change_form_data(writer_client, url) | {"standfirst": ["Reviewed new words."]}
    )

    # Approving before submission does nothing; the writer cannot approve at all.
    action(reviewer_client, ARTICLES, "approve", article)
    assert Draft.of(article).status == Status.DRAFT
    action(writer_client, ARTICLES, "submit_for_review", article)
    assert Draft.of(article).status == Status.IN_REVIEW
    action(writer_client, ARTICLES, "approve", article)
    assert Draft.of(article).status == Status.IN_REVIEW
    # Publishing an unapproved draft is refused.
    action(publisher_client, ARTICLES, "publish_now", article)
    assert "Reviewed new words." not in client.get(article.get_absolute_url()).content.decode()

    action(reviewer_client, ARTICLES, "approve", article, note="Checked the new sentence")
    draft = Draft.of(article)
    assert draft.status == Status.APPROVED
    assert "Reviewed new words." not in client.get(article.get_absolute_url()).content.decode()

    action(publisher_client, ARTICLES, "publish_now", article)
    assert Draft.of(article) is None
    page = client.get(article.get_absolute_url()).content.decode()
    today = timezone.localdate()
    assert "Reviewed new words." in page
    assert "Dr New Reviewer" in page and f"{today:%-d %B %Y}" in page
    assert "Checked the new sentence" in page
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and not article.needs_review
    record = article.history.first()
    assert record.history_user == publisher
    assert record.history_change_reason == "Published the working draft"
    assert LogEntry.objects.filter(
        user=publisher, change_message__startswith="Published the working draft"
    ).exists()


def test_nobody_approves_a_draft_they_changed():
    article = published_article()
    reviewer, reviewer_client = staff("Medical reviewer", "reviewer")
    ContributorFactory(user=reviewer)
    url = f"{ARTICLES}{article.pk}/change/"
    data = change_form_data(reviewer_client, url)
    reviewer_client.post(url, data | {"standfirst": ["My own edit."], "status": ["in_review"]})
    assert Draft.of(article).status == Status.IN_REVIEW
    response = action(reviewer_client, ARTICLES, "approve", article)
    assert Draft.of(article).status == Status.IN_REVIEW
    assert (
        "someone else must approve it"
        in response.wsgi_request._messages._queued_messages[0].message
        or Draft.of(article).status == Status.IN_REVIEW
    )


def test_discarding_the_draft_leaves_the_live_item():
    article = published_article()
    _, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    writer_client.post(url, change_form_data(writer_client, url) | {"standfirst": ["Oops."]})
    assert writer_client.get(f"{ARTICLES}{article.pk}/draft/discard/").status_code == 200
    writer_client.post(f"{ARTICLES}{article.pk}/draft/discard/")
    assert Draft.of(article) is None
    article.refresh_from_db()
    assert article.standfirst == "It can. Here is what the research says."


def test_a_stale_draft_save_is_refused_naming_who_saved_the_draft():
    article = published_article()
    _, first = staff("Writer", "first", first_name="Ana")
    _, second = staff("Writer", "second", first_name="Ben")
    url = f"{ARTICLES}{article.pk}/change/"
    first_data, second_data = change_form_data(first, url), change_form_data(second, url)
    assert first.post(url, first_data | {"standfirst": ["Ana's words."]}).status_code == 302
    response = second.post(url, second_data | {"standfirst": ["Ben's words."]})
    body = response.content.decode()
    assert response.status_code == 200 and "Ana saved this at" in body
    assert "Ben&#x27;s words." in body
    assert Draft.of(article).data["fields"]["standfirst"] == "Ana's words."


def test_writer_crisis_number_change_is_not_live_until_someone_else_verifies_it(client):
    service = ServiceFactory(name="Crisis line", slug="crisis-line")
    ContactFactory(service=service, kind="phone", value="988")
    writer, writer_client = staff("Writer", "writer")
    url = f"{SERVICES}{service.pk}/change/"
    data = change_form_data(writer_client, url)
    assert "last_verified_on" not in data  # the writer cannot enter a verification date
    data |= {"contacts-0-value": ["1-900-555-0100"]}
    assert writer_client.post(url, data).status_code == 302
    assert "988" in client.get(service.get_absolute_url()).content.decode()
    assert "555" not in client.get(service.get_absolute_url()).content.decode()

    action(writer_client, SERVICES, "submit_for_review", service)
    action(writer_client, SERVICES, "approve", service)  # not theirs to verify
    assert Draft.of(service).status == Status.IN_REVIEW

    publisher, publisher_client = staff("Publisher", "publisher")
    action(publisher_client, SERVICES, "approve", service)
    draft = Draft.of(service)
    assert draft.status == Status.APPROVED
    assert draft.data["fields"]["last_verified_on"] == timezone.localdate().isoformat()
    assert draft.data["fields"]["verified_by_id"] == publisher.pk
    assert "555" not in client.get(service.get_absolute_url()).content.decode()

    action(publisher_client, SERVICES, "publish_now", service)
    page = client.get(service.get_absolute_url()).content.decode()
    assert "tel:19005550100" in page
    service.refresh_from_db()
    assert service.verified_by == publisher and service.last_verified_on == timezone.localdate()


def test_writer_cannot_mark_a_service_verified():
    service = ServiceFactory(last_verified_on=timezone.localdate() - datetime.timedelta(days=90))
    _, writer_client = staff("Writer", "writer")
    action(writer_client, SERVICES, "mark_verified_today", service)
    service.refresh_from_db()
    assert service.last_verified_on < timezone.localdate()


def test_unpublished_items_keep_simple_editing():
    article = ArticleFactory(standfirst="Old.")
    _, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    writer_client.post(url, change_form_data(writer_client, url) | {"standfirst": ["New."]})
    article.refresh_from_db()
    assert article.standfirst == "New." and Draft.of(article) is None


def test_restore_of_a_live_article_makes_a_working_draft_and_changes_nothing_live(client):
    article = published_article()
    first = article.history.earliest("history_date")
    article.standfirst = "Second, reviewed words."
    article.slug = "new-address"
    article.change_note = "Second review"
    article.save()
    publisher, publisher_client = staff("Publisher", "publisher")
    url = f"{ARTICLES}{article.pk}/history/{first.history_id}/"
    page = publisher_client.get(url).content.decode()
    assert "It can. Here is what the research says." in page
    response = publisher_client.post(url, {"base_version": str(article.version)})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.standfirst == "Second, reviewed words."
    assert article.status == Status.PUBLISHED and article.slug == "new-address"
    assert client.get("/articles/new-address/").status_code == 200
    draft = Draft.of(article)
    assert draft.status == Status.DRAFT and publisher in draft.authors.all()
    fields = draft.data["fields"]
    assert fields["standfirst"] == "It can. Here is what the research says."
    # Content only: the slug and the review stay as they are now.
    assert fields["slug"] == "new-address" and fields["change_note"] == "Second review"
    # The restorer changed the draft, so someone else approves it.
    action(publisher_client, ARTICLES, "submit_for_review", article)
    assert Draft.of(article).status == Status.IN_REVIEW


@pytest.mark.postgres
def test_restore_on_postgresql_is_not_a_500(admin_client):
    article = published_article()
    first = article.history.earliest("history_date")
    article.standfirst = "Changed."
    article.save()
    url = f"{ARTICLES}{article.pk}/history/{first.history_id}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"base_version": str(article.version)})
    assert response.status_code == 302
    assert Draft.of(article).data["fields"]["standfirst"].startswith("It can.")


def test_an_organization_change_waits_until_someone_else_verifies_it(client):
    service = ServiceFactory(slug="helpline")
    organization = service.organization
    organization.name, organization.website = "988 Lifeline", "https://988lifeline.org"
    organization.save()
    revisions = organization.history.count()
    url = f"/admin/referrals/organization/{organization.pk}/change/"
    writer, writer_client = staff("Writer", "writer")
    data = change_form_data(writer_client, url)
    data |= {"name": ["Renamed"], "website": ["https://elsewhere.example"]}
    assert writer_client.post(url, data).status_code == 302
    organization.refresh_from_db()
    assert organization.name == "988 Lifeline"
    assert "elsewhere" not in client.get(service.get_absolute_url()).content.decode()
    assert organization.history.count() == revisions  # a waiting change is not a revision

    changelist = "/admin/referrals/organization/"
    action(writer_client, changelist, "verify_and_publish", organization)
    organization.refresh_from_db()
    assert organization.name == "988 Lifeline"

    publisher, publisher_client = staff("Publisher", "publisher")
    action(publisher_client, changelist, "verify_and_publish", organization)
    organization.refresh_from_db()
    assert organization.name == "Renamed" and organization.website == "https://elsewhere.example"
    record = organization.history.first()
    assert record.history_user == publisher
    assert Draft.of(organization) is None


def test_dashboard_shows_returned_work_with_the_full_note_ready_to_publish_and_feedback():
    from apps.feedback.models import Feedback

    article = published_article()
    writer, writer_client = staff("Writer", "writer")
    reviewer, reviewer_client = staff("Medical reviewer", "reviewer")
    url = f"{ARTICLES}{article.pk}/change/"
    writer_client.post(url, change_form_data(writer_client, url) | {"standfirst": ["Needs work."]})
    action(writer_client, ARTICLES, "submit_for_review", article)
    note = "Please cite the 2023 guideline for the second claim. " * 5  # well over 100
    action(reviewer_client, ARTICLES, "send_back", article, note=note.strip())
    approved = ArticleFactory(status=Status.APPROVED)
    Feedback.objects.create(page="/articles/", message="A broken link")

    page = writer_client.get("/admin/").content.decode()
    assert "Returned to you" in page and note.strip() in page
    form_page = writer_client.get(url).content.decode()
    assert note.strip() in form_page  # at the top of the change page, in full

    editor = User.objects.create_superuser("editor")
    admin_client = Client()
    admin_client.force_login(editor)
    page = admin_client.get("/admin/").content.decode()
    assert "Ready to publish" in page and "New reader feedback" in page
    ready = admin_client.get(f"{ARTICLES}?workflow=approved")
    assert list(ready.context["cl"].result_list) == [approved]
    returned = admin_client.get(f"{ARTICLES}?workflow=sent_back")
    assert list(returned.context["cl"].result_list) == [article]


def test_browser_line_endings_alone_are_not_a_change():
    article = published_article()
    article.body = article.body + "\n\nA second paragraph [@" + article.sources.first().key + "]."
    article.save()
    _, writer_client = staff("Writer", "writer")
    url = f"{ARTICLES}{article.pk}/change/"
    data = change_form_data(writer_client, url)
    data["body"] = [article.body.replace("\n", "\r\n")]  # as a browser posts a textarea
    data["standfirst"] = ["Only this changed."]
    writer_client.post(url, data)
    page = writer_client.get(f"{ARTICLES}{article.pk}/draft/changes/").content.decode()
    assert "Standfirst" in page and ">Body<" not in page
