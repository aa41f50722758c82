"""Page benchmark: the production server at demo size, 10,000 and 100,000 articles.

A script, not a test (`make bench`, or run it directly). It

1. recreates a scratch PostgreSQL database (its name must contain "bench"), migrates
   it and loads the demo content;
2. starts gunicorn with production settings (DEBUG=False, collected static files, the
   cache on ``--cache-url``) serving the site plus a bare Django view
   (scripts/bench_app.py);
3. for each size (demo content, then fills of 10,000 and 100,000 articles with short
   bodies, alternatives and services in proportion, inserted in bulk), measures:
   - the bare view and every main public page **warm** (repeat requests, as a cache
     or CDN in front sees them) with wrk (2 threads, 16 connections) — or, without
     wrk, a pure-Python load generator;
   - the same pages **uncached**: one connection, and before every request the item
     the page shows is saved again, so the request is the first one after a change
     (whatever the page cache does, it must not answer from before the change); and
     the article once more after another article's save ("article, another saved"):
     the common case. That save changes nothing other pages show, so the article's
     stored parts stay valid (a title change would make every item's out of date);
   - worker CPU per request (from /proc/<pid>/stat of the gunicorn workers), SQL
     queries per page (in this process, warm and after a change);
   - the admin changelists and the dashboard (p50 of repeated requests as a superuser).

Share of bare Django compares like with like: warm pages with the bare view under wrk
(measured before and after each size's pages, once the machine is idle; shares of the
mean), uncached pages with the bare view on one connection, in pairs (after each change
the page, then the bare view: both timed in the same moments).

    make bench                                   # demo, 10k and 100k; about 15 minutes
    make bench BENCH_ARGS="--quick"              # demo and 10k, short runs
    .venv/bin/python scripts/benchmark_pages.py --help

It DROPS and recreates the database named by ``--database-url``.
"""

import argparse
import contextlib
import gzip
import http.client
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument(
    "--database-url",
    default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nightlight_pagebench"
    ),
    help="scratch PostgreSQL database; dropped and recreated (its name must contain 'bench')",
)
parser.add_argument(
    "--cache-url",
    default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"),
    help="the cache the server and this script share (a Redis database of your own)",
)
parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8100")))
parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
parser.add_argument("--sizes", default="demo,10000,100000", help="comma-separated article fills")
parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
parser.add_argument("--connections", type=int, default=16)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--uncached", type=int, default=40, help="uncached requests per page")
parser.add_argument("--admin", type=int, default=15, help="requests per admin page")
parser.add_argument("--quick", action="store_true", help="demo and 10k, 3 s runs, fewer requests")
parser.add_argument("--no-wrk", action="store_true", help="use the pure-Python load generator")
ARGS = parser.parse_args()
if ARGS.quick:
    ARGS.sizes, ARGS.duration, ARGS.uncached, ARGS.admin = "demo,10000", 3, 15, 7
DB_NAME = urllib.parse.urlsplit(ARGS.database_url).path.lstrip("/")
if "bench" not in DB_NAME:
    sys.exit(f"Refusing to drop {DB_NAME!r}: the benchmark database's name must contain 'bench'.")

STATIC_ROOT = tempfile.mkdtemp(prefix="nightlight-bench-static-")
# Production settings, for the server and for this process alike.
SERVER_ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "hub.settings",
    "DEBUG": "False",
    "SECRET_KEY": "benchmark-only-not-a-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": ARGS.database_url,
    "CACHE_URL": ARGS.cache_url,
    "STATIC_ROOT": STATIC_ROOT,
    "STATIC_MANIFEST": "True",
    "TRUST_X_FORWARDED_PROTO": "True",
    "LOG_LEVEL": "WARNING",
    # The admin pages are measured signed in; the second sign-in factor is not measured.
    "STAFF_REQUIRE_2FA": "False",
}
os.environ.update(SERVER_ENV)
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


def recreate_database():
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(ARGS.database_url)
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        name = sql.Identifier(DB_NAME)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def manage(*command):
    # Fixed commands of this project, no outside input.
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], check=True, cwd=ROOT)  # noqa: S603


print(f"== preparing {DB_NAME}: migrate, demo content, collectstatic", flush=True)
recreate_database()
manage("migrate", "--noinput", "-v0")
manage("load_demo_content")
manage("collectstatic", "--noinput", "-v0")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.editorial.registry import publishable_models  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Items added by the fills for every 1 article (the demo has about this mix).
PROPORTION = {"articles.article": 1.0, "alternatives.alternative": 0.01, "referrals.service": 0.03}
SHORT_BODY = 400  # characters kept from the template item's long text fields


# --- the server ----------------------------------------------------------------------
class Server:
    def __init__(self):
        self.log = open(Path(STATIC_ROOT) / "gunicorn.log", "w")  # noqa: SIM115
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and arguments
            [
                str(gunicorn),
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{ARGS.port}",
                "--workers",
                str(ARGS.workers),
                "--pythonpath",
                str(ROOT / "scripts"),
                "bench_app:application",
            ],
            cwd=ROOT,
            env=SERVER_ENV,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if get("/__bench__/bare/")[0] == 200 and len(self.workers()) == ARGS.workers:
                    return
            time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not start; see {self.log.name}")

    def workers(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def cpu_seconds(self):
        """User + system CPU of the workers so far."""
        total = 0
        for pid in self.workers():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS

    def settle(self):
        """Wait until the workers are idle: a load generator leaves queued requests behind."""
        deadline, last = time.monotonic() + 20, self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = self.cpu_seconds()
            if now == last:
                return
            last = now

    def requests_served(self):
        """Lines in the access log so far: the requests the workers really answered."""
        self.log.flush()
        with open(self.log.name, "rb") as log:
            return sum(1 for line in log if b'"GET ' in line)

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)  # gunicorn lets a busy worker finish
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def get(path, connection_=None):
    conn = connection_ or http.client.HTTPConnection("127.0.0.1", ARGS.port, timeout=60)
    conn.request("GET", path, headers=HEADERS)
    response = conn.getresponse()
    body = response.read()
    if connection_ is None:
        conn.close()
    return response.status, body


# --- load generators -------------------------------------------------------------------
def wrk(path):
    """(requests/s, p50 ms, p99 ms, requests, errors) from wrk."""
    headers = [arg for name, value in HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [
            WRK,
            f"-t{ARGS.threads}",
            f"-c{ARGS.connections}",
            f"-d{ARGS.duration}s",
            "--latency",
            "--timeout",
            "30s",  # wrk's 2 s default drops slow pages from the latencies
            *headers,
            f"http://127.0.0.1:{ARGS.port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\b", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    if timeouts and int(timeouts.group(1)):
        print(f"   ! {path}: {timeouts.group(1)} requests timed out", flush=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, latency(50), latency(99), requests, int(errors.group(1)) if errors else 0


def python_load(path):
    """The same figures from threads with keep-alive connections (when wrk is missing)."""
    deadline = time.monotonic() + ARGS.duration
    timings, errors, lock = [], [0], threading.Lock()

    def run():
        conn = http.client.HTTPConnection("127.0.0.1", ARGS.port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            status, _ = get(path, conn)
            mine.append((time.perf_counter() - started) * 1000)
            bad += status >= 400
        with lock:
            timings.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=run) for _ in range(ARGS.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return (
        len(timings) / elapsed,
        percentile(timings, 0.5),
        percentile(timings, 0.99),
        len(timings),
        errors[0],
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


WRK = shutil.which("wrk")
USE_WRK = not ARGS.no_wrk and WRK is not None
load = wrk if USE_WRK else python_load


# --- content -------------------------------------------------------------------------------
def touch(obj):
    """Save ``obj`` again, as an editor would: every cache of what it shows must notice."""
    if obj is not None:
        fresh = type(obj)._base_manager.get(pk=obj.pk)
        fresh.save()


def fill(target_articles, rng):
    """Add generated items (cloned from demo ones) until there are ``target_articles``."""
    started = time.perf_counter()
    for label, share in PROPORTION.items():
        model = apps.get_model(label)
        wanted = int(target_articles * share)
        have = model._base_manager.filter(slug__startswith="bench-").count()
        demo = list(
            model._base_manager.exclude(slug__startswith="bench-").filter(status="published")
        )
        if not demo or wanted <= have:
            continue
        topics = list(apps.get_model("editorial.Topic").objects.all())
        now = timezone.now()
        objects = []
        for n in range(have, wanted):
            template = demo[n % len(demo)]
            values = {
                field.attname: getattr(template, field.attname)
                for field in model._meta.concrete_fields
                if not field.primary_key
            }
            for field in model._meta.concrete_fields:
                if isinstance(field, models.TextField) and values[field.attname]:
                    values[field.attname] = values[field.attname][:SHORT_BODY]
            name_field = "title" if "title" in values else "name"
            values[name_field] = f"{values[name_field][:150]} ({n})"
            reviewed = now.date() - timezone.timedelta(days=rng.randint(0, 700))
            roll = rng.random()
            values.update(
                slug=f"bench-{model._meta.model_name}-{n}",
                # A realistic mix for the admin filters and the dashboard.
                status="draft" if roll < 0.02 else "in_review" if roll < 0.03 else "published",
                needs_review=0.03 <= roll < 0.04,
                published_at=now - timezone.timedelta(minutes=rng.randint(60, 5 * 365 * 1440)),
            )
            # Each type names its own check date (articles: last reviewed; services: last
            # verified); the next-due date exists only where the model has one.
            if model.check_date_field:
                values[model.check_date_field] = reviewed
            if "next_review_due" in values:
                values["next_review_due"] = reviewed + timezone.timedelta(days=365)
            if "hsds_id" in values:
                values["hsds_id"] = uuid.uuid4()
            if "featured_in_help_strip" in values:
                values["featured_in_help_strip"] = False  # the strip shows a few chosen ones
            objects.append(model(**values))
        created = model._base_manager.bulk_create(objects, batch_size=2000)
        if topics and hasattr(model, "topics"):
            through = model.topics.through
            source = f"{model._meta.model_name}_id"
            links = [
                through(**{source: obj.pk, "topic_id": rng.choice(topics).pk}) for obj in created
            ]
            through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
        print(f"   {model._meta.label}: {wanted} generated", flush=True)
    manage("rebuild_search_index")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    print(f"   filled in {time.perf_counter() - started:.0f} s", flush=True)


def demo_item(label, preferred):
    model = apps.get_model(label)
    public = model.objects.public().exclude(slug__startswith="bench-")
    return public.filter(slug=preferred).first() or public.order_by("pk").first()


def pages():
    """(name, path, item saved before each uncached request)."""
    article = demo_item("articles.article", "does-kratom-cause-insomnia")
    alternative = demo_item("alternatives.alternative", "cbt-i")
    service = demo_item("referrals.service", "988-lifeline")
    # Another article: its save bumps the generation, so every page is rendered again;
    # it changes nothing other items' pages show (apps/editorial/pages.py), so the
    # measured article's stored parts are still valid. The row above it saves the
    # article itself, whose parts are rendered again when that save commits.
    other = (
        apps.get_model("articles.article")
        .objects.public()
        .exclude(pk=article.pk)
        .exclude(slug__startswith="bench-")
        .order_by("pk")
        .first()
    )

    sitemap = sitemap_section_path()
    return [
        ("/", "/", article),
        ("article", article.get_absolute_url(), article),
        ("article, another saved", article.get_absolute_url(), other),
        ("alternative", alternative.get_absolute_url(), alternative),
        ("/help/", "/help/", service),
        ("help service", service.get_absolute_url(), service),
        ("/search/?q=kratom", "/search/?q=kratom", article),
        ("/api/hsds/services", "/api/hsds/services", service),
        ("sitemap index", "/sitemap.xml", article),
        ("sitemap section", sitemap, article),
        ("feed", "/feeds/articles/", article),
        ("article list, deepest page", "/articles/?page=100000", article),
    ]


def sitemap_section_path():
    """The articles section of the sitemap index, or the one sitemap when there is no index."""
    status, body = get("/sitemap.xml")
    # Sent compressed (HEADERS accept gzip): read as it was, no section matched, and the
    # rows called "sitemap section" measured the index until 26 November 2026.
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    sections = re.findall(rb"<sitemap>\s*<loc>([^<]+)</loc>", body)
    for loc in sections:
        if b"article" in loc:
            parts = urllib.parse.urlsplit(loc.decode())
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/sitemap.xml"


def queries(client, path, item):
    """SQL queries of a warm request and of the first request after a change."""
    client.get(path, secure=True)
    with CaptureQueriesContext(connection) as warm:
        client.get(path, secure=True)
    touch(item)
    with CaptureQueriesContext(connection) as cold:
        client.get(path, secure=True)
    return len(warm), len(cold)


def wait_for_idle(limit=90):
    """Wait (``limit`` seconds at most) until the machine has been idle for a second: a
    fill or the preparation leaves PostgreSQL writing for a while, which would slow the
    first measurements of a size, the bare view's among them."""
    deadline = time.monotonic() + limit

    def cpu_times():
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return fields[3], sum(fields)  # idle (not iowait: PostgreSQL still writing), total

    while time.monotonic() < deadline:
        idle, total = cpu_times()
        time.sleep(1)
        idle_after, total_after = cpu_times()
        if (idle_after - idle) >= 0.9 * max(total_after - total, 1):
            return
    print(f"   ! the machine was still busy after {limit} s", flush=True)


def measure_uncached(server, path, item):
    conn = http.client.HTTPConnection("127.0.0.1", ARGS.port, timeout=60)
    timings = []
    server.settle()
    cpu = server.cpu_seconds()  # the saves happen in this process, not in the workers
    for _ in range(ARGS.uncached):
        touch(item)
        started = time.perf_counter()
        status, _ = get(path, conn)
        timings.append((time.perf_counter() - started) * 1000)
        if status != 200:
            print(f"   ! {path} answered {status} after a change", flush=True)
    server.settle()
    cpu = server.cpu_seconds() - cpu
    # The share of the bare view, from pairs: after each change, the page and then the
    # bare view, so both are timed in the same moments. (On a machine whose speed drifts
    # by a third within a minute, a bare figure from another minute moved the share more
    # than any change to the page did.)
    page_ms = bare_ms = 0.0
    for _ in range(ARGS.uncached):
        touch(item)
        started = time.perf_counter()
        get(path, conn)
        page_ms += time.perf_counter() - started
        started = time.perf_counter()
        get("/__bench__/bare/", conn)
        bare_ms += time.perf_counter() - started
    conn.close()
    return {
        "rps": len(timings) / (sum(timings) / 1000),
        "p50": percentile(timings, 0.5),
        "p99": percentile(timings, 0.99),
        "cpu": cpu / len(timings) * 1000,
        "share": bare_ms / page_ms,
    }


def measure_warm(server, path):
    status, _ = get(path)
    if status != 200:
        print(f"   ! {path} answered {status}", flush=True)
    server.settle()
    cpu, served = server.cpu_seconds(), server.requests_served()
    rate, p50, p99, _, errors = load(path)
    server.settle()
    cpu, served = server.cpu_seconds() - cpu, server.requests_served() - served
    if errors:
        print(f"   ! {path}: {errors} responses were not 2xx/3xx", flush=True)
    return {"rps": rate, "p50": p50, "p99": p99, "cpu": cpu / max(served, 1) * 1000}


def measure_admin():
    user = get_user_model().objects.filter(username="bench-admin").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-admin", password=None)
    client = Client()
    client.force_login(user)
    results = []
    for name, path in [
        ("dashboard", "/admin/"),
        *(
            (f"{model._meta.verbose_name_plural}", changelist(model))
            for model in publishable_models()
        ),
        (
            "articles, published filter",
            changelist(apps.get_model("articles.Article")) + "?status__exact=published",
        ),
        (
            "articles, topic filter",
            changelist(apps.get_model("articles.Article"))
            + "?topic="
            + apps.get_model("editorial.Topic")
            .objects.order_by("pk")
            .values_list("slug", flat=True)
            .first(),
        ),
    ]:
        timings, cpu = [], []
        status = client.get(path, secure=True).status_code
        for _ in range(ARGS.admin):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            # On a busy machine the wall time is mostly waiting for a CPU; this
            # process's CPU time (Django's share, without PostgreSQL's) is steadier.
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(path, secure=True)
        results.append(
            (name, status, statistics.median(timings), statistics.median(cpu), len(captured))
        )
    return results


def changelist(model):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


# --- report ----------------------------------------------------------------------------------
def main():
    rng = random.Random(16)
    sizes = ARGS.sizes.split(",")
    server = Server()
    print(
        f"== gunicorn with {ARGS.workers} workers on :{ARGS.port}; load from "
        f"{'wrk' if USE_WRK else 'Python threads'}; cache {ARGS.cache_url}",
        flush=True,
    )
    rows, admin_rows = [], []
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    try:
        for size in sizes:
            if size != "demo":
                print(f"== filling to {int(size):,} articles", flush=True)
                fill(int(size), rng)
            articles = apps.get_model("articles.Article").objects.public().count()
            label = "demo" if size == "demo" else f"{int(size) // 1000}k"
            load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(
                f"== {label}: {articles:,} public articles; load average {load_average} "
                f"on {os.cpu_count()} CPUs",
                flush=True,
            )
            touch(
                demo_item("articles.article", "does-kratom-cause-insomnia")
            )  # bulk inserts send no signals
            wait_for_idle()
            bare_warm = measure_warm(server, "/__bench__/bare/")
            bare_cold = measure_uncached(server, "/__bench__/bare/", None)
            first = len(rows)
            rows.append((label, "bare Django view, before", bare_warm, bare_cold, (0, 0), 1, 1))
            print_row(rows[-1])
            for name, path, item in pages():
                try:
                    warm = measure_warm(server, path)
                    cold = measure_uncached(server, path, item)
                except (OSError, subprocess.CalledProcessError, AttributeError) as error:
                    # A page too slow to answer (the old one-file sitemap at 100,000
                    # articles took over 30 s) is reported, and the run goes on.
                    print(f"   ! {name}: {error!r}", flush=True)
                    server.settle()
                    continue
                rows.append(
                    (
                        label,
                        name,
                        warm,
                        cold,
                        queries(client, path, item),
                        warm["rps"] / bare_warm["rps"],
                        cold["share"],
                    )
                )
                print_row(rows[-1])
            after_warm = measure_warm(server, "/__bench__/bare/")
            after_cold = measure_uncached(server, "/__bench__/bare/", None)
            rows.append((label, "bare Django view, after", after_warm, after_cold, (0, 0), 1, 1))
            # Warm shares of the mean of the two: the machine's speed drifts over a
            # size's minutes of measurement, and a share must not depend on which end it
            # was. (Uncached shares come from pairs, measure_uncached.)
            warm_rate = (bare_warm["rps"] + after_warm["rps"]) / 2
            rows[first:] = [(*row[:5], row[2]["rps"] / warm_rate, row[6]) for row in rows[first:]]
            print_row(rows[-1])
            for name, status, p50, cpu, count in measure_admin():
                admin_rows.append((label, name, status, p50, cpu, count))
                print(
                    f"   admin {name}: {status}, p50 {p50:.0f} ms (CPU {cpu:.0f} ms), "
                    f"{count} queries",
                    flush=True,
                )
    finally:
        server.stop()
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    print_tables(rows, admin_rows)


def print_row(row):
    label, name, warm, cold, (q_warm, q_cold), share_warm, share_cold = row
    print(
        f"   {name:<28} warm {warm['rps']:7.0f}/s p50 {warm['p50']:6.1f} p99 {warm['p99']:6.1f}"
        f" ms cpu {warm['cpu']:5.2f} ms {share_warm:6.1%} | uncached {cold['rps']:6.0f}/s"
        f" p50 {cold['p50']:6.1f} p99 {cold['p99']:6.1f} ms cpu {cold['cpu']:5.2f} ms"
        f" {share_cold:6.1%} | SQL {q_warm}/{q_cold}",
        flush=True,
    )


def print_tables(rows, admin_rows):
    print()
    print(
        "| size | page | warm req/s | warm p50/p99 ms | warm CPU ms/req | warm share of bare "
        "| uncached req/s | uncached p50/p99 ms | uncached CPU ms/req | uncached share of bare "
        "| SQL warm/uncached |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, name, warm, cold, (q_warm, q_cold), share_warm, share_cold in rows:
        print(
            f"| {label} | {name} | {warm['rps']:.0f} | {warm['p50']:.1f} / {warm['p99']:.1f} "
            f"| {warm['cpu']:.2f} | {share_warm:.1%} | {cold['rps']:.0f} "
            f"| {cold['p50']:.1f} / {cold['p99']:.1f} | {cold['cpu']:.2f} | {share_cold:.1%} "
            f"| {q_warm} / {q_cold} |"
        )
    print()
    print("| size | admin page | status | p50 ms | p50 CPU ms (Django) | SQL queries |")
    print("|---|---|---|---|---|---|")
    for label, name, status, p50, cpu, count in admin_rows:
        print(f"| {label} | {name} | {status} | {p50:.0f} | {cpu:.0f} | {count} |")


if __name__ == "__main__":
    main()
