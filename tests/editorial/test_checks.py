"""Editor checks: each one trips on a page that breaks the rule and stays quiet on one that
keeps it; only a reviewer can accept a warning, with a reason kept in the history."""

import datetime
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from apps.editorial.checks import (
    READABILITY,
    READABILITY_TARGET,
    STALE_SERVICE,
    UNCITED,
    UNHEDGED,
    WITHDRAWN_SOURCE,
    open_warnings,
    run_checks,
)
from apps.editorial.models import CheckAcceptance, CheckStatus, SourceStatus
from tests.articles.factories import ArticleFactory, FAQItemFactory
from tests.editorial.factories import SourceFactory
from tests.referrals.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def checks_named(obj, name):
    return [w for w in run_checks(obj) if w.check == name]


def article_with(body, **kwargs):
    return ArticleFactory.published(body=body, **kwargs)


# --- 1. medical paragraphs and FAQ answers without a citation ------------------------------
def test_uncited_medical_paragraph_is_flagged():
    source = SourceFactory()
    article = article_with(
        f"## Risks\n\nKratom can harm the liver [@{source.key}].\n\n"
        "Stopping kratom causes insomnia in most people."
    )
    warnings = checks_named(article, UNCITED)
    assert [w.excerpt for w in warnings] == ["Stopping kratom causes insomnia in most people."]
    assert "Risks" in warnings[0].message


def test_cited_paragraphs_advice_and_next_steps_are_not_flagged():
    source = SourceFactory()
    article = article_with(
        f"## Risks\n\nStopping kratom can disturb sleep [@{source.key}].\n\n"
        "Try a short walk after lunch.\n\n"
        "## What you can do next\n\n- If you use kratom, talk to a clinician.\n"
    )
    assert checks_named(article, UNCITED) == []


def test_uncited_faq_answer_is_flagged_and_a_cited_one_is_not():
    source = SourceFactory()
    article = article_with(f"Kratom withdrawal can disturb sleep [@{source.key}].")
    FAQItemFactory(
        article=article, question="Cited?", answer=f"Withdrawal is common [@{source.key}]."
    )
    FAQItemFactory(article=article, question="Uncited?", answer="Naloxone reverses opioids.")
    warnings = checks_named(article, UNCITED)
    assert len(warnings) == 1 and "Uncited?" in warnings[0].message


# --- 2. unhedged mixing or dose risks citing a cautious source -----------------------------
def test_unhedged_mixing_risk_citing_a_cautious_source_is_flagged():
    cautious = SourceFactory(cautious=True)
    article = article_with(
        f"Mixing kratom with alcohol raises the risk of slowed breathing [@{cautious.key}]."
    )
    assert len(checks_named(article, UNHEDGED)) == 1


def test_hedged_mixing_risk_or_a_firm_source_is_not_flagged():
    cautious, firm = SourceFactory(cautious=True), SourceFactory()
    hedged = article_with(f"Mixing kratom with alcohol may slow your breathing [@{cautious.key}].")
    firm_claim = article_with(
        f"Mixing kratom with alcohol raises the risk of slowed breathing [@{firm.key}]."
    )
    assert checks_named(hedged, UNHEDGED) == []
    assert checks_named(firm_claim, UNHEDGED) == []


# --- 3. readability ----------------------------------------------------------------------
def test_hard_to_read_page_is_flagged_with_its_score():
    source = SourceFactory()
    article = article_with(
        "Pharmacological considerations regarding concomitant administration of "
        "mitragynine-containing preparations necessitate individualised clinical "
        f"evaluation and comprehensive multidisciplinary consultation [@{source.key}].",
        standfirst="Comprehensive pharmacological evaluation necessitates consideration.",
    )
    warnings = checks_named(article, READABILITY)
    assert len(warnings) == 1
    assert f"aims for {READABILITY_TARGET}" in warnings[0].message


def test_plain_page_passes_readability():
    source = SourceFactory()
    article = article_with(
        f"Kratom can make it hard to sleep when you stop. Sleep comes back in time [@{source.key}].",
        standfirst="Yes, it can. Here is what we know.",
    )
    assert checks_named(article, READABILITY) == []


# --- 4. retracted or replaced sources ------------------------------------------------------
def test_citing_a_retracted_or_replaced_source_is_flagged():
    newer = SourceFactory()
    retracted = SourceFactory(status=SourceStatus.RETRACTED, status_note="Retracted in 2024.")
    replaced = SourceFactory(status=SourceStatus.REPLACED, replaced_by=newer)
    article = article_with(f"A fact [@{retracted.key}]. Another fact [@{replaced.key}].")
    messages = [w.message for w in checks_named(article, WITHDRAWN_SOURCE)]
    assert len(messages) == 2
    assert any("retracted: Retracted in 2024." in m for m in messages)
    assert any(f"by [@{newer.key}]" in m for m in messages)


def test_citing_current_sources_is_not_flagged():
    article = article_with(f"A fact [@{SourceFactory().key}].")
    assert checks_named(article, WITHDRAWN_SOURCE) == []


# --- 5. help services whose verification is too old ---------------------------------------
def test_service_never_or_long_ago_verified_is_flagged():
    old = timezone.localdate() - datetime.timedelta(days=400)
    assert len(checks_named(ServiceFactory(last_verified_on=None), STALE_SERVICE)) == 1
    assert len(checks_named(ServiceFactory(last_verified_on=old), STALE_SERVICE)) == 1


def test_recently_verified_service_is_not_flagged():
    recent = timezone.localdate() - datetime.timedelta(days=10)
    assert checks_named(ServiceFactory(last_verified_on=recent), STALE_SERVICE) == []


# --- the admin: shown on the change form, accepted only by a reviewer ---------------------
def staff(role):
    call_command("sync_roles", stdout=io.StringIO())
    user = User.objects.create_user(role.replace(" ", "-").lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return user, client


def uncited_article():
    source = SourceFactory()
    return article_with(f"Cited [@{source.key}].\n\nKratom withdrawal always ruins sleep.")


def accept_post(client, article, reason):
    warning = open_warnings(article)[0][0]
    url = f"/admin/articles/article/{article.pk}/accept-warning/"
    return client.post(url, {"w0-fingerprint": warning.fingerprint, "w0-reason": reason})


def test_change_form_shows_warnings_and_readability():
    _user, client = staff("Writer")
    article = uncited_article()
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "Editor checks: 1 warning" in html
    assert "Kratom withdrawal always ruins sleep." in html
    assert "Flesch reading ease" in html
    assert "Accept warning" not in html  # a writer cannot accept


def test_writer_cannot_accept_a_warning():
    _user, client = staff("Writer")
    article = uncited_article()
    assert accept_post(client, article, "Looks fine to me").status_code == 403
    assert not CheckAcceptance.objects.exists()


def test_reviewer_accepts_a_warning_with_a_reason_kept_in_the_history():
    user, client = staff("Medical reviewer")
    article = uncited_article()
    change_url = f"/admin/articles/article/{article.pk}/change/"
    assert "Accept warning" in client.get(change_url).content.decode()
    response = accept_post(client, article, "Advice, not a factual claim.")
    assert response.status_code == 302
    acceptance = CheckAcceptance.objects.get()
    assert (acceptance.accepted_by, acceptance.reason) == (user, "Advice, not a factual claim.")
    assert open_warnings(article)[0] == []
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert "Reason: Advice, not a factual claim." in entry.get_change_message()
    html = client.get(change_url).content.decode()
    assert "No open warnings." in html and "Advice, not a factual claim." in html


def test_accepting_needs_a_reason():
    _user, client = staff("Medical reviewer")
    article = uncited_article()
    accept_post(client, article, "   ")
    assert not CheckAcceptance.objects.exists()
    assert len(open_warnings(article)[0]) == 1


def test_editing_the_warned_text_reopens_the_warning():
    article = uncited_article()
    from apps.editorial.checks import accept

    accept(article, open_warnings(article)[0][0].fingerprint, "Fine for now.", name="Dr Test")
    article.body = article.body.replace("always ruins", "always wrecks")
    article.save()
    assert len(open_warnings(article)[0]) == 1
    assert CheckAcceptance.objects.count() == 1  # the old acceptance stays as history


def test_dashboard_counts_items_with_open_warnings(admin_client):
    article = uncited_article()
    call_command("check_content", stdout=io.StringIO())
    status = CheckStatus.objects.get(object_id=article.pk, content_type__model="article")
    assert status.open_warnings == 1
    html = admin_client.get("/admin/").content.decode()
    assert "Editor check warnings" in html
    listing = admin_client.get("/admin/editorial/checkstatus/?open=1").content.decode()
    assert article.title in listing


def test_check_records_can_be_read_but_not_added_edited_or_deleted(admin_client):
    """Even a superuser only reads check results and accepted warnings in the admin."""
    article = uncited_article()
    call_command("check_content", stdout=io.StringIO())
    status = CheckStatus.objects.get(object_id=article.pk, content_type__model="article")
    change_url = f"/admin/editorial/checkstatus/{status.pk}/change/"
    page = admin_client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(change_url, {"open_warnings": "0"}).status_code == 403
    for model in ("checkstatus", "checkacceptance"):
        assert admin_client.get(f"/admin/editorial/{model}/add/").status_code == 403
    delete_url = f"/admin/editorial/checkstatus/{status.pk}/delete/"
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    status.refresh_from_db()
    assert status.open_warnings == 1
