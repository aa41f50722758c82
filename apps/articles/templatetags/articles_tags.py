from django import template

from ..models import Article

register = template.Library()

HOME_LIMIT = 4


@register.inclusion_tag("articles/_home_section.html")
def home_articles():
    """The newest few public articles, in one query."""
    return {"articles": list(Article.objects.public().newest_first()[:HOME_LIMIT])}
