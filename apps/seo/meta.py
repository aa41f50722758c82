"""The canonical address, title and description of a page, shared by its meta tags and JSON-LD."""

from apps.editorial.identity import site_url
from apps.editorial.markdown import plain_text

SITE_NAME = "Nightlight"
SITE_DESCRIPTION = (
    "Honest, cited harm-reduction answers about kratom, sleep and pain, with "
    "evidence-graded sleep alternatives and verified help contacts."
)


def absolute(request, path):
    """Canonical and structured-data addresses come from SITE_URL, never the Host header."""
    return site_url(path)


def meta_for(request, obj=None):
    if obj is None:
        return {
            "title": SITE_NAME,
            "description": SITE_DESCRIPTION,
            "url": absolute(request, request.path if request else "/"),
            "type": "website",
        }
    return {
        "title": obj.meta_title,
        "description": plain_text(obj.meta_description, limit=200),
        "url": absolute(request, obj.get_absolute_url()),
        "type": "article",
    }
