from django import template

register = template.Library()


@register.inclusion_tag("articles/_home_section.html")
def home_articles():
    return {"articles": []}
