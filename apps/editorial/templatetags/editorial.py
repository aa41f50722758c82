from django import template

from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Sanitised Markdown without citations (standing pages)."""
    return render_markdown(text)
