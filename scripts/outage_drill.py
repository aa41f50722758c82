# ruff: noqa: S310, S603, S607 - a drill that runs fixed local commands and URLs
"""Outage drill: stop real services under a running site and record what readers get.

Starts its own PostgreSQL cluster (port 5503), redis-server (port 6403) and gunicorn
(port 8103) with production settings, loads the demo content, then for each fault
(cache stopped, cache hung with SIGSTOP, database stopped) reads `/`, an article,
`/help/`, the API, posts feedback and asks `/healthz`, and times recovery after the
service is back. Prints a Markdown table; exits 1 if any answer is not what the README
promises (cache faults: every page 200 within 1 s; database down: 503 with Retry-After
and the emergency numbers, JSON 503 from the API; recovery without a restart).

Usage (a CI step; needs PostgreSQL's server binaries and redis-server, and root or the
postgres user for the cluster):  .venv/bin/python scripts/outage_drill.py
Nothing here touches the shared PostgreSQL or Redis; everything it starts it stops.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG_PORT, REDIS_PORT, WEB_PORT = 5503, 6403, 8103
BASE = f"http://127.0.0.1:{WEB_PORT}"
EMERGENCY = "911 (US, Canada)"  # the default emergency numbers (apps/site/models.py)
CACHE_BUDGET = 1.0  # seconds a page may take while the cache is down or hung


def pg_bin(name):
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else shutil.which(name)


def as_postgres(args, **kwargs):
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


class Services:
    def __init__(self, workdir):
        self.workdir = workdir
        self.pgdata = workdir / "pgdata"
        self.redis = self.web = None
        self.reader = 0

    # PostgreSQL -------------------------------------------------------------------
    def pg_init(self):
        self.pgdata.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
            shutil.chown(self.pgdata, "postgres")
        as_postgres([pg_bin("initdb"), "-D", str(self.pgdata), "-A", "trust", "-U", "postgres"])

    def pg_start(self):
        options = f"-p {PG_PORT} -k {self.pgdata} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres(
            [pg_bin("pg_ctl"), "-D", str(self.pgdata), "-o", options, "-l",
             str(self.pgdata / "log"), "-w", "start"]
        )  # fmt: skip

    def pg_stop(self):
        as_postgres([pg_bin("pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"])

    # Redis ------------------------------------------------------------------------
    def redis_start(self):
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(REDIS_PORT)

    def redis_stop(self):
        self.redis.terminate()
        self.redis.wait(10)

    # The site ---------------------------------------------------------------------
    def env(self):
        return os.environ | {
            "DEBUG": "False",
            "SECRET_KEY": "outage-drill-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/nightlight",
            "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "SECURE_SSL_REDIRECT": "False",
            "STATIC_MANIFEST": "False",
            "TRUSTED_PROXY_COUNT": "1",  # so each drill request counts as its own reader
            "GUNICORN_BIND": f"127.0.0.1:{WEB_PORT}",
            "WEB_CONCURRENCY": "2",
        }

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(), check=True)

    def web_start(self):
        self.web = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "hub.wsgi", "--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=self.env(),
            stderr=open(self.workdir / "gunicorn.log", "w"),  # noqa: SIM115
        )
        wait_for_port(WEB_PORT)

    def stop_all(self):
        if self.web and self.web.poll() is None:
            self.web.terminate()
            self.web.wait(10)
        if self.redis and self.redis.poll() is None:
            self.redis.send_signal(signal.SIGCONT)
            self.redis_stop()
        if (self.pgdata / "postmaster.pid").exists():
            self.pg_stop()

    # A reader ---------------------------------------------------------------------
    def request(self, path, data=None):
        """(status, seconds, headers, body) for one request, never raising."""
        self.reader += 1
        headers = {"X-Forwarded-For": f"198.51.100.{self.reader % 250}"}
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(BASE + path, data=body, headers=headers)
        start = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, content = error.code, error.headers, error.read()
        except OSError as error:
            return 0, time.monotonic() - start, {}, str(error).encode()
        return status, time.monotonic() - start, headers, content


FEEDBACK = {"page": "/", "helpful": "no", "message": "Drill"}


def readers_view(services, article):
    """What each reader-facing URL answers now: {name: (status, seconds, note)}."""
    checks = {
        "/": ("/", None),
        "article": (article, None),
        "/help/": ("/help/", None),
        "API": ("/api/hsds/services", None),
        "feedback": ("/feedback/", FEEDBACK),
        "/healthz": ("/healthz", None),
    }
    view = {}
    for name, (path, data) in checks.items():
        worst = None
        for _ in range(3):  # the worst of three: the first may pay the cache timeout
            status, seconds, headers, body = services.request(path, data)
            if worst is None or seconds > worst[1]:
                note = ""
                if name == "/healthz" and body.startswith(b"{"):
                    note = json.loads(body)["status"]
                elif status == 503:
                    note = f"Retry-After {headers.get('Retry-After')}"
                    if EMERGENCY.encode() in body:
                        note += ", emergency numbers shown"
                    if headers.get("Content-Type", "").startswith("application/json"):
                        note += ", JSON"
                worst = (status, seconds, note)
        view[name] = worst
    return view


def recovery_time(services, check, timeout=60):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def main():
    problems = []
    with tempfile.TemporaryDirectory(prefix="nightlight-drill-") as tmp:
        services = Services(Path(tmp))
        try:
            services.pg_init()
            services.pg_start()
            subprocess.run(
                [PYTHON, "scripts/ensure_postgres_db.py", services.env()["DATABASE_URL"]],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            services.redis_start()
            services.manage("migrate", "--noinput", "-v0")
            services.manage("load_demo_content", "-v0")
            services.web_start()
            listing = services.request("/articles/")[3].decode()
            article = re.search(r'href="(/articles/[a-z0-9-]+/)"', listing)[1]

            def healthz():
                status, _, _, body = services.request("/healthz")
                return status, json.loads(body) if body.startswith(b"{") else {}

            readers_view(services, article)  # warm up: the first requests compile templates
            rows = [("all up", readers_view(services, article), None)]

            services.redis_stop()
            rows.append(("cache down", readers_view(services, article), None))
            services.redis_start()
            back = recovery_time(services, lambda: healthz()[1].get("cache") == "ok")
            rows[-1] = (*rows[-1][:2], back)

            services.redis.send_signal(signal.SIGSTOP)
            rows.append(("cache hung", readers_view(services, article), None))
            services.redis.send_signal(signal.SIGCONT)
            back = recovery_time(services, lambda: healthz()[1].get("cache") == "ok")
            rows[-1] = (*rows[-1][:2], back)

            services.pg_stop()
            rows.append(("database down", readers_view(services, article), None))
            services.pg_start()
            back = recovery_time(services, lambda: services.request("/")[0] == 200)
            rows[-1] = (*rows[-1][:2], back)
            rows.append(("after recovery", readers_view(services, article), None))
        finally:
            services.stop_all()

    names = list(rows[0][1])
    print("| fault | " + " | ".join(names) + " | recovery |")
    print("|---" * (len(names) + 2) + "|")
    baseline = rows[0][1]
    for fault, view, back in rows:
        cells = [f"{s} in {t:.2f} s" + (f" ({n})" if n else "") for s, t, n in view.values()]
        recovered = (
            "—"
            if back is None and fault in ("all up", "after recovery")
            else (f"{back:.1f} s" if back is not None else "not within 60 s")
        )
        print(f"| {fault} | " + " | ".join(cells) + f" | {recovered} |")

        for name, (status, seconds, note) in view.items():
            if fault in ("all up", "after recovery", "cache down", "cache hung"):
                # Within 1 s, or (on a machine too loaded for that even with everything
                # up) no more than half a second slower than with everything up.
                slow = seconds > max(CACHE_BUDGET, baseline[name][1] + 0.5)
                if status != 200 or (slow and fault != "all up"):
                    problems.append(f"{fault}: {name} answered {status} in {seconds:.2f} s")
                if fault.startswith("cache") and name == "/healthz" and note != "degraded":
                    problems.append(f"{fault}: /healthz said {note!r}, not 'degraded'")
            elif fault == "database down" and name == "/healthz":
                if status != 503 or note != "unavailable":
                    problems.append(f"{fault}: /healthz answered {status} ({note})")
            elif fault == "database down":
                if status != 503 or "Retry-After" not in note:
                    problems.append(f"{fault}: {name} answered {status} ({note})")
                if name in ("/", "article", "/help/") and "emergency numbers" not in note:
                    problems.append(f"{fault}: {name} did not show the emergency numbers")
                if name == "API" and "JSON" not in note:
                    problems.append(f"{fault}: the API did not answer JSON")
        if back is None and fault not in ("all up", "after recovery"):
            problems.append(f"{fault}: no recovery within 60 s")
    for problem in problems:
        print("FAIL", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
