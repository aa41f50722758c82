import datetime
import zoneinfo

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory

from apps.referrals.admin import AreaInline, ContactInline, LanguageInline
from apps.referrals.models import ContactPoint, Service, normalise_phone

from .factories import ContactFactory, RuleFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def admin_request():
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("boss", "boss@example.org", "pw")
    return request


def _inline_form(inline_class, admin_request, data):
    formset = inline_class(Service, admin.site).get_formset(admin_request)
    return formset.form(data=data)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("website", "javascript:alert(1)", "http:// or https://"),
        ("chat", "ftp://example.org", "http:// or https://"),
        ("phone", "1-800-662-HELP", "digits only"),
        ("phone", "12", "between 3 digits"),
        ("text", "+44+116", "digits only"),
    ],
)
def test_bad_contact_gets_message_on_value_field(admin_request, kind, value, message):
    form = _inline_form(ContactInline, admin_request, {"kind": kind, "value": value, "order": 0})
    assert not form.is_valid()
    assert message in " ".join(form.errors["value"])


def test_unknown_country_gets_message(admin_request):
    form = _inline_form(AreaInline, admin_request, {"country": "ZZ", "nationwide": "on"})
    assert not form.is_valid()
    assert "ISO 3166-1" in form.errors["country"][0]


def test_unknown_language_gets_message(admin_request):
    form = _inline_form(LanguageInline, admin_request, {"code": "xx"})
    assert not form.is_valid()
    assert "ISO 639-1" in form.errors["code"][0]


def test_bad_time_zone_gets_message(admin_request):
    form_class = admin.site._registry[Service].get_form(admin_request)
    form = form_class(data={"name": "X", "slug": "x", "time_zone": "Mars/Olympus"})
    assert not form.is_valid()
    assert "IANA time zone" in form.errors["time_zone"][0]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("1-800-662-4357", "18006624357"),
        ("988", "988"),
        ("000", "000"),
        ("13 11 14", "131114"),
        ("+44 116 123", "+44116123"),
    ],
)
def test_phone_numbers_are_normalised(raw, stored):
    assert normalise_phone(raw) == stored


def test_phone_renders_tel_link_and_keeps_display():
    contact = ContactFactory(value="1-800-662-4357", display="1-800-662-HELP (4357)")
    assert contact.href == "tel:18006624357"
    assert contact.display == "1-800-662-HELP (4357)"
    assert contact.label == "Call"
    assert not contact.is_external


def test_text_renders_sms_link():
    contact = ContactFactory(kind="text", value="0477 13 11 14")
    assert contact.href == "sms:0477131114"
    assert contact.display == "0477 13 11 14"


def test_website_is_external_and_displays_without_scheme():
    contact = ContactFactory(kind="website", value="https://www.samaritans.org/")
    assert contact.href == "https://www.samaritans.org/"
    assert contact.display == "samaritans.org"
    assert contact.is_external


def test_24_7_service_is_open_at_any_time():
    service = ServiceFactory(is_24_7=True)
    assert service.is_open_now(datetime.datetime(2026, 1, 4, 3, 0, tzinfo=datetime.UTC))


def test_open_now_is_read_in_the_services_time_zone():
    service = ServiceFactory(time_zone="America/New_York")
    RuleFactory(service=service, weekday=0, opens=datetime.time(9), closes=datetime.time(17))
    # Monday 14:00 UTC is 09:00 in New York (winter): open. Monday 13:00 UTC is 08:00: closed.
    assert service.is_open_now(datetime.datetime(2026, 1, 5, 14, 0, tzinfo=datetime.UTC))
    assert not service.is_open_now(datetime.datetime(2026, 1, 5, 13, 0, tzinfo=datetime.UTC))
    # Same instant, service in London: 14:00 Monday, open; 22:00 UTC is 17:00 NY, closed.
    assert not service.is_open_now(datetime.datetime(2026, 1, 5, 22, 0, tzinfo=datetime.UTC))
    service.time_zone = "Europe/London"
    assert service.is_open_now(datetime.datetime(2026, 1, 5, 13, 0, tzinfo=datetime.UTC))


def test_closing_after_midnight_counts_on_the_next_day():
    service = ServiceFactory(time_zone="Australia/Sydney")
    RuleFactory(service=service, weekday=4, opens=datetime.time(20), closes=datetime.time(2))
    sydney = zoneinfo.ZoneInfo("Australia/Sydney")
    assert service.is_open_now(datetime.datetime(2026, 1, 9, 23, 0, tzinfo=sydney))  # Fri
    assert service.is_open_now(datetime.datetime(2026, 1, 10, 1, 30, tzinfo=sydney))  # Sat
    assert not service.is_open_now(datetime.datetime(2026, 1, 10, 2, 0, tzinfo=sydney))
    assert not service.is_open_now(datetime.datetime(2026, 1, 9, 19, 59, tzinfo=sydney))
    assert not service.is_open_now(datetime.datetime(2026, 1, 11, 1, 0, tzinfo=sydney))  # Sun


def test_temporarily_closed_service_is_never_open():
    service = ServiceFactory(is_24_7=True, operating_status="temporarily closed")
    assert not service.is_open_now()


def test_stale_after_180_days_or_never_verified():
    today = datetime.date(2026, 6, 1)
    assert ServiceFactory(last_verified_on=None).is_stale(today)
    assert not ServiceFactory(last_verified_on=today - datetime.timedelta(days=180)).is_stale(today)
    assert ServiceFactory(last_verified_on=today - datetime.timedelta(days=181)).is_stale(today)


def test_services_publish_without_citations():
    service = ServiceFactory.build(slug="no-citations", organization=None)
    service.full_clean()
    assert Service.citation_fields == ()


def test_contact_save_normalises_the_number():
    contact = ContactPoint.objects.create(service=ServiceFactory(), kind="phone", value="13 11 14")
    assert contact.value == "131114" and contact.href == "tel:131114"
