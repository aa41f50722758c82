#!/usr/bin/env python3
"""CI check: 50 slow clients in front of nginx do not stop normal readers.

Starts gunicorn (production settings, two sync workers, a scratch SQLite database with the
demo content) and nginx with deploy/nginx/nightlight.conf on loopback ports, then:

1. times normal page requests (new HTTPS connection each) with no other traffic;
2. opens 50 clients that send their request headers one byte every half second (each
   reconnects when nginx closes it), and times the same requests again;
3. checks that nginx's and gunicorn's logs name no client address.

Prints p50/p99/max for both runs and exits non-zero unless every normal request got 200,
the p99 with slow clients stays under 1 s and nginx closed every slow client after its
10 s header timeout. `--direct` runs step 2 against gunicorn
without nginx, to show what the proxy is for (it is expected to fail).

This is a check script, not a test: it measures time on a shared machine.
"""

import argparse
import asyncio
import contextlib
import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from local_servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
CONFIG = ROOT / "deploy" / "nginx" / "nightlight.conf"
HOST = "localhost"
PAGES = ["/", "/help/", "/articles/", "/alternatives/", "/healthz"]
SLOW_CLIENTS = 50
DRIP_INTERVAL = 0.5  # seconds between header bytes
LIMIT = 1.0  # seconds
HEADER_TIMEOUT = 10  # client_header_timeout in deploy/nginx/nightlight.conf


def render_config(text, *, http_port, https_port, app_port, cert, key, static_root, logs):
    """The shipped config with loopback ports and scratch paths; every rule it relies on
    must be found, so a change to the shipped file cannot silently skip this check."""
    replacements = [
        (r"listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;"),
        (r"listen 443 ssl default_server;", f"listen 127.0.0.1:{https_port} ssl default_server;"),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        (r"\s*listen \[::\]:\d+[^;]*;", ""),
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{app_port};"),
        (r"server_name nightlight\.example\.org;", f"server_name {HOST};"),
        (r"/etc/letsencrypt/live/nightlight\.example\.org/fullchain\.pem", str(cert)),
        (r"/etc/letsencrypt/live/nightlight\.example\.org/privkey\.pem", str(key)),
        (r"/srv/nightlight/staticfiles/", f"{static_root}/"),
        (r"/var/log/nginx/", f"{logs}/"),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        if not count:
            raise SystemExit(f"deploy/nginx/nightlight.conf no longer has {pattern!r}")
    for rule in ("client_header_timeout", "proxy_request_buffering on", "proxy_buffering on"):
        if rule not in text:
            raise SystemExit(f"deploy/nginx/nightlight.conf lost {rule!r}")
    return text


def main_config(site, workdir):
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/main-error.log crit;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {workdir}/scratch/body;
    proxy_temp_path {workdir}/scratch/proxy;
    fastcgi_temp_path {workdir}/scratch/fastcgi;
    uwsgi_temp_path {workdir}/scratch/uwsgi;
    scgi_temp_path {workdir}/scratch/scgi;
{site}
}}
"""


class LoopbackHTTPS(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 that still names the site (SNI), as a browser would: nginx
    refuses handshakes for names it does not serve."""

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=HOST)


def tls_context(cert):
    """Trusts only the certificate made for this run (and checks the host name)."""
    return ssl.create_default_context(cafile=str(cert)) if cert else None


def timed_requests(port, count, cert):
    """`count` normal requests, each on a new connection: (status, seconds) pairs."""
    context = tls_context(cert)
    results = []
    for number in range(count):
        path = PAGES[number % len(PAGES)]
        start = time.perf_counter()
        try:
            if context:
                conn = LoopbackHTTPS(HOST, port, timeout=5, context=context)
            else:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            # Straight to gunicorn (--direct), say what nginx would: the reader used HTTPS.
            headers = {"Host": HOST} if context else {"Host": HOST, "X-Forwarded-Proto": "https"}
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            conn.close()
        except OSError as error:
            status = f"{type(error).__name__}"
        results.append((status, time.perf_counter() - start))
    return results


class SlowClients:
    """SLOW_CLIENTS connections dripping request headers, each reopened when closed."""

    def __init__(self, port, cert):
        self.port, self.cert = port, cert
        self.opened = 0
        self.dropped = 0  # closed by the server before the client finished its headers
        self.loop = asyncio.new_event_loop()
        self.stopping = False
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def one(self):
        context = tls_context(self.cert)
        request = f"GET / HTTP/1.1\r\nHost: {HOST}\r\nUser-Agent: slow\r\n" + "X-Drip: " + "a" * 400
        while not self.stopping:
            writer = None
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", self.port, ssl=context, server_hostname=HOST if context else None
                )
                self.opened += 1
                for byte in request:
                    if self.stopping:
                        break
                    writer.write(byte.encode())
                    await writer.drain()
                    await asyncio.sleep(DRIP_INTERVAL)
            except (OSError, ssl.SSLError, asyncio.IncompleteReadError):
                self.dropped += 1
                await asyncio.sleep(0.2)
            finally:
                if writer is not None:
                    writer.close()

    def start(self):
        self.thread.start()
        self.futures = [
            asyncio.run_coroutine_threadsafe(self.one(), self.loop) for _ in range(SLOW_CLIENTS)
        ]
        self.started = time.monotonic()
        time.sleep(3)  # all connected and dripping

    def stop(self):
        self.stopping = True
        for future in self.futures:
            with contextlib.suppress(Exception):  # a client still mid-write is fine to drop
                future.result(timeout=DRIP_INTERVAL * 4)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


def summary(label, results):
    times = sorted(seconds for _, seconds in results)
    ok = sum(1 for status, _ in results if status == 200)
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"{label}: {ok}/{len(results)} answered 200; "
        f"p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )
    bad = sorted({str(status) for status, _ in results if status != 200})
    if bad:
        print(f"  not 200: {', '.join(bad)}")
    return ok == len(results) and p99 < LIMIT


def prepare_site(workdir, env):
    run = [str(PYTHON), "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo_content"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(run + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="normal requests per run")
    parser.add_argument(
        "--direct", action="store_true", help="slow clients against gunicorn itself (no nginx)"
    )
    args = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is missing: apt-get install nginx")

    workdir = Path(tempfile.mkdtemp(prefix="nightlight-slow-"))
    for sub in ("logs", "scratch", "static", "home"):
        (workdir / sub).mkdir()
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir / "home"),
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "TRUST_X_FORWARDED_PROTO": "True",
        "TRUSTED_PROXY_COUNT": "1",
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "WEB_CONCURRENCY": "2",
    }
    processes = []
    passed = False
    try:
        prepare_site(workdir, env)
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                f"/CN={HOST}",
                "-addext",
                f"subjectAltName=DNS:{HOST}",
                "-keyout",
                str(workdir / "key.pem"),
                "-out",
                str(workdir / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )
        gunicorn_log = (workdir / "logs" / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen(
            [str(PYTHON.with_name("gunicorn")), "hub.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=gunicorn_log,
            stderr=subprocess.STDOUT,
        )
        processes.append(gunicorn)
        wait_for_port(app_port, gunicorn)

        if args.direct:
            target, cert = app_port, None
            print(
                f"slow clients straight at gunicorn (2 sync workers, no nginx), {args.requests} requests"
            )
        else:
            site = render_config(
                CONFIG.read_text(),
                http_port=http_port,
                https_port=https_port,
                app_port=app_port,
                cert=workdir / "cert.pem",
                key=workdir / "key.pem",
                static_root=workdir / "static",
                logs=workdir / "logs",
            )
            (workdir / "nginx.conf").write_text(main_config(site, workdir))
            subprocess.run(
                [nginx, "-t", "-q", "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
                check=True,
            )
            server = subprocess.Popen(
                [nginx, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"]
            )
            processes.append(server)
            wait_for_port(https_port, server)
            target, cert = https_port, workdir / "cert.pem"
            print(
                f"nginx (deploy/nginx/nightlight.conf) in front of gunicorn (2 sync workers), {args.requests} requests per run"
            )

        timed_requests(target, 10, cert)  # warm up both workers
        quiet_ok = summary("without slow clients", timed_requests(target, args.requests, cert))
        slow = SlowClients(target, cert)
        slow.start()
        loaded_ok = summary(
            f"with {SLOW_CLIENTS} slow header-drip clients",
            timed_requests(target, args.requests, cert),
        )
        if not args.direct:
            # nginx closes a client whose headers are not complete after HEADER_TIMEOUT; on a
            # fast machine the timed requests finish sooner, so keep dripping until then.
            time.sleep(max(0.0, HEADER_TIMEOUT + 5 - (time.monotonic() - slow.started)))
        slow.stop()
        print(
            f"  slow connections opened: {slow.opened}, closed by the server before their "
            f"headers were complete: {slow.dropped}"
        )

        time.sleep(0.5)
        leaks = []
        for log in sorted((workdir / "logs").glob("*.log")):
            if "127.0.0.1" in log.read_text().replace(f"127.0.0.1:{app_port}", ""):
                leaks.append(log.name)
        if leaks:
            print(f"client addresses found in: {', '.join(leaks)}")
        else:
            print("logs: no client address in nginx's or gunicorn's logs")
        timeouts_ok = args.direct or slow.dropped >= SLOW_CLIENTS
        if not timeouts_ok:
            print(f"nginx did not close the slow clients after {HEADER_TIMEOUT} s")
        passed = quiet_ok and loaded_ok and timeouts_ok and not leaks
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        "PASS"
        if passed
        else f"FAIL: every normal request must get 200 with p99 under {LIMIT:.0f} s"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
