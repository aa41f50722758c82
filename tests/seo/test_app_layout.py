"""Apps import cleanly on their own, without cycles, and the sitemap is what urls.py declares."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.name for p in (ROOT / "apps").iterdir() if (p / "apps.py").exists())


def app_modules(app):
    for path in sorted((ROOT / "apps" / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        yield module.removesuffix(".__init__")


def imported_apps(path):
    """The other apps a module imports at module level (imports inside functions are lazy)."""
    tree = ast.parse(path.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name.split(".")[1] for name in names if name.startswith("apps.")}


def test_no_import_cycle_between_apps():
    graph = {app: set() for app in APPS}
    for app in APPS:
        for path in (ROOT / "apps" / app).rglob("*.py"):
            if "migrations" not in path.parts:
                graph[app] |= imported_apps(path) - {app}

    def reaches(start, goal, seen=()):
        return any(
            other == goal or (other not in seen and reaches(other, goal, {*seen, other}))
            for other in graph[start]
        )

    cycles = [app for app in APPS if reaches(app, app)]
    assert cycles == [], f"apps importing themselves back through others: {cycles}"


def test_content_apps_do_not_import_search_or_seo():
    for app in ("editorial", "articles", "alternatives", "referrals"):
        for path in (ROOT / "apps" / app).rglob("*.py"):
            assert not imported_apps(path) & {"search", "seo"}, path


# Each app's modules imported first, in a fresh interpreter: an import-order bug (a
# module needing another to be imported before it) fails here. One process per app.
ISOLATED_IMPORT = """
import importlib, sys
import django
django.setup()
for name in sys.argv[1:]:
    importlib.import_module(name)
from django.urls import reverse, resolve
from apps.seo import sitemaps, urls
expected = {
    "pages": sitemaps.StandingPagesSitemap,
    "article": sitemaps.ArticleSitemap,
    "alternative": sitemaps.AlternativeSitemap,
    "service": sitemaps.ServiceSitemap,
    "topics": sitemaps.TopicSitemap,
}
assert urls.SITEMAPS == expected, urls.SITEMAPS
assert resolve(reverse("seo:sitemap")).kwargs["sitemaps"] is urls.SITEMAPS
"""


def test_each_app_imports_on_its_own_and_the_sitemap_is_the_declared_one():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings"}
    runs = {
        app: subprocess.Popen(
            [sys.executable, "-c", ISOLATED_IMPORT, *app_modules(app)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for app in APPS
    }
    failures = {}
    for app, run in runs.items():
        output, _ = run.communicate(timeout=120)
        if run.returncode:
            failures[app] = output[-2000:]
    assert failures == {}


@pytest.mark.django_db
def test_sitemap_sections_are_the_declared_ones(client):
    from apps.seo.sitemaps import ArticleSitemap
    from apps.seo.urls import SITEMAPS

    assert SITEMAPS["article"] is ArticleSitemap
    assert client.get("/sitemap.xml").status_code == 200
