"""Each rule is defined once: the admin, the dashboard and the public lists read it.

These fail when a rule is written a second time and the copies drift: a review
predicate whose admin filter, queryset method and dashboard count disagree, or a bad
filter value that one list ignores and another answers differently.
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.utils import timezone

from apps.editorial.dashboard import dashboard_rows
from apps.editorial.forms import ignored_filter_message
from apps.editorial.models import Status
from apps.editorial.registry import publishable_models
from apps.referrals.models import ContactPoint
from tests.alternatives.factories import AlternativeFactory
from tests.articles.factories import ArticleFactory
from tests.editorial.factories import TopicFactory
from tests.referrals.factories import ContactFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _medical(factory):
    """One item in each state a medically reviewed content type's checks look for."""
    today, now = timezone.localdate(), timezone.now()
    factory.published()  # in none of them
    factory.published(last_reviewed_on=today - datetime.timedelta(days=400))
    factory.published(last_reviewed_on=today - datetime.timedelta(days=360))
    factory(status=Status.IN_REVIEW)
    factory(status=Status.APPROVED)
    factory(status=Status.SENT_BACK)
    factory.published(published_at=now + datetime.timedelta(days=2))
    factory.published(needs_review=True)


def _services():
    today, now = timezone.localdate(), timezone.now()
    ServiceFactory()  # in none of them
    ServiceFactory(status=Status.IN_REVIEW)
    ServiceFactory(status=Status.APPROVED)
    ServiceFactory(status=Status.SENT_BACK)
    ServiceFactory(published_at=now + datetime.timedelta(days=2))
    ServiceFactory(needs_review=True)
    ServiceFactory(last_verified_on=today - datetime.timedelta(days=400))
    ServiceFactory(last_verified_on=None)
    broken = ContactFactory(kind="website", value="https://broken.example").service
    ContactPoint.objects.filter(service=broken).update(last_status="broken", last_checked_at=now)
    ContactFactory(kind="website", value="https://unchecked.example")


BUILDERS = {
    "articles.article": lambda: _medical(ArticleFactory),
    "alternatives.alternative": lambda: _medical(AlternativeFactory),
    "referrals.service": _services,
}


def test_every_publishable_model_has_a_builder_here():
    assert {model._meta.label_lower for model in publishable_models()} == set(BUILDERS)


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_each_check_selects_the_same_items_in_the_queryset_admin_filter_and_dashboard(
    admin_client, admin_user, label
):
    BUILDERS[label]()
    model = next(m for m in publishable_models() if m._meta.label_lower == label)
    opts = model._meta
    changelist = f"/admin/{opts.app_label}/{opts.model_name}/"
    heading = str(opts.verbose_name_plural).capitalize()
    dashboard = dict(dashboard_rows(admin_user))[heading]
    counts = {url: count for _, count, url in dashboard}
    checks = model.objects.list_checks_for()
    assert checks, "every content type has editorial checks"
    total = model.objects.count()
    offered = set()
    for check in checks:
        expected = set(check.select(model.objects.all()).values_list("pk", flat=True))
        # The builder put something in every state, and not everything in any one.
        assert 0 < len(expected) < total, check
        response = admin_client.get(f"{changelist}?{check.query}")
        shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
        assert shown == expected, check
        assert not list(get_messages(response.wsgi_request)), check
        spec = next(
            s
            for s in response.context["cl"].filter_specs
            if getattr(s, "parameter_name", None) == check.parameter
        )
        offered |= {(check.parameter, str(value)) for value, _ in spec.lookup_choices}
        if check.dashboard:
            assert counts[f"{changelist}?{check.query}"] == len(expected), check
    # The admin filters offer exactly the declared checks, no more.
    assert offered == {(check.parameter, check.value) for check in checks}
    # Every dashboard row but the editor-check one is a declared check.
    assert len(dashboard) - 1 == sum(1 for check in checks if check.dashboard)


def _list_filter_urls():
    """Each changelist's own list filters (SimpleListFilter), with a value none offers."""
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        for entry in model_admin.list_filter:
            parameter = getattr(entry, "parameter_name", None)
            if parameter:
                yield f"/admin/{opts.app_label}/{opts.model_name}/", parameter, entry.title


LIST_FILTERS = sorted(_list_filter_urls())


def test_the_admin_has_list_filters_to_check():
    assert len(LIST_FILTERS) >= 6


@pytest.mark.parametrize(("changelist", "parameter", "title"), LIST_FILTERS)
def test_an_unknown_admin_filter_value_is_ignored_with_the_shared_message(
    admin_client, changelist, parameter, title
):
    ArticleFactory.published().topics.add(TopicFactory())
    AlternativeFactory.published()
    ServiceFactory()
    plain = admin_client.get(changelist)
    response = admin_client.get(f"{changelist}?{parameter}=no-such-value")
    assert response.status_code == 200
    assert response.context["cl"].result_count == plain.context["cl"].result_count
    assert [str(m) for m in get_messages(response.wsgi_request)] == [ignored_filter_message(title)]


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/articles/?audience=nobody", "Written for"),
        ("/articles/?topic=no-such-topic", "Topic"),
        ("/alternatives/?evidence=magic", "Evidence"),
        ("/help/?country=XX", "Country"),
    ],
)
def test_an_unknown_public_filter_value_is_ignored_with_the_shared_message(client, url, label):
    ArticleFactory.published(title="Still listed")
    AlternativeFactory.published(name="Still listed")
    ServiceFactory(name="Still listed")
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert ignored_filter_message(label) in body
    assert "Still listed" in body


def test_the_registry_is_the_one_list_of_publishable_models():
    from django.apps import apps

    from apps.editorial.models import Publishable
    from apps.editorial.registry import has_medical_review

    subclasses = {
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model.__name__.startswith("Historical")
    }
    assert set(publishable_models()) == subclasses
    for model in subclasses:
        # The duck-typed rule the roles use on migration state agrees with the class.
        assert has_medical_review(model) == model.requires_medical_review, model


def test_roles_and_sitemaps_cover_every_publishable_model():
    import io

    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from apps.seo.urls import SITEMAPS

    call_command("sync_roles", stdout=io.StringIO())
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    sitemap_models = {getattr(sitemap, "model", None) for sitemap in SITEMAPS.values()}
    assert len(publishable_models()) == len(BUILDERS)
    for model in publishable_models():
        assert f"publish_{model._meta.model_name}" in publisher, model
        assert model in sitemap_models, model


@pytest.mark.parametrize("raw", ["1-800-662-4357", " +44 (116) 123 ", "13 11 14", "988"])
def test_a_number_is_stored_the_same_way_by_clean_and_by_save(raw):
    from apps.referrals.models import normalise_phone

    cleaned = ContactPoint(kind="phone", value=raw)
    cleaned.full_clean(exclude=["service"])
    saved = ContactFactory(kind="phone", value=raw)
    assert cleaned.value == saved.value == normalise_phone(raw)
    assert cleaned.href == saved.href == f"tel:{normalise_phone(raw)}"
    assert cleaned.display == saved.display == raw.strip()


# The per-item properties a page or the admin shows, and the queryset method that
# selects the same items in lists and counts.
INSTANCE_PREDICATES = [
    ("public", "is_public"),
    ("scheduled", "is_scheduled"),
    ("review_overdue", "is_review_overdue"),
    ("stale", "is_stale"),
]


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_item_properties_agree_with_the_queryset_methods(label):
    BUILDERS[label]()
    model = next(m for m in publishable_models() if m._meta.label_lower == label)
    items = list(model.objects.all())
    compared = 0
    for method, attribute in INSTANCE_PREDICATES:
        queryset = model.objects.all()
        if not hasattr(queryset, method) or not hasattr(model, attribute):
            continue
        if method == "review_overdue" and not model.requires_medical_review:
            continue
        expected = set(getattr(queryset, method)().values_list("pk", flat=True))
        values = {obj.pk: getattr(obj, attribute) for obj in items}
        shown = {pk for pk, value in values.items() if (value() if callable(value) else value)}
        assert shown == expected, (method, attribute)
        assert expected, method
        compared += 1
    assert compared >= 3
