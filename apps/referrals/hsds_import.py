"""Import organizations and services from an Open Referral HSDS 3.0 JSON file.

Rules (so editors know what an import does):
- Idempotent by HSDS id: importing the same file twice updates, never duplicates.
- All or nothing per file: every record is validated first, with the same model
  validation the admin uses; if any record is invalid nothing is written and each
  problem is reported with the record's id.
- New services arrive as drafts, unverified: an editor checks them, marks them verified
  and publishes them. Re-importing a service keeps its publishing status and our
  verification date (HSDS ``assured_date`` is someone else's check, not ours).
- HSDS fields with no place in our model (locations, programs, funding, free-text service
  areas) are ignored.
- A malformed file gets a report per record, never a traceback: wrong types, NUL
  characters, lone surrogates, repeated ids and deep nesting are named with the record.
- Re-importing an unchanged record writes nothing, so it adds no history row.
"""

import datetime
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from .models import (
    HSDS_DAYS,
    ContactPoint,
    OperatingStatus,
    Organization,
    ScheduleRule,
    Service,
    ServiceArea,
    ServiceLanguage,
    TaxonomyTerm,
)

PHONE_KINDS = {"voice": "phone", "cell": "phone", "text": "text", "textphone": "tty"}
NAMESPACE = uuid.UUID("0c8f5a4e-2d3b-4f61-8c55-7a1e9b3d2f40")

# The fields we read, and the type each must have before we read it.
ORGANIZATION_TEXT = ("id", "name", "description", "website", "email")
SERVICE_TEXT = (
    "id", "name", "description", "status", "alert", "eligibility_description",
    "interpretation_services", "fees_description", "url", "email", "organization_id",
)  # fmt: skip
SERVICE_CHILDREN = {
    "phones": ("type", "number", "description"),
    "languages": ("code", "note"),
    "service_areas": ("extent", "extent_type"),
    "schedules": ("opens_at", "closes_at", "byday", "description"),
    "attributes": ("taxonomy_term_id",),
}
# HSDS records nest a few levels (service, organization, phones, languages); anything far
# deeper is not a directory record, and would only cost us time to walk.
MAX_DEPTH = 12
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class HSDSImportError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class PlannedService:
    service: Service
    contacts: list = field(default_factory=list)
    rules: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    term_ids: list = field(default_factory=list)
    changed: bool = True  # False when the stored service already matches the record


def records(data):
    """The records in a file: one object, a list, or a paginated envelope."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise HSDSImportError(["The file must hold an HSDS object, a list, or a page with contents."])


def _is_service(record):
    # HSDS requires status on a service; the other keys exist only on services.
    service_keys = ("status", "organization_id", "service_areas", "eligibility_description")
    return any(key in record for key in service_keys)


def _uuid(value):
    return uuid.UUID(str(value))


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{name}: {'; '.join(msgs)}" for name, msgs in error.message_dict.items()]
    return error.messages


def _unreadable(value, depth=0):
    """Why a value cannot be stored as text, or None: NUL, lone surrogates, deep nesting."""
    if depth > MAX_DEPTH:
        return f"nested more than {MAX_DEPTH} levels deep"
    if isinstance(value, str):
        if "\x00" in value:
            return "contains a NUL character"
        if LONE_SURROGATE.search(value):
            return "contains a lone surrogate (not valid Unicode text)"
    elif isinstance(value, dict):
        for key, item in value.items():
            if problem := _unreadable(key, depth + 1) or _unreadable(item, depth + 1):
                return problem
    elif isinstance(value, list):
        for item in value:
            if problem := _unreadable(item, depth + 1):
                return problem
    return None


def _type_name(value):
    return {dict: "an object", list: "a list", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def _shape_problems(record, is_service):
    """Fields of the wrong type, found before any field is read."""
    if problem := _unreadable(record):
        return [problem]
    problems = []

    def text(obj, names, where=""):
        for name in names:
            if obj.get(name) is not None and not isinstance(obj[name], str):
                problems.append(f"{where}{name}: must be text, not {_type_name(obj[name])}")

    text(record, SERVICE_TEXT if is_service else ORGANIZATION_TEXT)
    if not is_service:
        return problems
    if record.get("organization") is not None and not isinstance(record["organization"], dict):
        problems.append("organization: must be an object")
    elif isinstance(record.get("organization"), dict):
        text(record["organization"], ORGANIZATION_TEXT, "organization ")
    for key, names in SERVICE_CHILDREN.items():
        items = record.get(key)
        if items is None:
            continue
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            problems.append(f"{key}: must be a list of objects")
            continue
        for item in items:
            text(item, names, f"{key} ")
            if key == "attributes" and not isinstance(item.get("taxonomy_term") or {}, dict):
                problems.append("attributes taxonomy_term: must be an object")
        ids = [str(item.get("id")) for item in items if item.get("id") is not None]
        if len(ids) != len(set(ids)):
            problems.append(f"{key}: the same id appears more than once")
    return problems


def _label(record, index):
    """The record's id for messages, when it is a short, printable string."""
    value = record.get("id")
    if isinstance(value, str) and value.isprintable() and 0 < len(value) <= 64:
        return value
    return f"#{index}"


def plan(data):
    """Validate everything and build unsaved objects; raise HSDSImportError listing problems."""
    problems, organizations, services = [], {}, []
    seen = set()
    for index, record in enumerate(records(data), start=1):
        if not isinstance(record, dict):
            problems.append(f"Record {index}: not an object.")
            continue
        is_service = _is_service(record)
        kind, label = ("Service" if is_service else "Organization"), _label(record, index)
        if shape := _shape_problems(record, is_service):
            problems.extend(f"{kind} {label}: {message}" for message in shape)
            continue
        if (kind, record.get("id")) in seen:
            problems.append(f"{kind} {label}: the same id appears more than once in the file")
            continue
        seen.add((kind, record.get("id")))
        try:
            if is_service:
                org_record = record.get("organization")
                if isinstance(org_record, dict):
                    organizations[str(org_record.get("id"))] = _organization(org_record)
                services.append(_service(record))
            else:
                organizations[str(record.get("id"))] = _organization(record)
        except ValidationError as error:
            problems.extend(f"{kind} {label}: {message}" for message in _messages(error))
    if problems:
        raise HSDSImportError(problems)
    return list(organizations.values()), services


def _snapshot(obj):
    """The stored values an import may change (not auto-set timestamps)."""
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not getattr(f, "auto_now", False)
    }


def _organization(record):
    try:
        org_id = _uuid(record.get("id"))
    except ValueError:
        raise ValidationError({"id": ["missing or not a UUID"]}) from None
    org = Organization.objects.filter(id=org_id).first() or Organization(id=org_id)
    before = _snapshot(org) if not org._state.adding else None
    org.name = (record.get("name") or "").strip()
    org.description = (record.get("description") or "").strip()
    org.website = record.get("website") or ""
    org.email = record.get("email") or ""
    org.full_clean(validate_unique=False)
    org.import_changed = before is None or before != _snapshot(org)
    return org


def _service(record):
    errors = {}
    try:
        hsds_id = _uuid(record.get("id"))
    except ValueError:
        raise ValidationError({"id": ["missing or not a UUID"]}) from None
    service = Service.objects.filter(hsds_id=hsds_id).first()
    if service is None:
        name = (record.get("name") or "").strip()
        service = Service(hsds_id=hsds_id, slug=f"{slugify(name)[:100]}-{str(hsds_id)[:8]}")
    before = _snapshot(service) if service.pk else None
    service.name = (record.get("name") or "").strip()
    service.description = (record.get("description") or "").strip() or service.name
    service.operating_status = record.get("status") or ""
    if service.operating_status not in OperatingStatus.values:
        errors["status"] = [f"{service.operating_status!r} is not an HSDS service status"]
    service.alert = record.get("alert") or ""
    service.eligibility = record.get("eligibility_description") or ""
    service.interpretation_services = record.get("interpretation_services") or ""
    fees = (record.get("fees_description") or "").strip()
    service.is_free = not fees or fees.lower() == "free"
    service.fees_description = "" if service.is_free else fees
    if record.get("organization_id") or isinstance(record.get("organization"), dict):
        try:
            service.organization_id = _uuid(
                record.get("organization_id") or record["organization"].get("id")
            )
        except ValueError:
            errors["organization_id"] = ["not a UUID"]
    try:
        service.full_clean(exclude=["organization", "slug"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    planned = PlannedService(service)
    _children(record, planned, errors)
    if errors:
        raise ValidationError(errors)
    planned.changed = before is None or before != _snapshot(service)
    return planned


def _child_id(planned, *parts):
    return uuid.uuid5(NAMESPACE, ":".join([str(planned.service.hsds_id), *map(str, parts)]))


def _children(record, planned, errors):
    def check(obj, where):
        try:
            obj.full_clean(exclude=["service"], validate_unique=False)
        except ValidationError as error:
            errors.setdefault(where, []).extend(_messages(error))

    for phone in record.get("phones") or []:
        kind = PHONE_KINDS.get((phone.get("type") or "voice").lower())
        if kind is None:  # fax, pager: not a way for people in crisis to reach anyone
            continue
        # Some exporters (the HSDS examples among them) wrap numbers in quotes.
        number = str(phone.get("number") or "").strip().strip('"').strip()
        contact = ContactPoint(
            hsds_id=_child_id(planned, "phone", phone.get("id")),
            kind=kind,
            value=number,
            order=len(planned.contacts),
            note=(phone.get("description") or "")[:200],
        )
        check(contact, f"phone {phone.get('id')}")
        planned.contacts.append(contact)
    for kind, key in (("website", "url"), ("email", "email")):
        if record.get(key):
            contact = ContactPoint(
                hsds_id=_child_id(planned, kind),
                kind=kind,
                value=record[key].strip(),
                order=50 + len(planned.contacts),
            )
            check(contact, key)
            planned.contacts.append(contact)
    for language in record.get("languages") or []:
        code = (language.get("code") or "").strip().lower()
        item = ServiceLanguage(code=code, note=(language.get("note") or "")[:200])
        check(item, f"language {language.get('id')}")
        if code not in {existing.code for existing in planned.languages}:
            planned.languages.append(item)
    for area in record.get("service_areas") or []:
        # Only our own export says which country; free-text HSDS areas are not mapped.
        if area.get("extent_type") == "ISO 3166-1 alpha-2":
            item = ServiceArea(country=area.get("extent") or "", nationwide=True)
            check(item, f"service area {area.get('id')}")
            planned.areas.append(item)
    for schedule in record.get("schedules") or []:
        _schedule(schedule, planned, errors)
    for attribute in record.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        term_id = attribute.get("taxonomy_term_id") or term.get("id")
        if term_id:
            try:
                planned.term_ids.append(str(uuid.UUID(str(term_id))))
            except ValueError:
                errors.setdefault("attributes", []).append("a taxonomy term id is not a UUID")


def _schedule(schedule, planned, errors):
    where = f"schedule {schedule.get('id')}"
    if not (schedule.get("opens_at") and schedule.get("closes_at") and schedule.get("byday")):
        return  # a description-only schedule has nothing we can compute "open now" from
    try:
        opens = datetime.time.fromisoformat(schedule["opens_at"])
        closes = datetime.time.fromisoformat(schedule["closes_at"])
    except ValueError:
        errors.setdefault(where, []).append("opens_at and closes_at must be times like 09:00")
        return
    # Once each: "MO,MO" would otherwise make two rules with one id.
    days = list(dict.fromkeys(day.strip().upper()[-2:] for day in schedule["byday"].split(",")))
    if (
        opens == datetime.time(0)
        and closes >= datetime.time(23, 59)
        and set(days) >= set(HSDS_DAYS)
    ):
        planned.service.is_24_7 = True  # how our own API (and others) write "24/7"
        return
    for day in days:
        if day not in HSDS_DAYS:
            errors.setdefault(where, []).append(f"{day!r} is not a weekday code such as MO")
            continue
        planned.rules.append(
            ScheduleRule(
                hsds_id=_child_id(planned, "schedule", schedule.get("id"), day),
                weekday=HSDS_DAYS.index(day),
                opens=opens,
                closes=closes,
                note=(schedule.get("description") or "")[:120],
            )
        )


@transaction.atomic
def write(organizations, services):
    for org in organizations:
        if org.import_changed:
            org.save()
    known_orgs = set(Organization.objects.values_list("id", flat=True))
    terms = set(TaxonomyTerm.objects.values_list("id", flat=True))
    counts = {
        "organizations": len(organizations),
        "services created": 0,
        "services updated": 0,
        "services unchanged": 0,
    }
    for planned in services:
        service = planned.service
        if service.organization_id and service.organization_id not in known_orgs:
            service.organization_id = None  # the file named an organization it did not include
            planned.changed = True
        if service.pk is None:
            counts["services created"] += 1
            service.save()
        elif planned.changed:
            counts["services updated"] += 1
            service.save()
        else:
            counts["services unchanged"] += 1  # no save: no history row, no new version
        for contact in planned.contacts:
            contact.service = service
            existing = ContactPoint.objects.filter(hsds_id=contact.hsds_id).first()
            if existing:
                contact.pk = existing.pk
                contact.last_status = existing.last_status
                contact.last_checked_at = existing.last_checked_at
            contact.save()
        service.contacts.exclude(hsds_id__in=[c.hsds_id for c in planned.contacts]).delete()
        ScheduleRule.objects.filter(service=service).exclude(
            hsds_id__in=[r.hsds_id for r in planned.rules]
        ).delete()
        for rule in planned.rules:
            rule.service = service
            rule.pk = (
                ScheduleRule.objects.filter(hsds_id=rule.hsds_id)
                .values_list("pk", flat=True)
                .first()
            )
            rule.save()
        service.languages_spoken.all().delete()
        for language in planned.languages:
            language.service = service
            language.save()
        if planned.areas:
            service.service_areas.all().delete()
            for area in planned.areas:
                area.service = service
                area.save()
        service.categories.set([term for term in map(uuid.UUID, planned.term_ids) if term in terms])
    return counts


def import_data(data):
    """Validate then write; raises HSDSImportError (nothing written) on any invalid record."""
    organizations, services = plan(data)
    try:
        return write(organizations, services)
    except DatabaseError as error:
        # Validation should have caught it; the transaction is rolled back either way.
        raise HSDSImportError(
            [f"The database refused the file ({type(error).__name__}); nothing was written."]
        ) from None
