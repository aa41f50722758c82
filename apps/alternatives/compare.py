"""Reading the ?items= list for the comparison table."""

import re

MAX_ITEMS = 6
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")


def requested_slugs(query_dict):
    """Slugs from ``?items=a,b`` and from repeated ``?items=a&items=b``, in order, once each.

    The list is cut at a generous bound so a hostile URL cannot make us do much work
    before the view refuses it as too long.
    """
    slugs = []
    for value in query_dict.getlist("items")[:50]:
        for part in value.split(",")[:50]:
            part = part.strip()
            if part and part not in slugs:
                slugs.append(part)
    return slugs


def looks_like_slug(value):
    return bool(_SLUG.match(value))
