"""Internal links come from {% url %}, get_absolute_url() or reverse(), never a typed path.

A typed path keeps working until a URL changes, then breaks silently on every page
that has it. These scans fail on the first new one.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Paths that must be literal: fixed by convention for browsers and crawlers.
LITERAL_PATHS = {"/favicon.ico", "/robots.txt"}
INTERNAL_ATTRIBUTE = re.compile(r"""\b(?:href|action|src|formaction)\s*=\s*["'](/(?!/)[^"'{]*)""")
PATH_STRING = re.compile(r"^/[a-z][a-z0-9_.-]*(/|$)")
# Python strings that are not links (each with why it stays literal).
PYTHON_ALLOWED = {
    # The API's mount point, tested by prefix so that every path under it (even one no
    # URL pattern matches) gets JSON errors.
    ("apps/referrals/api.py", "/api/"),
    # Only used when the referrals app is not installed, so there is nothing to reverse.
    ("apps/site/help_strip.py", "/help/"),
    # FlatPage.url values: the key a flat page is stored under, not a link.
    ("apps/site/standing_pages.py", "/about/"),
    ("apps/site/standing_pages.py", "/privacy/"),
    ("apps/site/standing_pages.py", "/editorial-policy/"),
    ("apps/site/urls.py", "/about/"),
    ("apps/site/urls.py", "/privacy/"),
    ("apps/site/urls.py", "/editorial-policy/"),
}


def _templates():
    folders = [ROOT / "templates", *ROOT.glob("apps/*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_there_are_templates_and_python_modules_to_scan():
    assert len(_templates()) > 30
    assert len(list((ROOT / "apps").rglob("*.py"))) > 50


def test_templates_link_inside_the_site_with_url_tags():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(1)}"
        for path in _templates()
        for match in INTERNAL_ATTRIBUTE.finditer(path.read_text())
        if match.group(1) not in LITERAL_PATHS
    ]
    assert found == []


def test_the_template_scan_finds_a_typed_path():
    assert INTERNAL_ATTRIBUTE.search('<a href="/help/">Help</a>')
    assert INTERNAL_ATTRIBUTE.search("<form action='/search/'>")
    assert not INTERNAL_ATTRIBUTE.search("<a href=\"{% url 'referrals:index' %}\">")
    assert not INTERNAL_ATTRIBUTE.search('<a href="https://example.org/help/">')


def test_python_builds_internal_paths_with_reverse():
    found = []
    for path in sorted((ROOT / "apps").rglob("*.py")) + sorted((ROOT / "hub").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = str(path.relative_to(ROOT))
        strings = [
            node
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        found += [
            f"{name}:{node.lineno}: {node.value}"
            for node in strings
            if PATH_STRING.match(node.value)
            and node.value not in LITERAL_PATHS
            and (name, node.value) not in PYTHON_ALLOWED
        ]
    assert found == []
