"""Nightlight settings: one module, configured by the environment.

With no environment at all the site runs for local use (SQLite, DEBUG on, a
development key). With DEBUG=False it refuses to start until SECRET_KEY and
ALLOWED_HOSTS are set. Every variable is listed in the README's configuration table.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="django-insecure-local-development-only-never-use-in-production"
    )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    for _name in ("SECRET_KEY", "ALLOWED_HOSTS"):
        if not env.str(_name, default="").strip():
            raise ImproperlyConfigured(f"{_name} must be set when DEBUG=False.")
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # django.contrib.admin, with the throttled, two-factor sign-in as its default site.
    "apps.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "apps.site",
    "apps.accounts.apps.AccountsConfig",
    "apps.editorial",
    "apps.articles",
    "apps.alternatives",
    "apps.referrals",
    "apps.feedback",
    "apps.search",
    "apps.seo",
    "apps.pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything below, so a cached page is the finished response (compressed,
    # every header set) and a hit costs one query (the generation) and nothing else.
    "apps.pagecache.middleware.PageCacheMiddleware",
    # Compresses what everything below produces (so it comes first). Safe for pages
    # with CSRF tokens: since Django 4.2 it adds up to 100 random bytes to each gzip
    # header against BREACH ("Heal The Breach": GZipMiddleware.max_random_bytes and
    # django/utils/text.py compress_string in Django 6.1). Readers' pages carry no
    # token anyway; the admin's do.
    "django.middleware.gzip.GZipMiddleware",
    # ETag and 304s, on the uncompressed page (inside GZip, which weakens the ETag).
    "django.middleware.http.ConditionalGetMiddleware",
    "apps.pagecache.middleware.CacheHeadersMiddleware",
    "apps.site.middleware.SecurityHeadersMiddleware",
    "apps.site.middleware.VaryOnReaderCountryMiddleware",
    "apps.site.middleware.DatabaseOutageMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "apps.site.context_processors.site_shell",
            ],
        },
    },
]

# Database: SQLite in the project directory by default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections: without them a one-query view drops from ~2,600 to ~200 req/s.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# An optional read replica (a streaming-replication standby of the primary): anonymous
# readers' GET/HEAD requests read from it; writes, staff, the admin, POSTs and whatever
# must not be read late stay on the primary (hub/db_router.py). Unset: no replica.
if _replica_url := env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url_config(_replica_url)
    for _key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if _key in DATABASES["default"]:
            DATABASES["replica"][_key] = DATABASES["default"][_key]
    if "postgresql" in DATABASES["replica"]["ENGINE"]:
        # A replica host that drops packets must not hold a reader for libpq's default
        # (no timeout): after this many seconds its pages are read from the primary.
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASE_ROUTERS = ["hub.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(0, "hub.db_router.ReadReplicaMiddleware")
# Seconds a process reads the primary after the replica could not be reached.
REPLICA_RETRY_AFTER = env.int("DATABASE_REPLICA_RETRY_AFTER", default=30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache_url_config(env.str("CACHE_URL", default="") or "locmemcache://nightlight")
}
# Seconds browsers, crawlers and API clients are asked to wait (Retry-After) when the
# database cannot be reached and pages answer 503 (apps/site/outage.py).
OUTAGE_RETRY_AFTER = 30
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis that fails soft (apps/site/cache.py): a cache that is down or hung costs a
    # page one short timeout at most, then the site runs without it until it is back.
    CACHES["default"]["BACKEND"] = "apps.site.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        timeout=env.float("CACHE_SOCKET_TIMEOUT", default=0.25),
        retry_after=env.float("CACHE_RETRY_AFTER", default=5.0),
    )
# Whole pages for anonymous readers, keyed by the public site's generation so a change
# shows on the next request on every worker (apps/pagecache; README "Caching").
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
# Cache-Control on anonymous public responses: a CDN or proxy may keep a page this long,
# serve it stale while it revalidates, and serve it stale while the app is down.
HTTP_S_MAXAGE = env.int("HTTP_S_MAXAGE", default=60)
HTTP_STALE_WHILE_REVALIDATE = env.int("HTTP_STALE_WHILE_REVALIDATE", default=60)
HTTP_STALE_IF_ERROR = env.int("HTTP_STALE_IF_ERROR", default=86400)
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")

# Staff sign-in (readers never sign in). See the README's "Staff account security".
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# A working day: a session left open on a shared computer ends by the evening.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=9 * 60 * 60)
# Every staff account needs an authenticator app (TOTP) besides the password. Off by
# default only for local development and the tests; an account that set one up is always
# asked for it.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Nightlight")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security headers. Public pages must be private by construction: no third-party
# requests, no referrer leaks, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()"
)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    # Only behind a reverse proxy that sets (and strips client-sent) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# How many reverse proxies append to X-Forwarded-For in front of the app (0: none, so the
# header is ignored). Used only to rate-limit anonymous feedback per reader.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Public contact shown in the footer and security.txt.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="editors@nightlight.example")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Bad Host headers and other refused requests: one line, no traceback, nothing the
    # client sent (apps/site/log_filters.py).
    "filters": {"refused_request": {"()": "apps.site.log_filters.RefusedRequestSummary"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["refused_request"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
