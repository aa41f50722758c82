"""Contacts for the "Get help now" strip on every page, in one query."""

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .models import ContactPoint, Service, ServiceArea

STRIP_SHOWN = 3  # the strip is one line: the emergency number first, then at most two more


@dataclass(frozen=True)
class StripContact:
    label: str
    href: str
    display: str
    is_external: bool


def strip_label(service):
    """The strip shows one country's numbers, so "Emergency (UK)" reads "Emergency" there."""
    label = service.help_strip_label or service.name
    return re.sub(r"\s*\([^)]*\)$", "", label) or label


def featured_contacts(country=None, limit=STRIP_SHOWN):
    """The first contact of each public service featured in the strip for ``country``.

    Strip order, at most ``limit``; none without a country (the strip then shows its
    neutral line). One query: contacts joined to their service, so every page pays the
    same small cost.
    """
    if not country:
        return []
    public_ids = (
        Service.objects.public()
        .filter(featured_in_help_strip=True)
        .filter(Exists(ServiceArea.objects.filter(service=OuterRef("pk"), country=country)))
        .values("pk")
    )
    contacts = (
        ContactPoint.objects.filter(service__in=public_ids)
        .select_related("service")
        .order_by("service__help_strip_order", "service__name", "service_id", "order", "id")
    )
    seen, result = set(), []
    for contact in contacts:
        if contact.service_id in seen:
            continue
        seen.add(contact.service_id)
        label = strip_label(contact.service)
        if label == contact.display:  # "988 (US)" would read "988: 988"
            label = contact.label
        result.append(
            StripContact(
                label=label,
                href=contact.href,
                display=contact.display,
                is_external=contact.is_external,
            )
        )
        if len(result) == limit:
            break
    return result
