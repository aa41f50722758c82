from django import template

register = template.Library()


@register.inclusion_tag("alternatives/_home_section.html")
def home_alternatives():
    return {"alternatives": []}
