from django import template
from django.urls import reverse

from apps.pagecache.memo import render_once

from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Sanitised Markdown without citations (standing pages)."""
    return render_markdown(text)


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail):
    """The breadcrumb trail, always starting at Home.

    ``{% breadcrumbs object %}``: a content item, under the list its type names
    (``section``). ``{% breadcrumbs "Sleep alternatives" "alternatives:index" "Compare" %}``:
    (label, URL name) pairs, then the current page's label.
    """
    if len(trail) == 1 and hasattr(trail[0], "section"):
        item = trail[0]
        trail = (*item.section, str(item))
    crumbs = [("Home", reverse("site:home"))]
    *pairs, current = trail
    crumbs += [(label, reverse(name)) for label, name in zip(pairs[::2], pairs[1::2], strict=True)]
    return {"crumbs": crumbs, "current": current}


@register.simple_tag
def filter_fields(form):
    """A public list's filter fields (a LenientFilterForm), rendered once per what they
    show: widgets rendered through templates cost more than the rest of the list page."""
    return render_once("includes/filter_fields.html", {"form": form}, form.rendering_key())
