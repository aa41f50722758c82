import re

from django import template

from apps.editorial.citations import CITATION_RE
from apps.editorial.markdown import render_markdown

from ..models import Alternative

register = template.Library()

HOME_LIMIT = 4


@register.inclusion_tag("alternatives/_home_section.html")
def home_alternatives():
    """The strongest few public alternatives the evidence supports, in one query."""
    best = Alternative.objects.public().supported().strongest_first()
    return {"alternatives": list(best[:HOME_LIMIT])}


@register.filter
def markdown_without_citations(text):
    """Markdown for places without a reference list (the comparison table).

    The citations are dropped rather than left dangling; the detail page, one click
    away, shows them with their references.
    """
    return render_markdown(re.sub(r"\s*" + CITATION_RE.pattern, "", text or ""))
