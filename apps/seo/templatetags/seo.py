"""``{% seo_meta object %}``: canonical link and sharing cards; ``{% structured_data object %}``:
one JSON-LD block (the Organization alone without an object, as on the home page).

JSON-LD is a data block, never executed, so the strict CSP allows it.
"""

from django import template

from apps.seo.jsonld import StructuredData, ld_json
from apps.seo.meta import SITE_NAME, meta_for

register = template.Library()


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context, obj=None):
    return {"meta": meta_for(context.get("request"), obj), "site_name": SITE_NAME}


@register.simple_tag(takes_context=True)
def structured_data(context, obj=None):
    return ld_json(StructuredData(context.get("request")).graph(obj))
