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
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .models import (
    HSDS_DAYS,
    NUMBER_KINDS,
    ContactPoint,
    OperatingStatus,
    Organization,
    ScheduleRule,
    Service,
    ServiceArea,
    ServiceLanguage,
    TaxonomyTerm,
    normalise_phone,
)

PHONE_KINDS = {"voice": "phone", "cell": "phone", "text": "text", "textphone": "tty"}
NAMESPACE = uuid.UUID("0c8f5a4e-2d3b-4f61-8c55-7a1e9b3d2f40")


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


def plan(data):
    """Validate everything and build unsaved objects; raise HSDSImportError listing problems."""
    problems, organizations, services = [], {}, []
    for index, record in enumerate(records(data), start=1):
        if not isinstance(record, dict):
            problems.append(f"Record {index}: not an object.")
            continue
        label = record.get("id") or f"#{index}"
        try:
            if _is_service(record):
                org_record = record.get("organization")
                if isinstance(org_record, dict):
                    organizations[str(org_record.get("id"))] = _organization(org_record)
                services.append(_service(record))
            else:
                organizations[str(record.get("id"))] = _organization(record)
        except ValidationError as error:
            kind = "Service" if _is_service(record) else "Organization"
            problems.extend(f"{kind} {label}: {message}" for message in _messages(error))
    if problems:
        raise HSDSImportError(problems)
    return list(organizations.values()), services


def _organization(record):
    try:
        org_id = _uuid(record.get("id"))
    except ValueError:
        raise ValidationError({"id": ["missing or not a UUID"]}) from None
    org = Organization.objects.filter(id=org_id).first() or Organization(id=org_id)
    org.name = (record.get("name") or "").strip()
    org.description = (record.get("description") or "").strip()
    org.website = record.get("website") or ""
    org.email = record.get("email") or ""
    org.full_clean(validate_unique=False)
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
            planned.term_ids.append(str(term_id))


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
    days = [day.strip().upper()[-2:] for day in str(schedule["byday"]).split(",")]
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
        org.save()
    known_orgs = set(Organization.objects.values_list("id", flat=True))
    terms = set(TaxonomyTerm.objects.values_list("id", flat=True))
    counts = {"organizations": len(organizations), "services created": 0, "services updated": 0}
    for planned in services:
        service = planned.service
        if service.organization_id and service.organization_id not in known_orgs:
            service.organization_id = None  # the file named an organization it did not include
        counts["services created" if service.pk is None else "services updated"] += 1
        service.save()
        for contact in planned.contacts:
            contact.service = service
            if contact.kind in NUMBER_KINDS:
                contact.value = normalise_phone(contact.value)
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
    return write(organizations, services)
