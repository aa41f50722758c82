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


def _good(**changes):
    record = json.loads((DATA / "service_full.json").read_text())
    record.update(changes)
    return record


def _nested(depth):
    value = "deep"
    for _ in range(depth):
        value = {"x": value}
    return value


MALFORMED = {
    "name is a number": (_good(name=42), "name: must be text, not a number"),
    "description is a list": (_good(description=["a"]), "description: must be text, not a list"),
    "url is an object": (_good(url={"href": "x"}), "url: must be text, not an object"),
    "email is true": (_good(email=True), "email: must be text, not true/false"),
    "phones is text": (_good(phones="988"), "phones: must be a list of objects"),
    "a phone is a list": (_good(phones=[["988"]]), "phones: must be a list of objects"),
    "phone number is a list": (
        _good(phones=[{"id": "p", "number": ["988"]}]),
        "phones number: must be text, not a list",
    ),
    "schedule times are numbers": (
        _good(schedules=[{"id": "s", "opens_at": 9, "closes_at": 17, "byday": "MO"}]),
        "schedules opens_at: must be text, not a number",
    ),
    "organization is text": (_good(organization="Acme"), "organization: must be an object"),
    "attribute term is text": (
        _good(attributes=[{"taxonomy_term": "crisis"}]),
        "attributes taxonomy_term: must be an object",
    ),
    "attribute term id is not a UUID": (
        _good(attributes=[{"taxonomy_term_id": "crisis"}]),
        "attributes: a taxonomy term id is not a UUID",
    ),
    "NUL in the name": (_good(name="Help\x00line"), "contains a NUL character"),
    "NUL in a phone note": (
        _good(phones=[{"id": "p", "number": "988", "description": "\x00"}]),
        "contains a NUL character",
    ),
    "lone surrogate": (_good(description="caf\ud800"), "contains a lone surrogate"),
    "deep nesting": (_good(alternate_name=_nested(50)), "nested more than 12 levels deep"),
    "repeated phone ids": (
        _good(phones=[{"id": "p", "number": "988"}, {"id": "p", "number": "911"}]),
        "phones: the same id appears more than once",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_record_is_reported_by_id_without_traceback(tmp_path, capsys, case):
    record, message = MALFORMED[case]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_hsds", str(path))
    assert _counts() == before
    errors = capsys.readouterr().err
    assert f"Service {SERVICE_ID}: {message}" in errors
    assert "Traceback" not in errors


def test_every_bad_record_of_a_file_is_reported(tmp_path, capsys):
    records = [dict(record, id=f"{n:08d}-0000-4000-8000-000000000000") for n, (record, _) in
               enumerate(MALFORMED.values())]  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_hsds", str(path))
    errors = capsys.readouterr().err
    assert all(f"Service {record['id']}: " in errors for record in records)


def test_repeated_service_ids_are_reported(tmp_path, capsys):
    path = tmp_path / "twice.json"
    path.write_text(json.dumps([_good(), _good(name="Other name")]), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_hsds", str(path))
    assert f"Service {SERVICE_ID}: the same id appears more than once" in capsys.readouterr().err
    assert not Service.objects.exists()


def test_unprintable_ids_are_not_echoed(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([_good(id="\x1b[31mred", name=1)]), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path))
    errors = capsys.readouterr().err
    assert "Service #1: id: must be text" not in errors  # the id is text, just unprintable
    assert "Service #1: name: must be text" in errors and "\x1b" not in errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" + b"1" * 5000 + b"]", "not valid JSON"),
    ],
)
def test_unreadable_files_are_named_without_traceback(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_hsds", str(path))


def test_reimporting_an_unchanged_file_adds_no_history(capsys):
    call_command("import_hsds", str(DATA / "service_list.json"))
    service_history = Service.history.count()
    versions = list(Service.objects.order_by("pk").values_list("version", flat=True))
    call_command("import_hsds", str(DATA / "service_list.json"))
    assert Service.history.count() == service_history
    assert list(Service.objects.order_by("pk").values_list("version", flat=True)) == versions
    assert "services unchanged" in capsys.readouterr().out


def test_reimporting_a_changed_record_adds_one_history_row(tmp_path):
    call_command("import_hsds", str(DATA / "service_full.json"))
    before = Service.history.count()
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(_good(alert="Closed on Monday")), encoding="utf-8")
    call_command("import_hsds", str(path))
    assert Service.history.count() == before + 1
    assert Service.objects.get(hsds_id=SERVICE_ID).alert == "Closed on Monday"
