from django import template

from apps.pagecache.memo import render_once, values_key

from ..models import Article

register = template.Library()

HOME_LIMIT = 4


@register.inclusion_tag("articles/_home_section.html")
def home_articles(exclude=()):
    """The newest few public articles not already shown (``exclude``), in one query."""
    shown = [article.pk for article in exclude]
    newest = Article.objects.public().exclude(pk__in=shown).newest_first()
    return {"articles": list(newest[:HOME_LIMIT]), "after_featured": bool(shown)}


@register.simple_tag
def article_card(article):
    """A list's card of ``article`` (from ``for_list()``), rendered once per what it shows."""
    card = article.card()
    return render_once("articles/_card.html", {"card": card}, values_key(card))
