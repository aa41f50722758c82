"""Contacts for the "Get help now" strip on every page, in one query."""

from dataclasses import dataclass

from .models import ContactPoint, Service


@dataclass(frozen=True)
class StripContact:
    label: str
    href: str
    display: str
    is_external: bool


def featured_contacts():
    """The first contact of each public service featured in the strip, in strip order.

    One query: contacts joined to their service, so every page pays the same small cost.
    """
    public_ids = Service.objects.public().filter(featured_in_help_strip=True).values("pk")
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
        service = contact.service
        result.append(
            StripContact(
                label=service.help_strip_label or service.name,
                href=contact.href,
                display=contact.display,
                is_external=contact.is_external,
            )
        )
    return result
