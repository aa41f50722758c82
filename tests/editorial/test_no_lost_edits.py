"""No lost edits: every admin change form refuses a save based on a stale copy."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.flatpages.models import FlatPage
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import Client

from apps.editorial.admin_guards import StaffAdmin
from apps.editorial.models import Draft
from apps.feedback.models import Feedback
from apps.referrals.models import Taxonomy, TaxonomyTerm
from apps.search.models import Synonym
from apps.site.models import FeaturedQuestion, SiteSettings
from tests.admin_forms import change_form_data
from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory
from tests.editorial.factories import ContributorFactory, SourceFactory, TopicFactory
from tests.referrals.factories import ContactFactory, OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _term():
    taxonomy = Taxonomy.objects.create(name="Test taxonomy", description="For tests.")
    return TaxonomyTerm.objects.create(
        taxonomy=taxonomy, code="test-term", name="Test term", description="Words."
    )


def _flatpage():
    page = FlatPage.objects.create(url="/test-page/", title="Test page", content="Words.")
    page.sites.add(Site.objects.get_current())
    return page


# model -> (make one, field the first editor changes, their new value)
EDITABLE = {
    "editorial.topic": (TopicFactory, "description", "Changed by the first editor."),
    "editorial.contributor": (ContributorFactory, "bio", "Changed by the first editor."),
    "editorial.source": (SourceFactory, "title", "Changed by the first editor."),
    "articles.article": (ArticleFactory, "key_points", "Changed by the first editor."),
    "alternatives.alternative": (AlternativeFactory, "summary", "Changed by the first editor."),
    "referrals.organization": (
        OrganizationFactory,
        "description",
        "Changed by the first editor.",
    ),
    "referrals.service": (
        lambda: ContactFactory(service=ServiceFactory(status="draft")).service,
        "hours_note",
        "Changed by the first editor.",
    ),
    "referrals.taxonomy": (
        lambda: Taxonomy.objects.create(name="T", description="D"),
        "description",
        "Changed by the first editor.",
    ),
    "referrals.taxonomyterm": (_term, "description", "Changed by the first editor."),
    "feedback.feedback": (
        lambda: Feedback.objects.create(page="/", message="Broken link"),
        "staff_note",
        "Changed by the first editor.",
    ),
    "search.synonym": (
        lambda: Synonym.objects.create(term="kratum", canonical="kratom"),
        "canonical",
        "mitragyna",
    ),
    "site.sitesettings": (
        lambda: SiteSettings.objects.create(),
        "help_strip_text",
        "Changed by the first editor.",
    ),
    "site.featuredquestion": (
        lambda: FeaturedQuestion.objects.create(article=ArticleFactory(), position=1),
        "position",
        "5",
    ),
    "flatpages.flatpage": (_flatpage, "content", "Changed by the first editor."),
    "redirects.redirect": (
        lambda: Redirect.objects.create(
            site=Site.objects.get_current(), old_path="/old/", new_path="/new/"
        ),
        "new_path",
        "/newer/",
    ),
    "sites.site": (Site.objects.get_current, "name", "Changed by the first editor"),
    "auth.user": (
        lambda: User.objects.create_user("someone", is_staff=True),
        "first_name",
        "Changed",
    ),
    "auth.group": (lambda: Group.objects.create(name="Test group"), "name", "Renamed group"),
}


def _registered():
    from django.apps import apps

    return [model for model in apps.get_models() if admin.site.is_registered(model)]


def test_every_admin_change_form_has_the_lost_edit_check():
    unprotected = [
        model._meta.label_lower
        for model in _registered()
        if not isinstance(admin.site.get_model_admin(model), StaffAdmin)
    ]
    assert unprotected == []


def test_every_editable_model_has_a_stale_save_test_below():
    editable = {
        model._meta.label_lower
        for model in _registered()
        # Read-only in the admin: the search index and the editor-check results and
        # acceptances (written by the software, never edited by hand).
        if model._meta.label_lower
        not in {"search.searchdocument", "editorial.checkstatus", "editorial.checkacceptance"}
    }
    assert editable <= set(EDITABLE), editable - set(EDITABLE)


def _superuser_client(username, first_name):
    user = User.objects.create_superuser(username, first_name=first_name)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("label", sorted(EDITABLE))
def test_a_stale_save_is_refused_naming_who_saved_and_keeping_the_text(label):
    make, field, value = EDITABLE[label]
    obj = make()
    url = f"/admin/{label.replace('.', '/')}/{obj.pk}/change/"
    first = _superuser_client("first-editor", "Ana")
    second = _superuser_client("second-editor", "Ben")
    first_data = change_form_data(first, url)
    second_data = change_form_data(second, url)

    saved = first.post(url, first_data | {field: [value]})
    assert saved.status_code == 302, saved.context["adminform"].form.errors

    mine = "Second editor's words"
    refused = second.post(url, second_data | {field: [mine]})
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Ana saved this at" in body
    assert "Second editor&#x27;s words" in body
    obj = type(obj)._base_manager.get(pk=obj.pk)
    draft = Draft.of(obj)  # organizations' changes wait as a working draft
    saved = draft.data["fields"][field] if draft else getattr(obj, field)
    assert str(saved) == value
