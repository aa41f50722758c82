"""Search latency on a large PostgreSQL or SQLite database (a script, not a test).

Fills the scratch database named by DATABASE_URL with 10,000 generated articles plus
alternatives and services in proportion, rebuilds the search index in bulk, then
runs 200+ varied queries (plain, multi-word, misspelt, rare, synonyms, filtered)
through the /search/ view and reports p50/p95 latency and SQL queries per page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nightlight_bench \\
        .venv/bin/python scripts/ensure_postgres_db.py $DATABASE_URL
    DATABASE_URL=... .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python scripts/benchmark_search.py [--articles 10000]

On SQLite (FTS5), the same with a scratch file:

    DATABASE_URL=sqlite:////tmp/nightlight_bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/nightlight_bench.sqlite3 .venv/bin/python scripts/benchmark_search.py

It deletes and recreates generated rows (slugs starting "bench-"): never point it at
a database whose content you want to keep.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
# Production settings: DEBUG off, as readers are served.
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("STATIC_MANIFEST", "False")  # no collectstatic needed
warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: same reason

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.search.documents import rebuild_index  # noqa: E402
from apps.search.models import Synonym  # noqa: E402

WORDS = [
    "kratom",
    "sleep",
    "insomnia",
    "withdrawal",
    "pain",
    "opioid",
    "tolerance",
    "dose",
    "caffeine",
    "melatonin",
    "routine",
    "anxiety",
    "craving",
    "tapering",
    "liver",
    "nausea",
    "sweating",
    "restless",
    "legs",
    "clinician",
    "helpline",
    "support",
    "treatment",
    "buprenorphine",
    "methadone",
    "naloxone",
    "mixing",
    "alcohol",
    "benzodiazepine",
    "breathing",
    "overdose",
    "harm",
    "reduction",
    "evidence",
    "review",
    "guideline",
    "relaxation",
    "therapy",
    "exercise",
    "light",
    "bedroom",
    "screen",
    "evening",
    "morning",
    "coffee",
    "tea",
    "powder",
    "capsule",
    "extract",
    "seizure",
    "heart",
    "blood",
    "pressure",
    "dependence",
    "recovery",
    "family",
    "friend",
    "doctor",
    "pharmacy",
    "prescription",
    "counselling",
]
# Everyday English around the topic words, drawn with Zipf weights so a few words are
# on every page and most are on few, as in real text (stop words included: ts_headline
# and ts_rank must read past them).
COMMON_TEXT = (
    "the of and to a in is it you that he was for on are with as his they be at one have "
    "this from or had by not word but what some we can out other were all there when up use "
    "your how said an each she which do their time if will way about many then them write "
    "would like so these her long make thing see him two has look more day could go come did "
    "number sound no most people my over know water than call first who may down side been "
    "now find any new work part take get place made live where after back little only round "
    "man year came show every good me give our under name very through just form sentence "
    "great think say help low line differ turn cause much mean before move right boy old too "
    "same tell does set three want air well also play small end put home read hand port large "
    "spell add even land here must big high such follow act why ask men change went kind off "
    "need house picture try us again animal point mother world near build self earth father "
    "head stand own page should country found answer school grow study still learn plant "
    "cover food sun four between state keep eye never last let thought city tree cross farm "
    "hard start might story saw far sea draw left late run while press close night real life "
    "few north open seem together next white children begin got walk example ease paper group "
    "always music those both mark often letter until mile river car feet care second book "
    "carry took science eat room began idea fish mountain stop once base hear horse cut sure "
    "watch colour face wood main enough plain girl usual young ready above ever red list "
    "though feel talk bird soon body dog family direct pose leave song measure door product "
    "black short numeral class wind question happen complete ship area half rock order fire "
    "south problem piece told knew pass since top whole king space heard best hour better true"
)
COMMON = COMMON_TEXT.split()
ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(COMMON) + 1)))
TOPIC_SHARE = 0.25
RARE = ["mitragynine", "hepatotoxicity", "salmonella", "actigraphy", "polysomnography"]
PROPORTION = {"articles.article": 1.0, "alternatives.alternative": 0.1, "referrals.service": 0.3}


def word(rng):
    if rng.random() < TOPIC_SHARE:
        return rng.choice(WORDS)
    return rng.choices(COMMON, cum_weights=ZIPF)[0]


def sentence(rng, n, topic_only=False):
    chosen = (rng.choice(WORDS) if topic_only else word(rng) for _ in range(n))
    return " ".join(chosen).capitalize() + "."


def paragraph(rng, sentences=8):
    text = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(sentences))
    if rng.random() < 0.02:
        text += f" A note on {rng.choice(RARE)}."
    return text


def required_relations(model, prefix):
    """Create one object for each required foreign key of ``model`` (e.g. a service's organisation)."""
    values = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and not field.null and not field.has_default():
            related = field.related_model
            kwargs = fill_required(related, f"{prefix}-{field.name}", random.Random(0))
            values[field.name] = related.objects.create(**kwargs)
    return values


def fill_required(model, slug, rng):
    """Values for every required plain field; content fields get generated text."""
    values = {}
    for field in model._meta.concrete_fields:
        if (
            field.primary_key
            or field.has_default()
            or field.null
            or isinstance(field, models.ForeignKey)
        ):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.choices:
            values[field.name] = field.choices[0][0]
        elif isinstance(field, models.SlugField):
            values[field.name] = slug
        elif isinstance(field, models.URLField):
            values[field.name] = f"https://example.org/{slug}"
        elif isinstance(field, models.EmailField):
            values[field.name] = f"{slug}@example.org"
        elif isinstance(field, models.CharField):
            values[field.name] = sentence(rng, 4)[: field.max_length]
        elif isinstance(field, models.TextField):
            values[field.name] = paragraph(rng)
        elif isinstance(field, models.BooleanField):
            values[field.name] = False
        elif isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
            values[field.name] = 0
    return values


# The fields to fill with generated words: the title, then the body fields.
TEXT_FIELDS = {
    "articles.article": ("title", ("standfirst", "body")),
    "alternatives.alternative": ("name", ("summary", "steps")),
    "referrals.service": ("name", ("description",)),
}


def generate(label, count, rng):
    model = apps.get_model(label)
    model.objects.filter(slug__startswith="bench-").delete()
    title_field, body_fields = TEXT_FIELDS[label]
    relations = required_relations(model, f"bench-{model._meta.model_name}")
    now = timezone.now()
    objects = []
    for n in range(count):
        slug = f"bench-{model._meta.model_name}-{n}"
        values = fill_required(model, slug, rng)
        values.update(relations)
        values[title_field] = sentence(rng, rng.randint(3, 7), topic_only=True)[:-1][:120]
        for name in body_fields:
            # About 35 words of standfirst or summary and 500 of body, as the real articles.
            values[name] = paragraph(rng, 2 if name in ("standfirst", "summary") else 36)
        values.update(
            slug=slug,
            status="published",
            published_at=now - timezone.timedelta(days=rng.randint(1, 2000)),
        )
        objects.append(model(**values))
    model.objects.bulk_create(objects, batch_size=1000)
    return count


def queries(rng, n):
    misspelt = ["kratum", "insomina", "withdrawl", "melatonine", "tolerence", "overdoze"]
    phrases = [
        "kratom withdrawal",
        "sleep without kratom",
        "mixing kratom and alcohol",
        "how to taper kratom safely",
        "kratom liver damage",
        '"harm reduction"',
        "insomnia -melatonin",
        "ketum",
        "biak",
        "the",
    ]
    result = []
    for i in range(n):
        roll = i % 5
        if roll == 0:
            result.append({"q": rng.choice(WORDS)})
        elif roll == 1:
            result.append({"q": " ".join(rng.sample(WORDS, rng.randint(2, 4)))})
        elif roll == 2:
            result.append({"q": rng.choice(misspelt)})
        elif roll == 3:
            result.append({"q": rng.choice(RARE + phrases)})
        else:
            result.append(
                {"q": rng.choice(WORDS), "type": rng.choice(["article", "service"]), "page": "2"}
            )
    return result


def client_fetcher():
    client = Client(HTTP_HOST="localhost")
    return lambda params: client.get("/search/", params, secure=True).status_code


def http_fetcher(base_url):
    def fetch(params):
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked in main()
            f"{base_url.rstrip('/')}/search/?{urllib.parse.urlencode(params)}",
            headers={"X-Forwarded-Proto": "https"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            response.read()
            return response.status

    return fetch


def database_backend_pid():
    """The PostgreSQL server process serving this connection, when it runs on this machine."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return pid if Path(f"/proc/{pid}/schedstat").exists() else None


def cpu_time(server_pid=None):
    """Seconds of CPU used by this process, plus the database server process if given.

    Latency on a busy machine measures the other processes too; CPU time is what a
    search costs whatever else runs (SQLite runs in this process, so it is included).
    """
    seconds = time.process_time()
    if server_pid:
        # The first field of schedstat is the time spent on a CPU, in nanoseconds.
        seconds += int(Path(f"/proc/{server_pid}/schedstat").read_text().split()[0]) / 1e9
    return seconds


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument("--skip-fill", action="store_true", help="reuse the rows already there")
    parser.add_argument(
        "--url",
        help="time a running server over HTTP instead (e.g. gunicorn at http://127.0.0.1:8000, "
        "started with TRUST_X_FORWARDED_PROTO=True and the same DATABASE_URL)",
    )
    args = parser.parse_args()
    if args.url and not args.url.startswith(("http://", "https://")):
        sys.exit("--url must start with http:// or https://")
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Refusing to run: set DATABASE_URL to a scratch PostgreSQL or SQLite database.")

    rng = random.Random(7)
    if not args.skip_fill:
        started = time.perf_counter()
        for label, share in PROPORTION.items():
            print(f"generated {generate(label, int(args.articles * share), rng)} {label}")
        for term in ("ketum", "kakuam", "thom", "biak"):
            Synonym.objects.update_or_create(term=term, defaults={"canonical": "kratom"})
        counts = rebuild_index()
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load: fresh statistics everywhere.
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        print(f"indexed {counts} in {time.perf_counter() - started:.1f} s")

    # Its own generator, so the same queries run with and without --skip-fill.
    plan = queries(random.Random(11), args.queries)
    fetch = http_fetcher(args.url) if args.url else client_fetcher()
    for params in plan[:20]:  # warm connections, caches and PostgreSQL's buffers
        fetch(params)
    timings, cpu_times, query_counts, statuses = [], [], {}, set()
    server = database_backend_pid() if not args.url else None
    for params in plan:
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), cpu_time(server)
            status = fetch(params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_times.append((cpu_time(server) - cpu_started) * 1000)
        statuses.add(status)
        if not args.url:  # the server's queries are not visible from here
            query_counts[len(captured)] = query_counts.get(len(captured), 0) + 1
    slowest = sorted(zip(timings, plan, strict=True), key=lambda pair: pair[0])[-3:]
    print(f"{len(timings)} searches, statuses {sorted(statuses)}")
    print(
        f"p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )
    if not args.url:
        whose = "this process and its PostgreSQL backend" if server else "this process"
        print(
            f"CPU per search ({whose}): p50 {statistics.median(cpu_times):.1f} ms, "
            f"p95 {percentile(cpu_times, 0.95):.1f} ms"
        )
    if query_counts:
        print(
            "SQL queries per search page: "
            + ", ".join(f"{k} queries x {v}" for k, v in sorted(query_counts.items()))
        )
    print("slowest: " + "; ".join(f"{params} {ms:.0f} ms" for ms, params in slowest))


if __name__ == "__main__":
    main()
