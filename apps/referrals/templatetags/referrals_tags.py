from django import template

register = template.Library()


@register.inclusion_tag("referrals/_home_section.html")
def home_referrals():
    return {"services": []}
