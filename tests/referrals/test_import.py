import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.referrals.models import ContactPoint, Organization, ScheduleRule, Service

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def _counts():
    return (
        Organization.objects.count(),
        Service.objects.count(),
        ContactPoint.objects.count(),
        ScheduleRule.objects.count(),
    )


@pytest.mark.parametrize(
    "name",
    ["service_full.json", "service_list.json", "organization_full.json", "organization_list.json"],
)
def test_example_files_import_idempotently(name, capsys):
    call_command("import_hsds", str(DATA / name))
    first = _counts()
    call_command("import_hsds", str(DATA / name))
    assert _counts() == first
    assert "Imported" in capsys.readouterr().out


def test_imported_service_is_a_draft_with_contacts_and_hours():
    call_command("import_hsds", str(DATA / "service_full.json"))
    service = Service.objects.get(hsds_id=SERVICE_ID)
    assert service.status == "draft"
    assert service.last_verified_on is None
    assert service.organization.name == "Example Organization Inc."
    assert service.contacts.filter(kind="phone", value="+441234234567").exists()
    assert service.contacts.filter(kind="website", value="http://example.com/counselling").exists()
    assert sorted(r.weekday for r in service.schedule_rules.all()) == [3, 4]
    assert service.language_codes == ["ur"]
    assert not service.is_free


def test_reimport_keeps_publishing_status():
    call_command("import_hsds", str(DATA / "service_full.json"))
    Service.objects.filter(hsds_id=SERVICE_ID).update(status="published")
    call_command("import_hsds", str(DATA / "service_full.json"))
    assert Service.objects.get(hsds_id=SERVICE_ID).status == "published"


def test_broken_file_writes_nothing_and_names_each_bad_record(tmp_path, capsys):
    good = json.loads((DATA / "service_full.json").read_text())
    bad_status = dict(good, id="11111111-1111-4111-8111-111111111111", status="open")
    bad_phone = dict(
        good,
        id="22222222-2222-4222-8222-222222222222",
        phones=[{"id": "33333333-3333-4333-8333-333333333333", "number": "call us!"}],
    )
    bad_url = dict(good, id="44444444-4444-4444-8444-444444444444", url="javascript:alert(1)")
    no_id = dict(good, id="nope")
    path = tmp_path / "broken.json"
    path.write_text(json.dumps([good, bad_status, bad_phone, bad_url, no_id]))
    before = _counts()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_hsds", str(path))
    assert _counts() == before
    errors = capsys.readouterr().err
    assert "11111111-1111-4111-8111-111111111111: status" in errors
    assert "22222222-2222-4222-8222-222222222222" in errors and "digits" in errors
    assert "44444444-4444-4444-8444-444444444444" in errors and "http" in errors
    assert "Service nope: id" in errors


@pytest.mark.parametrize("content", ["not json", "42"])
def test_unreadable_file_is_a_command_error(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path))


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_hsds", str(tmp_path / "missing.json"))


def test_our_own_api_output_imports_back(client):
    from .factories import AreaFactory, ContactFactory, ServiceFactory

    service = ServiceFactory(is_24_7=True)
    ContactFactory(service=service, value="988")
    AreaFactory(service=service, country="CA")
    data = client.get(f"/api/hsds/services/{service.hsds_id}").json()
    before = _counts()
    from apps.referrals.hsds_import import import_data

    import_data(data)
    assert _counts() == before
    service.refresh_from_db()
    assert service.is_24_7 and service.areas_text == "Canada"
