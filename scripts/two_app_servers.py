# ruff: noqa: S310, S603, S607 - a check that runs fixed local commands and URLs
"""Scale-out check: two app servers sharing PostgreSQL and Redis; an edit published
through one is on the very next page from either.

Creates a scratch PostgreSQL database (dropped first if a previous run left it), migrates,
loads the demo content, collects the static files and starts two gunicorn servers with
production settings (DEBUG=False, CACHE_URL on Redis) on free loopback ports. Server B
also reads through the replica router (DATABASE_REPLICA_URL pointed at the same
database: the router's path runs, with no replication lag to observe). Both servers are
warmed (an article and /help/ several times each, so any cache is full). Then, over HTTP
on server A only, following the editorial workflow:

1. a writer signs in to the admin and saves a change to a live article's standfirst,
   which becomes its working draft, submitted for review (readers must not see it yet);
2. a reviewer (a second account: nobody approves their own change) approves the draft
   and publishes it with the admin actions;
3. the same reviewer changes the help strip's text and emergency numbers.

After each step the very next anonymous request to each server is checked for the new
text (or, after step 1, for its absence). It only looks at HTTP responses, so it holds
with or without a page cache. Prints a PASS/FAIL table; exits 1 on any failure. Every
process it starts is stopped and the scratch database is dropped.

Usage:  .venv/bin/python scripts/two_app_servers.py   (or `make scale-out-check`)
        --per-process-cache: each server keeps its own cache instead of Redis, to show
        the check failing the way the issue saw it (expected to FAIL on the help strip)
  SCALEOUT_DATABASE_URL  scratch database, DROPPED and recreated; its name must
                         contain "scaleout" (default .../nightlight_scaleout)
  SCALEOUT_CACHE_URL     Redis database shared by both servers, FLUSHED before and
                         after (default redis://127.0.0.1:6379/13)
  SCALEOUT_PORTS         two loopback ports, "8121,8122" (default: any free ones)
"""

import argparse
import html
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import traceback
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from local_servers import free_port, wait_for_port
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nightlight_scaleout"
)
CACHE_URL = os.environ.get("SCALEOUT_CACHE_URL", "redis://127.0.0.1:6379/13")
PASSWORD = secrets.token_urlsafe(24)
WARM_ROUNDS = 5
SETUP_STAFF = """
from django.contrib.auth.models import User
from apps.editorial.models import Contributor
from apps.site.models import SiteSettings
for name in ("writer", "reviewer"):
    User.objects.create_superuser(name, name + "@scaleout.invalid", {password!r})
reviewer = User.objects.get(username="reviewer")
# Medical reviews are published in a contributor's name: the reviewer needs a profile.
profile = Contributor.objects.filter(user=None, is_placeholder=False).first()
profile = profile or Contributor.objects.filter(user=None).first()
profile.user = reviewer
profile.save()
if not SiteSettings.objects.exists():
    SiteSettings().save()
# The live article the check edits (its public address, and its id for the admin).
from apps.articles.models import Article
article = Article.objects.filter(status="published").order_by("pk").first()
print("ARTICLE", article.pk, article.get_absolute_url())
"""


# --- the scratch database and cache ---------------------------------------------------
def database_name():
    name = urlsplit(DATABASE_URL).path.lstrip("/")
    if "scaleout" not in name:
        raise SystemExit(
            f"refusing to drop {name!r}: the scratch database's name must say scaleout"
        )
    return name


def recreate_database(create=True):
    parts = urlsplit(DATABASE_URL)
    admin_url = parts._replace(path="/postgres").geturl()
    name = sql.Identifier(database_name())
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def flush_cache():
    import redis  # noqa: PLC0415 - the client Django's Redis cache uses

    redis.Redis.from_url(CACHE_URL, socket_timeout=5).flushdb()


def site_env(static_root, **extra):
    return os.environ | {
        "DEBUG": "False",
        "SECRET_KEY": "scale-out-check-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "STATIC_ROOT": str(static_root),
        # Plain HTTP on loopback: no HTTPS redirect, and cookies a urllib client sends back.
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        # The scratch staff accounts have no authenticator app (STAFF_REQUIRE_2FA).
        "STAFF_REQUIRE_2FA": "False",
        "WEB_CONCURRENCY": "2",
        **extra,
    }


def manage(env, *args):
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return done.stdout


# --- HTTP: readers and staff ----------------------------------------------------------
def read(base, path):
    """An anonymous reader's request: no cookies. Returns (status, text)."""
    request = urllib.request.Request(base + path, headers={"User-Agent": "scale-out-check"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with id ``form_id``."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs or not attrs.get("name"):
            if tag == "option" and self.select is not None:
                self.option(attrs)
            return
        name, kind = attrs["name"], attrs.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select":
            self.select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "chosen": [],
                "first": None,
            }
        elif tag == "textarea":
            self.textarea = [name, ""]

    def option(self, attrs):
        value = attrs.get("value", "")
        if self.select["first"] is None:
            self.select["first"] = value
        if "selected" in attrs:
            self.select["chosen"].append(value)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            self.fields += [[self.select["name"], value] for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline that Django writes straight after <textarea>.
            self.fields.append([name, text.removeprefix("\r\n").removeprefix("\n")])
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


class Staff:
    """One staff member's browser: a cookie jar, signed in to the admin of one server."""

    def __init__(self, base, username):
        self.base, self.username = base, username
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def post(self, path, fields):
        pairs = fields.items() if isinstance(fields, dict) else [tuple(pair) for pair in fields]
        data = urllib.parse.urlencode(list(pairs)).encode()
        with self.opener.open(self.base + path, data=data, timeout=60) as response:
            return response.geturl(), response.read().decode()

    def form(self, path, form_id):
        _, page = self.get(path)
        parser = FormFields(form_id)
        parser.feed(page)
        if not parser.fields:
            raise SystemExit(f"no form #{form_id} at {path}")
        return parser.fields

    def sign_in(self):
        fields = dict(self.form("/admin/login/", "login-form"))
        fields |= {"username": self.username, "password": PASSWORD, "next": "/admin/"}
        url, _ = self.post("/admin/login/", fields)
        if urlsplit(url).path != "/admin/":
            raise SystemExit(f"{self.username} could not sign in to the admin (ended at {url})")

    def change(self, path, form_id, changes):
        """Submit an admin change form with ``changes``; returns the page's messages."""
        fields = [[name, changes.pop(name, value)] for name, value in self.form(path, form_id)]
        fields += [[name, value] for name, value in changes.items()]
        _, page = self.post(path, [*fields, ["_save", "Save"]])
        return messages(page)

    def action(self, changelist, action, pk):
        token = dict(self.form(changelist, "changelist-form"))["csrfmiddlewaretoken"]
        fields = {
            "csrfmiddlewaretoken": token,
            "action": action,
            "_selected_action": pk,
            "select_across": "0",
            "index": "0",
        }
        _, page = self.post(changelist, fields)
        return messages(page)


def messages(page):
    found = re.findall(r'<li class="(?:success|info|warning|error)">(.*?)</li>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found]


# --- the check ------------------------------------------------------------------------
class Results:
    def __init__(self):
        self.rows = []

    def check(self, step, server, ok, detail=""):
        self.rows.append((step, server, ok, detail))

    def table(self):
        lines = ["| step | server | result | detail |", "|---|---|---|---|"]
        for step, server, ok, detail in self.rows:
            lines.append(f"| {step} | {server} | {'PASS' if ok else 'FAIL'} | {detail} |")
        return "\n".join(lines)

    @property
    def passed(self):
        return bool(self.rows) and all(ok for _, _, ok, _ in self.rows)


def next_request_shows(results, step, servers, path, present=(), absent=()):
    for label, base in servers.items():
        status, text = read(base, path)
        missing = [s for s in present if s not in text]
        leaked = [s for s in absent if s in text]
        ok = status == 200 and not missing and not leaked
        detail = f"{path} → {status}"
        detail += f"; missing {missing}" if missing else ""
        detail += f"; shows {leaked} too early" if leaked else ""
        results.check(step, label, ok, detail)


def scale_out_check(servers, results, pk, article):
    a = servers["A"]
    for base in servers.values():  # warm: templates compiled, any cache filled
        for _ in range(WARM_ROUNDS):
            for path in (article, "/help/", "/"):
                if read(base, path)[0] != 200:
                    raise SystemExit(f"{base}{path} did not answer 200 while warming up")

    writer, reviewer = Staff(a, "writer"), Staff(a, "reviewer")
    writer.sign_in()
    reviewer.sign_in()
    change_url = f"/admin/articles/article/{pk}/change/"
    fields = dict(writer.form(change_url, "article_form"))
    marker = f"Scale-out check {secrets.token_hex(4)}."
    standfirst = f"{fields['standfirst'].strip()} {marker}"

    # 1. The writer's change is a working draft: not on either server yet.
    said = writer.change(
        change_url, "article_form", {"standfirst": standfirst, "status": "in_review"}
    )
    results.check(
        "writer saves a draft on A", "A", any("working draft" in m for m in said), "; ".join(said)
    )
    next_request_shows(results, "draft not public", servers, article, absent=[marker])

    # 2. Another person approves and publishes it: on both servers at once.
    changelist = "/admin/articles/article/"
    said = reviewer.action(changelist, "approve", pk)
    results.check("reviewer approves on A", "A", "1 item(s) approved." in said, "; ".join(said))
    said = reviewer.action(changelist, "publish_now", pk)
    results.check("reviewer publishes on A", "A", "1 item(s) published." in said, "; ".join(said))
    next_request_shows(results, "published edit", servers, article, present=[marker])

    # 3. The help strip and the emergency numbers (shown on every page, cached per site).
    strip = f"Scale-out strip {secrets.token_hex(4)}: call your local emergency number."
    numbers = f"911 (US, Canada) · 999 (UK) · 000 (Australia) · 112 (EU) · {secrets.token_hex(3)}"
    said = reviewer.change(
        "/admin/site/sitesettings/1/change/",
        "sitesettings_form",
        {"help_strip_text": strip, "emergency_numbers": numbers},
    )
    results.check(
        "reviewer edits the help strip on A",
        "A",
        any("changed successfully" in m for m in said),
        "; ".join(said),
    )
    shown = [html.escape(strip), html.escape(numbers)]
    for path in (article, "/help/"):
        next_request_shows(results, "help strip edit", servers, path, present=shown)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--per-process-cache",
        action="store_true",
        help="give each server its own in-process cache instead of the shared Redis, to "
        "show what the shared cache is for (the help strip check is expected to fail)",
    )
    args = parser.parse_args()
    results = Results()
    processes = []
    recreate_database()
    flush_cache()
    with tempfile.TemporaryDirectory(prefix="nightlight-scaleout-") as tmp:
        workdir = Path(tmp)
        env = site_env(workdir / "static")
        try:
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "load_demo_content", "-v0")
            manage(env, "collectstatic", "--noinput", "-v0")
            said = manage(env, "shell", "-c", SETUP_STAFF.format(password=PASSWORD))
            _, pk, article = re.search(r"^ARTICLE (\d+) (\S+)$", said, re.M).group(0).split()
            chosen = os.environ.get("SCALEOUT_PORTS", "").split(",")
            chosen = (chosen + ["", ""])[:2]
            ports = {
                label: int(p) if p else free_port() for label, p in zip("AB", chosen, strict=True)
            }
            servers = {}
            for label, port in ports.items():
                extra = {"GUNICORN_BIND": f"127.0.0.1:{port}"}
                if args.per_process_cache:
                    extra["CACHE_URL"] = "locmemcache://scaleout"
                if label == "B":
                    extra["DATABASE_REPLICA_URL"] = DATABASE_URL
                log = open(workdir / f"gunicorn-{label}.log", "w")  # noqa: SIM115
                process = subprocess.Popen(
                    [str(Path(PYTHON).parent / "gunicorn"), "hub.wsgi", "--access-logfile", "/dev/null"],
                    cwd=ROOT, env=site_env(workdir / "static", **extra), stderr=log,
                )  # fmt: skip
                processes.append(process)
                wait_for_port(port, process)
                servers[label] = f"http://127.0.0.1:{port}"
            scale_out_check(servers, results, pk, article)
        except (SystemExit, Exception) as error:  # noqa: BLE001 - reported in the table
            results.check("the check itself", "-", False, f"{type(error).__name__}: {error}")
            traceback.print_exc()
            for log in sorted(workdir.glob("gunicorn-*.log")):
                print(
                    f"--- {log.name} (last lines)\n" + "\n".join(log.read_text().splitlines()[-20:])
                )
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
            flush_cache()
            recreate_database(create=False)
    cache = "its own in-process cache each" if args.per_process_cache else "Redis"
    print(
        f"Two gunicorn servers (2 workers each), one PostgreSQL database, cache: {cache}; "
        "server B reads through the replica router (DATABASE_REPLICA_URL = the primary)."
    )
    print(results.table())
    print(
        "PASS: an edit published through one server is on the next page from both"
        if results.passed
        else "FAIL"
    )
    return 0 if results.passed else 1


if __name__ == "__main__":
    sys.exit(main())
