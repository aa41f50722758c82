"""Our records as Open Referral HSDS 3.0 objects (what the API answers)."""

import uuid

from .codes import country_name
from .models import HSDS_DAYS, ContactKind, OperatingStatus

HSDS_VERSION = "3.0"
PHONE_TYPES = {ContactKind.PHONE: "voice", ContactKind.TEXT: "text", ContactKind.TTY: "textphone"}


def _id(*parts):
    """A stable UUID for rows that have no HSDS id of their own (languages, areas)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "nightlight:" + ":".join(str(p) for p in parts)))


def _compact(data):
    # HSDS types are strict ("string", not null), so empty values are left out.
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def taxonomy(tax):
    return _compact(
        {
            "id": str(tax.id),
            "name": tax.name,
            "description": tax.description,
            "uri": tax.uri,
            "version": tax.version,
        }
    )


def taxonomy_term(term):
    return _compact(
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "taxonomy_detail": taxonomy(term.taxonomy),
            "language": "en",
        }
    )


def organization(org, services=None):
    data = {
        "id": str(org.id),
        "name": org.name,
        "description": org.description,
        "email": org.email,
        "website": org.website,
    }
    return _compact(data)


def _phones(service):
    sid = str(service.hsds_id)
    return [
        _compact(
            {
                "id": str(contact.hsds_id),
                "service_id": sid,
                "number": contact.display or contact.value,
                "type": PHONE_TYPES[contact.kind],
                "description": contact.note,
            }
        )
        for contact in service.contacts.all()
        if contact.kind in PHONE_TYPES
    ]


def _schedules(service):
    sid = str(service.hsds_id)
    if service.is_24_7:
        return [
            {
                "id": _id(sid, "24/7"),
                "service_id": sid,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(HSDS_DAYS),
                "opens_at": "00:00:00",
                "closes_at": "23:59:59",
                "description": "Open 24 hours a day, 7 days a week.",
            }
        ]
    return [
        _compact(
            {
                "id": str(rule.hsds_id),
                "service_id": sid,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": HSDS_DAYS[rule.weekday],
                "opens_at": rule.opens.strftime("%H:%M:%S"),
                "closes_at": rule.closes.strftime("%H:%M:%S"),
                # HSDS's `timezone` is a bare UTC offset, which is wrong half the year in
                # places with daylight saving, so the IANA name goes in the notes instead.
                "notes": f"Times are in {service.time_zone}. {rule.note}".strip(),
            }
        )
        for rule in service.schedule_rules.all()
    ]


def service(svc, full=True):
    sid = str(svc.hsds_id)
    contacts = list(svc.contacts.all())
    website = next((c.value for c in contacts if c.kind == ContactKind.WEBSITE), "")
    chat = next((c.value for c in contacts if c.kind == ContactKind.CHAT), "")
    email = next((c.value for c in contacts if c.kind == ContactKind.EMAIL), "")
    data = {
        "id": sid,
        "organization_id": str(svc.organization_id) if svc.organization_id else None,
        "name": svc.name,
        "description": svc.description,
        "url": website or chat,
        "email": email,
        "status": svc.operating_status or OperatingStatus.ACTIVE,
        "interpretation_services": svc.interpretation_services,
        "fees_description": "Free" if svc.is_free else svc.fees_description,
        "eligibility_description": svc.eligibility,
        "alert": svc.alert,
        "assured_date": svc.last_verified_on.isoformat() if svc.last_verified_on else None,
        "last_modified": svc.updated_at.isoformat(),
    }
    if full:
        data |= {
            "phones": _phones(svc),
            "schedules": _schedules(svc),
            "service_areas": [
                _compact(
                    {
                        "id": _id(sid, "area", area.pk),
                        "service_id": sid,
                        "name": str(area),
                        "description": (
                            f"Nationwide in {country_name(area.country, in_sentence=True)}"
                            if area.nationwide
                            else area.region
                        ),
                        "extent": area.country,
                        "extent_type": "ISO 3166-1 alpha-2",
                    }
                )
                for area in svc.service_areas.all()
            ],
            "languages": [
                _compact(
                    {
                        "id": _id(sid, "language", language.code),
                        "service_id": sid,
                        "name": language.name,
                        "code": language.code,
                        "note": language.note,
                    }
                )
                for language in svc.languages_spoken.all()
            ],
            "attributes": [
                {
                    "id": _id(sid, "category", term.id),
                    "link_id": sid,
                    "link_type": "category",
                    "link_entity": "service",
                    "taxonomy_term_id": str(term.id),
                    "taxonomy_term": taxonomy_term(term),
                }
                for term in svc.categories.all()
            ],
        }
        if svc.organization_id:
            data["organization"] = organization(svc.organization)
    return _compact(data)
