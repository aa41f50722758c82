"""Whole-page cache for anonymous readers, and the HTTP caching headers.

Readers are anonymous and share every page, so a page rendered once serves everyone
who asks for the same path, query string and country (the help strip and /help/ show
the reader's own emergency number). Never stale: the key starts with the public site's
generation (apps/pagecache/generation.py), read with one small query per request, so
every worker and every app server sees a change on its next request, even with the
per-process default cache.
"""

import datetime
import functools
import hashlib
import re
import threading
from collections import OrderedDict
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, split_directive_names

from . import generation as generations

# Response headers a stored page may vary on: the country and the compression (both part
# of the key) and the session cookie (absent from every request this cache answers).
CACHEABLE_VARY = {"accept-language", "accept-encoding", "cookie"}
NEVER_STORED = {"private", "no-store", "no-cache"}
# GZipMiddleware's own test of Accept-Encoding (django/middleware/gzip.py), so the key
# says which of the two encodings that middleware chose for the stored page.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")


@functools.cache
def _admin_prefix(urlconf, script_prefix):
    return reverse("admin:index", urlconf=urlconf)


def admin_prefix():
    """The admin's path, reversed once per URLconf (reverse() costs more than the rest
    of the checks a cached page goes through)."""
    return _admin_prefix(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def is_staff_request(request):
    """Staff and previews: any cookie (readers get none), the admin, or a signed-in user."""
    if request.COOKIES:
        return True
    if request.path.startswith(admin_prefix()):
        return True
    if getattr(request, "editorial_preview", None):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def is_public_read(request):
    return request.method in ("GET", "HEAD") and not is_staff_request(request)


@functools.lru_cache(maxsize=512)
def _country(accept_language):
    # Browsers send a handful of distinct headers; parsing one costs more than the rest
    # of the key. Bounded, so a client sending a new header every time only evicts.
    # Imported here: referrals uses this app (Service.is_open_now), not the other way.
    from apps.referrals.country import country_from_accept_language  # noqa: PLC0415

    return country_from_accept_language(accept_language) or "-"


def page_key(request, generation, now):
    """Generation, code version, date, country, encoding and address: everything a stored
    page depends on.

    Per country, not per raw Accept-Language: pages vary by the country derived from it.
    The date too: a page may say that a review is overdue, which changes at midnight.
    """
    meta = request.META
    country = _country(meta.get("HTTP_ACCEPT_LANGUAGE", ""))
    encoding = "gz" if ACCEPTS_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")) else "id"
    address = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    # The site's zone (nothing activates another): cheaper than the current one, which
    # Django looks up in a context-local on every call.
    today = timezone.localtime(now, timezone.get_default_timezone()).date().isoformat()
    version = generations.code_version()  # a deploy's new templates render anew
    return f"page:{generation.key}:{version}:{today}:{country}:{encoding}:{address}"


def is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie") or getattr(request, "editorial_preview", None):
        return False
    if NEVER_STORED & set(split_directive_names(response.get("Cache-Control", ""))):
        return False
    # A CSP nonce must be new for every response: a page that used one is never shared.
    if any("'nonce-" in response.get(header, "") for header in CSP_HEADERS):
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return vary <= CACHEABLE_VARY and not is_staff_request(request)


class StoredPage(NamedTuple):
    """A response as it leaves the site's middleware: bytes and headers, ready to send.

    Stored after compression, the security and caching headers and the ETag, so a hit
    redoes none of that work; only the 304 check (per request) runs again. Plain bytes,
    strings and numbers, not a pickled HttpResponse: cheap for the shared cache to
    unpickle, and safe to share between threads in the per-process copy.
    """

    content: bytes
    headers: tuple
    etag: str | None
    last_modified: int | None
    valid_until: datetime.datetime

    @classmethod
    def of(cls, response, valid_until):
        last_modified = response.get("Last-Modified")
        return cls(
            content=response.content,
            headers=tuple(response.items()),
            etag=response.get("ETag"),
            last_modified=last_modified and parse_http_date_safe(last_modified),
            valid_until=valid_until,
        )

    def response(self, request):
        response = HttpResponse(self.content, headers=self.headers)
        # As ConditionalGetMiddleware (inside this one) answers a fresh page.
        if request.method == "GET" and (
            "HTTP_IF_NONE_MATCH" in request.META
            or "HTTP_IF_MODIFIED_SINCE" in request.META
            or "HTTP_IF_MATCH" in request.META
            or "HTTP_IF_UNMODIFIED_SINCE" in request.META
        ):
            return get_conditional_response(
                request, etag=self.etag, last_modified=self.last_modified, response=response
            )
        return response


class LocalPages:
    """The most recently used pages in this process, in front of the shared cache.

    As correct as the shared cache: keys carry the generation, which every request
    reads. It saves each hit the shared cache's round trip and client overhead (with
    Redis, more CPU than the rest of a cached response). Bounded by entries; a page is
    tens of kilobytes.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            stored = self.entries.get(key)
            if stored is not None:
                self.entries.move_to_end(key)
            return stored

    def put(self, key, stored):
        with self.lock:
            self.entries[key] = stored
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


local_pages = LocalPages(size=256)


class SentPages(threading.local):
    """Pages waiting to go into the shared cache until their response has been sent.

    Storing a page is a round trip to the shared cache (with Redis, 0.8 ms of an
    uncached article's 9 on the project's machine) that the reader who asked for it
    gained nothing from. The server closes a response once it has written it, and
    Django then sends ``request_finished`` (``store()``, connected in apps.py): the page
    is stored then, on the same thread, before this worker takes another request.
    Per thread, as a WSGI server closes each response on the thread that made it. A
    page that never gets there (a caller that does not close its responses) is only a
    cache miss; after ``limit`` of them each is stored at once.
    """

    limit = 16

    def __init__(self):
        self.pages = []

    def add(self, key, page, seconds):
        if len(self.pages) >= self.limit:
            cache.set(key, page, seconds)
        else:
            self.pages.append((key, page, seconds))

    def store(self, **kwargs):
        pages, self.pages = self.pages, []
        for key, page, seconds in pages:
            cache.set(key, page, seconds)


sent_pages = SentPages()


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests from whole cached 200 responses.

    Listed just after SecurityMiddleware (its HTTPS redirect comes first and its headers
    are added to every response), outside everything else: a hit costs the generation
    query and nothing more, and what is stored is the finished response (compressed,
    with its ETag, Last-Modified, Vary, CSP and other headers). Static files are left
    to WhiteNoise without reading the generation.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        static = urlsplit(settings.STATIC_URL or "")
        # Only files this app serves (WhiteNoise), not a CDN's; never the whole site.
        served_here = not static.netloc and static.path not in ("", "/")
        self.static_prefix = static.path if served_here else None

    def __call__(self, request):
        if (
            not settings.PAGE_CACHE
            or not is_public_read(request)
            or (self.static_prefix and request.path.startswith(self.static_prefix))
        ):
            return self.get_response(request)
        try:
            generation = generations.current(request)
        except DatabaseError:
            # Without the generation no stored page can be trusted, and none is stored:
            # each view answers the outage its own way (/healthz its JSON for load
            # balancers, pages the 503 with the emergency numbers).
            return self.get_response(request)
        now = timezone.now()
        key = page_key(request, generation, now)
        page = local_pages.get(key)
        if page is None:
            page = cache.get(key)
            if page is not None:
                local_pages.put(key, page)
        if page is not None and page.valid_until > now:
            return page.response(request)
        response, until = generations.timed(self.get_response, request)
        if request.method == "GET" and is_storable(request, response):
            now = timezone.now()
            limit = now + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
            until = min(until, limit) if until else limit
            seconds = max(1, int((until - now).total_seconds()))
            page = StoredPage.of(response, until)
            local_pages.put(key, page)
            sent_pages.add(key, page, seconds)
        return response


class CacheHeadersMiddleware:
    """Cache-Control for shared caches (a CDN or proxy), and Last-Modified.

    Anonymous 200 responses that set nothing themselves may be kept by a shared cache
    for ``HTTP_S_MAXAGE`` seconds, served stale while it revalidates, or for a day
    while the app is down; browsers revalidate every time (max-age=0), which costs a
    304 when nothing changed (ConditionalGetMiddleware, listed just outside this one).
    Staff, preview and admin responses are ``private, no-store``. Last-Modified is the
    generation's time: when the public site last changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_staff_request(request):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.cookies:
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.HTTP_S_MAXAGE,
                stale_while_revalidate=settings.HTTP_STALE_WHILE_REVALIDATE,
                stale_if_error=settings.HTTP_STALE_IF_ERROR,
            )
        generation = getattr(request, generations.REQUEST_ATTRIBUTE, None)
        if generation is not None:
            # Replaces the feed's and sitemap's own Last-Modified (their newest item):
            # unpublishing an item changes them without any newer item.
            midnight = timezone.make_aware(
                datetime.datetime.combine(timezone.localdate(), datetime.time())
            )
            changed = max(generation.changed_at, midnight)
            response.headers["Last-Modified"] = http_date(changed.timestamp())
        return response
