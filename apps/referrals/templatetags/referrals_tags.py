from django import template

from ..models import Service

register = template.Library()


@register.inclusion_tag("referrals/_home_section.html")
def home_referrals(limit=6):
    # Featured services are the ones editors chose for the strip: the most urgent first.
    services = (
        Service.objects.public()
        .filter(featured_in_help_strip=True)
        .select_related("organization")
        .order_by("help_strip_order", "name")[:limit]
    )
    return {"services": list(services)}
