from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.management import call_command
from django.utils import timezone

from apps.articles.models import Article
from apps.editorial.models import Contributor, Source, Topic
from apps.site.models import FeaturedQuestion
from tests.site.test_featured_questions import featured_titles


def counts():
    return (
        FlatPage.objects.count(),
        Source.objects.count(),
        Contributor.objects.count(),
        Topic.objects.count(),
    )


def test_demo_review_dates_follow_the_day_the_demo_is_loaded(db):
    """Loaded on any day, the demo is freshly reviewed, never overdue on a fixed date."""
    from datetime import timedelta

    from django.utils import timezone

    from apps.articles.models import Article
    from apps.site import demo

    later = timezone.localdate() + timedelta(days=900)
    demo.load_all(today=later)
    article = Article.objects.get(slug="does-kratom-cause-insomnia")
    assert later - timedelta(days=60) < article.last_reviewed_on <= later
    assert article.next_review_due > later


@pytest.fixture(scope="module")
def _demo_once(module_atomic):
    call_command("load_demo_content", verbosity=0)


@pytest.fixture
def demo(_demo_once, db):
    """The demo content, loaded once for the module; what a test changes rolls back."""


def test_a_second_load_on_a_later_day_changes_nothing_an_editor_or_reader_sees(demo, client):
    """The demo is reviewed as of the day it is loaded; loading it again 40 days later adds
    no rows and keeps an editor's change, every article's review date and version, and
    the featured questions with the flagship first."""
    first = counts()
    assert first[0] == 3
    assert first[1] >= 12
    today = timezone.localdate()
    flagship = Article.objects.get(slug="does-kratom-cause-insomnia")
    assert today - timedelta(days=365) < flagship.last_reviewed_on <= today
    assert not flagship.is_review_overdue
    articles = sorted(Article.objects.values_list("slug", "last_reviewed_on", "version"))
    assert featured_titles(client)[0] == "Does kratom cause insomnia?"
    featured = FeaturedQuestion.objects.count()
    about = FlatPage.objects.get(url="/about/")
    about.content = "Edited by staff."
    about.save()
    later = today + timedelta(days=40)
    with mock.patch("django.utils.timezone.localdate", return_value=later):
        call_command("load_demo_content", verbosity=0)
    assert counts() == first
    assert FlatPage.objects.get(url="/about/").content == "Edited by staff."
    assert sorted(Article.objects.values_list("slug", "last_reviewed_on", "version")) == articles
    assert FeaturedQuestion.objects.count() == featured
    assert featured_titles(client)[0] == "Does kratom cause insomnia?"


def public_items():
    from apps.editorial.registry import publishable_models

    return [obj for model in publishable_models() for obj in model.objects.public()]


def test_no_published_demo_page_has_an_uncited_medical_paragraph_unless_a_reviewer_accepted_it(
    demo,
):
    from apps.editorial.checks import UNCITED, UNHEDGED, WITHDRAWN_SOURCE, open_warnings

    open_ones = []
    for obj in public_items():
        pending, accepted = open_warnings(obj)
        open_ones += [
            (obj.slug, w.check, w.excerpt) for w in pending if w.check != "stale-verification"
        ]
        for _warning, acceptance in accepted:
            assert acceptance.reason and acceptance.accepted_by_name == obj.reviewed_by.name
    assert [w for w in open_ones if w[1] in (UNCITED, UNHEDGED, WITHDRAWN_SOURCE)] == []


def test_every_demo_article_and_alternative_meets_the_readability_target(demo):
    from apps.editorial.checks import READABILITY_TARGET, flesch_reading_ease, readability_text

    checked = [obj for obj in public_items() if obj.citation_fields]
    assert len(checked) >= 10, "the demo has articles and alternatives to check"
    for obj in checked:
        assert flesch_reading_ease(readability_text(obj)) >= READABILITY_TARGET, obj.slug


def test_every_demo_page_shows_a_dated_change_note_and_its_past_changes(demo, client):
    from apps.alternatives.models import Alternative
    from apps.articles.models import Article

    for obj in [*Article.objects.public(), *Alternative.objects.public()]:
        assert obj.change_note, obj.slug
        html = client.get(obj.get_absolute_url()).content.decode()
        assert f'Updated <time datetime="{obj.last_reviewed_on:%Y-%m-%d}">' in html, obj.slug
    html = client.get("/articles/does-kratom-cause-insomnia/").content.decode()
    assert "Past changes (1)" in html
    assert "Rewritten to separate withdrawal insomnia" in html


def test_demo_contributors_show_role_credentials_and_conflicts_of_interest(demo, client):
    html = client.get("/articles/kratom-and-pain/").content.decode()
    assert "Nightlight editorial team</a> (Health writers and editors; demo profile)" in html
    assert "(MD, addiction medicine; demo profile)" in html
    assert "(demo profile)" not in html.replace("; demo profile)", "")
    assert "Conflicts of interest" in html  # in the trust panel, not only on the profile
    profile = client.get("/contributors/demo-medical-reviewer/").content.decode()
    for text in (
        "Medical reviewer",
        "MD, addiction medicine",
        "Conflicts of interest",
        "Demo profile.",
    ):
        assert text in profile


def test_demo_content_keeps_the_fixes_of_the_accuracy_pass(demo):
    """Spot checks of the 18-item accuracy pass (issue 15), so they cannot quietly regress."""
    from apps.alternatives.models import Alternative
    from apps.articles.models import Article
    from apps.referrals.models import Service

    def text(slug):
        article = Article.objects.get(slug=slug)
        faq = " ".join(f"{i.question} {i.answer}" for i in article.faq_items.all())
        return " ".join([article.standfirst, article.key_points, article.body, faq])

    mixing = text("mixing-kratom-with-other-substances")
    assert "does not reverse benzodiazepines" in mixing and "wear off" in mixing
    assert "[@bja-naloxone]" in mixing and "[@nchrc-naloxone]" in mixing
    assert "act like strong opioids" not in mixing
    insomnia = Article.objects.get(slug="does-kratom-cause-insomnia")
    assert insomnia.standfirst.startswith("Yes, it can")
    assert "[@cheaha-2015]" in insomnia.body and "never been measured in people" in insomnia.body
    assert "[@nhs-insomnia]" in insomnia.body and "cbt-i-coach" in insomnia.body
    assert "not something a study has tested" not in insomnia.body
    withdrawal = text("kratom-withdrawal-and-sleep")
    assert "likely for a while" not in withdrawal and "common" in withdrawal
    assert "2%" in withdrawal and "3 in 10" in withdrawal
    assert "add to the risks of anything else you take" not in withdrawal
    assert "FindTreatment.gov" in text("kratom-and-pain")
    safer = text("safer-kratom-use")
    assert "As of 2025" not in safer and "29 July 2025" in safer
    assert "treat it like a strong opioid" not in safer
    for body in (mixing, safer, text("kratom-and-pain")):
        assert "raises the risk of" not in body
    assert "a few hours before bed" not in Alternative.objects.get(slug="physical-activity").steps
    assert Alternative.objects.get(slug="pain-management-for-sleep").evidence == "insufficient"
    for slug in ("cbt-i-coach", "sbsm-cbti-providers"):
        assert Service.objects.get(slug=slug).areas_text == "United States and worldwide"


def test_about_and_policy_promise_only_what_the_software_does(demo, client):
    from apps.editorial.checks import READABILITY_TARGET
    from apps.referrals.models import STALE_AFTER_DAYS

    about = client.get("/about/").content.decode()
    assert "Help contacts we check" not in about and "not yet verified by staff" in about
    policy = client.get("/editorial-policy/").content.decode()
    assert f"{READABILITY_TARGET} or more" in policy
    assert f"{STALE_AFTER_DAYS} days" in policy
    for heading in ("How a page is made", "How we correct mistakes", "How we are funded"):
        assert heading in policy


def test_every_accepted_warning_in_the_demo_files_still_matches_a_warning(demo):
    """A stale acceptance entry (its text was fixed) would hide nothing; keep the files tidy."""
    from apps.editorial.models import CheckAcceptance
    from apps.site import demo as loader

    entries = sum(
        len(loader.read_markdown(path)[0].get("accepted_warnings", []))
        for folder in ("articles", "alternatives")
        for _slug, path in loader.items(folder, ".md")
    )
    assert CheckAcceptance.objects.count() == entries > 0
