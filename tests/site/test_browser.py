"""Real headless Chromium: the shell works for keyboard users and passes axe-core."""

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe-core on every public page type, light and dark, at four screen sizes: in
# test_phone_first_browser.py. `demo_site` (tests/conftest.py) loads the demo content
# once for the module, for the readers' and the editor's tests alike.


def test_home_page_loads_and_skip_link_moves_focus_to_main(page, demo_site):
    page.goto(demo_site.url + "/")
    assert page.title().endswith("Nightlight")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_request_leaves_the_site(page, demo_site):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(demo_site.url + "/")
    page.wait_for_load_state("networkidle")
    assert hosts == {demo_site.url.split("/")[2]}


# The strip's height budget, page widths and first-screen positions at phone sizes are
# tested for every page type in test_phone_first_browser.py.


@pytest.fixture(scope="module")
def editor_site(demo_site, django_db_blocker):
    """The module's demo site with an editor who may sign in. What a test saves stays for
    the module's later tests (drafts never reach public pages) and goes when `demo_site`
    empties the database."""
    from django.contrib.auth.models import User  # noqa: PLC0415

    with django_db_blocker.unblock():
        User.objects.create_superuser("editor", "editor@example.org", "a long passphrase")
    return demo_site


def sign_in(page, site_url):
    page.goto(site_url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site_url + "/admin/")


def test_editor_signs_in_and_the_dashboard_passes_axe(page, editor_site):
    from axe_playwright_python.sync_playwright import Axe

    sign_in(page, editor_site.url)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    assert page.get_by_role("heading", level=1).first.inner_text()
    assert results.violations_count == 0, results.generate_report()


def test_editor_saves_an_article_in_the_browser(page, editor_site):
    from apps.articles.models import Article
    from apps.editorial.models import Draft

    article = Article.objects.get(slug="does-kratom-cause-insomnia")
    assert Draft.of(article) is None
    sign_in(page, editor_site.url)
    page.goto(f"{editor_site.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Change note").fill("Checked in the browser test.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(editor_site.url + "/admin/articles/article/")
    # The article is published, so the change is saved as its working draft.
    assert "Saved the working draft" in page.locator(".messagelist").inner_text()
    before = article.change_note
    article.refresh_from_db()
    assert article.change_note == before
    draft = Draft.of(article)
    assert draft.data["fields"]["change_note"] == "Checked in the browser test."
    assert draft.version == article.version + 1
