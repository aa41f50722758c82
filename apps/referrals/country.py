"""The reader's country, taken only from the region in their browser's Accept-Language.

A frightened reader needs their own emergency number, but Nightlight promises not to
track them: no cookie, no IP lookup, nothing stored. The browser already says
"en-GB" or "es-US", so the region of the preferred language is the whole signal.

Reading it makes the page depend on that header, so ``reader_country`` marks the
request and ``VaryOnReaderCountryMiddleware`` adds ``Vary: Accept-Language``: a shared
cache (or the page cache) then keeps one copy per language instead of showing a
reader in Sydney the strip rendered for London.
"""

import re

# language[-script][-REGION]: the region is two letters (numeric regions such as 419,
# "Latin America", name no single country).
_TAG = re.compile(r"^([a-z]{2,3})(?:-[a-z]{4})?(?:-([a-z]{2}))?(?:-|$)", re.IGNORECASE)
MAX_HEADER = 500  # longer headers are not from a browser; read no further


def _preferences(header):
    """(language, region or None) in the reader's order of preference (q, then position)."""
    entries = []
    for position, part in enumerate(header[:MAX_HEADER].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        match = re.search(r"q=([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        found = _TAG.match(tag.strip())
        if found and quality > 0:
            region = found.group(2)
            entries.append((-quality, position, found.group(1).lower(), region and region.upper()))
    return [(language, region) for _, _, language, region in sorted(entries)]


def country_from_accept_language(header):
    """The region of the preferred language, or None.

    "en-GB,en;q=0.9" -> GB. "en,en-AU;q=0.8" -> AU (same language, one region named).
    "de,en-US;q=0.9" -> None: a German speaker who also reads US English is not
    necessarily in the US, and a wrong emergency number is worse than none.
    """
    preferences = _preferences(header or "")
    if not preferences:
        return None
    language = preferences[0][0]
    for other_language, region in preferences:
        if other_language != language:
            return None
        if region:
            return region
    return None


def reader_country(request):
    """The country for this request's help contacts (two capitals), or None.

    Marks the request so the response carries ``Vary: Accept-Language``.
    """
    request.varies_on_accept_language = True
    return country_from_accept_language(request.headers.get("Accept-Language", ""))
