from django import template

from ..dashboard import dashboard_rows

register = template.Library()


@register.inclusion_tag("admin/editorial/_dashboard.html", takes_context=True)
def editorial_dashboard(context):
    return {"sections": dashboard_rows(context["request"].user)}
