from django import template

from ..models import Article

register = template.Library()

HOME_LIMIT = 4


@register.inclusion_tag("articles/_home_section.html")
def home_articles(exclude=()):
    """The newest few public articles not already shown (``exclude``), in one query."""
    shown = [article.pk for article in exclude]
    newest = Article.objects.public().exclude(pk__in=shown).newest_first()
    return {"articles": list(newest[:HOME_LIMIT]), "after_featured": bool(shown)}
