"""One trust panel: the same block in the same place on articles, alternatives and services."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory
from tests.editorial.factories import ContributorFactory
from tests.referrals.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def panel_of(client, item):
    html = client.get(item.get_absolute_url()).content.decode()
    assert html.count('class="trust-panel"') == 1
    start = html.index('class="trust-panel"')
    panel = html[start : html.index("</section>", start)]
    # The same place on every page: after the content and its references, before feedback.
    assert start > html.find('id="references-heading"')
    assert start < html.index('class="feedback"')
    return panel


@pytest.fixture
def reviewer():
    return ContributorFactory(name="Dr Rivera", role="Medical reviewer", credentials="MD")


@pytest.mark.parametrize("factory", [ArticleFactory, AlternativeFactory])
def test_medical_content_panel_names_author_role_reviewer_credentials_and_dates(
    client, reviewer, factory
):
    item = factory.published(reviewed_by=reviewer, change_note="Added the 2023 guideline.")
    item.authors.add(ContributorFactory(name="Sam Writer", role="Health writer"))
    panel = panel_of(client, item)
    assert "Sam Writer</a> (Health writer)" in panel
    assert "Dr Rivera</a> (MD)" in panel
    assert "Page last reviewed" in panel and "Next review due" in panel
    assert "Added the 2023 guideline." in panel
    assert "Review overdue" not in panel


@pytest.mark.parametrize("factory", [ArticleFactory, AlternativeFactory])
def test_overdue_notice_leads_the_panel(client, reviewer, factory):
    item = factory.published(
        reviewed_by=reviewer,
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400),
        next_review_due=timezone.localdate() - datetime.timedelta(days=35),
    )
    panel = panel_of(client, item)
    assert "Review overdue." in panel
    assert panel.index("Review overdue.") < panel.index("<dl")


def test_service_panel_names_the_verifier_and_when_it_is_next_checked(client):
    staff = User.objects.create_user("verifier", is_staff=True)
    ContributorFactory(name="Alex Checker", credentials="Directory editor", user=staff)
    service = ServiceFactory(verified_by=staff, last_verified_on=datetime.date(2026, 9, 1))
    service.last_verified_on = timezone.localdate() - datetime.timedelta(days=10)
    service.save()
    panel = panel_of(client, service)
    assert "Details verified by" in panel and "Alex Checker</a> (Directory editor)" in panel
    assert "Details last verified" in panel and "Next check due" in panel
    assert "Check before you rely on it." not in panel


def test_stale_service_panel_leads_with_a_warning(client):
    service = ServiceFactory(last_verified_on=timezone.localdate() - datetime.timedelta(days=200))
    panel = panel_of(client, service)
    assert panel.index("Check before you rely on it.") < panel.index("<dl")
    assert "Nightlight staff" in panel
