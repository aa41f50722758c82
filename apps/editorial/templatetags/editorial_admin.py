from django import template

from ..dashboard import dashboard_rows, new_feedback, returned_to

register = template.Library()


@register.inclusion_tag("admin/editorial/_dashboard.html", takes_context=True)
def editorial_dashboard(context):
    user = context["request"].user
    return {
        "sections": dashboard_rows(user),
        "returned": returned_to(user),
        "feedback": new_feedback(user),
    }
