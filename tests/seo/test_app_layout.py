"""Apps import cleanly on their own, without cycles, and the sitemap is what urls.py declares."""

import ast
import json
import os
import re
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
# module needing another to be imported before it) fails here. One process per app,
# forked from one interpreter that has imported Django, the other runtime dependencies
# and the standard library (two thirds of each process's CPU when each started from
# nothing) but no module of the project's apps: each child still imports every app
# module itself, starting with its own app's.
ISOLATED_IMPORT = """
import importlib, json, os, sys, traceback

for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception:
        pass  # a models module needs django.setup(), which the children run
preloaded = sorted(name for name in sys.modules if name.split(".")[0] in ("apps", "tests"))
assert not preloaded, f"the forking interpreter imported the project's {preloaded}"


def check(names):
    import django
    django.setup()
    for name in names:
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


children = {}
for app, names in json.loads(sys.stdin.read()).items():
    output = open(os.path.join(sys.argv[2], app), "w")
    pid = os.fork()
    if pid == 0:
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
        try:
            check(names)
        except BaseException:
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        os._exit(0)
    output.close()
    children[pid] = app
failures = {}
while children:
    pid, status = os.wait()
    app = children.pop(pid)
    if status:
        failures[app] = open(os.path.join(sys.argv[2], app)).read()[-2000:]
print(json.dumps(failures))
"""


def preloadable_modules():
    """The modules of Django, the other runtime dependencies and the standard library
    that this (set-up) test process has imported: what the children would all import."""
    from importlib.metadata import packages_distributions, requires  # noqa: PLC0415

    needed = {
        re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        for requirement in requires("nightlight")
        if "extra ==" not in requirement
    }
    dependencies = {
        package
        for package, dists in packages_distributions().items()
        if any(dist.lower().replace("_", "-") in needed for dist in dists)
    }
    return sorted(
        name
        for name in sys.modules
        if name.split(".")[0] in dependencies | set(sys.stdlib_module_names)
    )


def test_each_app_imports_on_its_own_and_the_sitemap_is_the_declared_one(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings"}
    run = subprocess.run(
        [sys.executable, "-c", ISOLATED_IMPORT, json.dumps(preloadable_modules()), tmp_path],
        input=json.dumps({app: list(app_modules(app)) for app in APPS}),
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout) == {}


@pytest.mark.django_db
def test_sitemap_sections_are_the_declared_ones(client):
    from apps.seo.sitemaps import ArticleSitemap
    from apps.seo.urls import SITEMAPS

    assert SITEMAPS["article"] is ArticleSitemap
    assert client.get("/sitemap.xml").status_code == 200
