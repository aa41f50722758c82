"""The whole live-edit cycle in a real browser: a writer edits a published article, the
draft preview and the changes page pass axe, a reviewer approves, a publisher publishes."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from apps.articles.models import Article
from apps.editorial.models import Contributor, Draft, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "a long passphrase for tests"
SLUG = "does-kratom-cause-insomnia"


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return results.violations_count, results.generate_report()


def member(role, username):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def signed_in(browser, site_url, username, next_path):
    """Signs in through the login form, which then opens next_path (the page the test
    needs next, instead of the dashboard and then that page)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site_url + next_path)
    return context, page


CHANGELIST = "/admin/articles/article/"


def run_action(page, article, action, note=""):
    """On the article changelist, runs an action on the article."""
    page.locator(f'input[name="_selected_action"][value="{article.pk}"]').check()
    page.locator('select[name="action"]').select_option(action)
    if note:
        page.locator('input[name="note"]').fill(note)
    page.get_by_role("button", name="Run").click()
    page.wait_for_load_state()


def test_live_edit_cycle_in_the_browser(browser, live_server):
    call_command("load_demo_content", verbosity=0)
    call_command("sync_roles", verbosity=0)
    article = Article.objects.get(slug=SLUG)
    live_text = article.standfirst
    member("Writer", "writer")
    reviewer = member("Medical reviewer", "reviewer")
    Contributor.objects.create(
        name="Dr Browser Reviewer", slug="dr-browser-reviewer", role="Medical reviewer",
        user=reviewer,
    )  # fmt: skip
    member("Publisher", "publisher")
    public_url = f"{live_server.url}/articles/{SLUG}/"

    # The writer edits the live article: a working draft, submitted for review.
    context, page = signed_in(
        browser, live_server.url, "writer", f"/admin/articles/article/{article.pk}/change/"
    )
    assert "Your changes are saved as its working draft" in page.content()
    page.get_by_label("Standfirst").fill("A browser-edited standfirst, waiting for review.")
    page.get_by_label("Status").select_option("in_review")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert "Saved the working draft" in page.locator(".messagelist").inner_text()

    page.get_by_role("link", name="Preview the draft as readers would see it").click()
    page.wait_for_load_state()
    assert "A browser-edited standfirst" in page.content()
    assert "Staff preview of the working draft" in page.content()
    count, report = axe_violations(page)
    assert count == 0, report

    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/draft/changes/")
    assert page.locator("#draft-diff ins").count() >= 1
    count, report = axe_violations(page)
    assert count == 0, report
    context.close()

    reader = browser.new_context()
    reader_page = reader.new_page()
    reader_page.goto(public_url)
    assert live_text in reader_page.content()
    assert "browser-edited" not in reader_page.content()

    # A reviewer approves; a publisher publishes.
    context, page = signed_in(browser, live_server.url, "reviewer", CHANGELIST)
    run_action(page, article, "approve", note="Checked in the browser")
    context.close()
    assert Draft.of(article).status == Status.APPROVED
    context, page = signed_in(browser, live_server.url, "publisher", CHANGELIST)
    run_action(page, article, "publish_now")
    context.close()

    reader_page.goto(public_url)
    content = reader_page.content()
    assert "A browser-edited standfirst, waiting for review." in content
    assert "Dr Browser Reviewer" in content
    reader.close()
    assert Draft.of(article) is None
