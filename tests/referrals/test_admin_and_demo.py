import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from apps.editorial.models import Draft
from apps.referrals.models import ContactPoint, Service
from apps.site import demo

from .factories import ContactFactory, OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


def test_mark_verified_today_action(staff_client):
    old = ServiceFactory(last_verified_on=None)
    response = staff_client.post(
        "/admin/referrals/service/",
        {"action": "mark_verified_today", "_selected_action": [old.pk]},
        follow=True,
    )
    assert response.status_code == 200
    old.refresh_from_db()
    assert old.last_verified_on == timezone.localdate()
    assert old.verified_by == staff_client.user


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Stale one", "Fresh helpline", "Never verified"}),
        ("?verified=stale", {"Stale one", "Never verified"}),
        ("?verified=never", {"Never verified"}),
        ("?links=broken", {"Stale one"}),
        ("?links=unchecked", {"Never verified"}),
        ("?country=GB", {"Fresh helpline"}),
        ("?category=crisis-line", {"Fresh helpline"}),
        ("?operating_status__exact=inactive", {"Never verified"}),
        ("?q=helpline", {"Fresh helpline"}),
        ("?verified=never&links=unchecked", {"Never verified"}),
    ],
)
def test_service_changelist_filters(staff_client, query, expected):
    # Every filter lists exactly its rows, so a filter that stops filtering fails here.
    from apps.referrals.models import TaxonomyTerm

    from .factories import AreaFactory

    stale = ServiceFactory(
        name="Stale one", last_verified_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    ContactPoint.objects.filter(
        pk=ContactFactory(service=stale, kind="website", value="https://x.example").pk
    ).update(last_status="broken", last_checked_at=timezone.now())
    fresh = ServiceFactory(name="Fresh helpline")
    fresh.categories.add(TaxonomyTerm.objects.get(code="crisis-line"))
    AreaFactory(service=fresh, country="GB")
    never = ServiceFactory(
        name="Never verified", last_verified_on=None, operating_status="inactive"
    )
    ContactFactory(service=never, kind="website", value="https://unchecked.example")
    response = staff_client.get(f"/admin/referrals/service/{query}")
    assert response.status_code == 200
    assert {s.name for s in response.context["cl"].result_list} == expected


def change_form_data(client, url):
    """Every field of the admin change form and its inlines, as the browser posts them."""
    context = client.get(url).context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            html_name = form[name].html_name
            if isinstance(value, (list, tuple)):
                data[html_name] = [str(v) for v in value]
            else:
                data[html_name] = "on" if value is True else str(value)
    return data


def contact_field(data, name):
    return next(key for key in data if key.startswith("contacts-0-") and key.endswith(name))


def test_editing_a_live_contact_waits_as_a_working_draft(staff_client):
    # A published service's contacts change for readers only after a second person
    # verifies the draft (tests/editorial/test_working_drafts.py walks the cycle).
    service = ServiceFactory()
    ContactFactory(service=service, value="1-800-662-4357")
    url = f"/admin/referrals/service/{service.pk}/change/"
    data = change_form_data(staff_client, url)
    data[contact_field(data, "-value")] = "1-800-000-0000"
    assert staff_client.post(url, data).status_code == 302
    service.refresh_from_db()
    assert service.contacts.get().value == "18006624357"
    draft = Draft.of(service)
    assert draft.data["inlines"]["contacts"][0]["value"] == "18000000000"  # normalised


def test_editing_a_live_description_waits_as_a_working_draft(staff_client):
    service = ServiceFactory()
    url = f"/admin/referrals/service/{service.pk}/change/"
    data = change_form_data(staff_client, url)
    data["description"] = "Now only open to adults."
    assert staff_client.post(url, data).status_code == 302
    service.refresh_from_db()
    assert service.description != "Now only open to adults."
    assert Draft.of(service).data["fields"]["description"] == "Now only open to adults."


def test_saving_a_service_without_contact_changes_keeps_it_unflagged(staff_client):
    service = ServiceFactory()
    ContactFactory(service=service)
    url = f"/admin/referrals/service/{service.pk}/change/"
    assert staff_client.post(url, change_form_data(staff_client, url)).status_code == 302
    service.refresh_from_db()
    assert not service.needs_review


def test_mark_verified_today_clears_the_flag(staff_client):
    service = ServiceFactory(needs_review=True)
    staff_client.post(
        "/admin/referrals/service/",
        {"action": "mark_verified_today", "_selected_action": [service.pk]},
    )
    service.refresh_from_db()
    assert not service.needs_review


def test_service_change_page_and_organization_inline(staff_client):
    service = ServiceFactory()
    assert staff_client.get(f"/admin/referrals/service/{service.pk}/change/").status_code == 200
    response = staff_client.get(f"/admin/referrals/organization/{service.organization_id}/change/")
    assert response.status_code == 200
    assert service.name in response.content.decode()
    assert staff_client.get("/admin/referrals/organization/").status_code == 200
    OrganizationFactory()


def test_demo_loader_is_idempotent_and_faithful():
    demo.load_editorial()
    first = demo.load_services()
    assert first["services"] >= 15
    counts = (Service.objects.count(), ContactPoint.objects.count(), Service.history.count())
    again = demo.load_services()
    assert again["created"] == 0
    assert (
        Service.objects.count(),
        ContactPoint.objects.count(),
        Service.history.count(),
    ) == counts
    samhsa = Service.objects.get(slug="samhsa-national-helpline")
    assert samhsa.is_public and samhsa.last_verified_on is None
    assert {c.value for c in samhsa.contacts.all()} >= {"18006624357", "18004874889", "435748"}
    assert Service.objects.get(slug="lifeline-australia").contacts.filter(value="131114").exists()
    assert Service.objects.get(slug="emergency-services-au").contacts.get().value == "000"
    strip = list(
        Service.objects.filter(featured_in_help_strip=True)
        .order_by("help_strip_order")
        .values_list("slug", flat=True)
    )
    assert strip[:4] == [
        "emergency-services-us-ca",
        "emergency-services-gb",
        "emergency-services-au",
        "988-lifeline",
    ]
    for slug in [
        "nhs-111",
        "frank",
        "samaritans",
        "988-canada",
        "nors-canada",
        "cbt-i-coach",
        "findtreatment-gov",
        "never-use-alone",
        "poison-help-us",
        "aasm-sleep-centers",
        "sbsm-cbti-providers",
        "poisons-information-centre-au",
        "australia-alcohol-drug-hotline",
    ]:
        assert Service.objects.filter(slug=slug).exists(), slug


def test_demo_pages_render(client):
    demo.load_editorial()
    demo.load_services()
    html = client.get("/help/").content.decode()
    assert "Not yet verified by staff" in html
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert client.get("/help/frank/").status_code == 200
