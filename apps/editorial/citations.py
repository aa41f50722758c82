"""The ``[@source-key]`` citation syntax, shared by validation and rendering."""

import re

CITATION_RE = re.compile(r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)\]")


def cited_keys(text):
    """Source keys in order of first use, each once."""
    seen = {}
    for match in CITATION_RE.finditer(text or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)
