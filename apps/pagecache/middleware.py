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
import pickle
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date, split_directive_names

from . import generation as generations

# Response headers a cached copy may vary on: the country (part of the key), the
# compression (applied outside this middleware) and the session cookie (absent from
# every request this cache answers).
CACHEABLE_VARY = {"accept-language", "accept-encoding", "cookie"}
NEVER_STORED = {"private", "no-store", "no-cache"}


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


def page_key(request, generation):
    # Per country, not per raw header: pages vary by the country derived from it.
    # Imported here: referrals uses this app (Service.is_open_now), not the other way.
    from apps.referrals.country import country_from_accept_language  # noqa: PLC0415

    country = country_from_accept_language(request.headers.get("Accept-Language", ""))
    address = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    # The date too: a page may say that a review is overdue, which changes at midnight.
    today = timezone.localdate().isoformat()
    return f"page:{generation.key}:{today}:{country or '-'}:{address}"


def is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie") or getattr(request, "editorial_preview", None):
        return False
    if NEVER_STORED & set(split_directive_names(response.get("Cache-Control", ""))):
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return vary <= CACHEABLE_VARY and not is_staff_request(request)


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


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests from whole cached 200 responses.

    Listed after WhiteNoise (static files never reach it) and before the session
    middleware, so a cached page costs the generation query and nothing else. The
    middleware outside it (security headers, CSP, Vary, Cache-Control, ETag, gzip)
    runs on cached pages as on fresh ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not is_public_read(request):
            return self.get_response(request)
        try:
            generation = generations.current(request)
        except DatabaseError:
            # Without the generation no stored page can be trusted, and none is stored:
            # each view answers the outage its own way (/healthz its JSON for load
            # balancers, pages the 503 with the emergency numbers).
            return self.get_response(request)
        key = page_key(request, generation)
        stored = local_pages.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                local_pages.put(key, stored)
        if stored is not None:
            # A fresh copy (middleware outside edits it) of what this app stored; the
            # cache backends themselves unpickle whatever they hold the same way.
            entry = pickle.loads(stored)  # noqa: S301
            if entry["valid_until"] > timezone.now():
                request.varies_on_accept_language = entry["varies"]
                return entry["response"]
        token = generations.valid_until.set(None)
        try:
            response = self.get_response(request)
            until = generations.valid_until.get()
        finally:
            generations.valid_until.reset(token)
        if request.method == "GET" and is_storable(request, response):
            set_response_etag(response)  # once, not on every hit
            now = timezone.now()
            limit = now + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
            until = min(until, limit) if until else limit
            seconds = max(1, int((until - now).total_seconds()))
            entry = {
                "response": response,
                "varies": getattr(request, "varies_on_accept_language", False),
                "valid_until": until,
            }
            stored = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
            cache.set(key, stored, seconds)
            local_pages.put(key, stored)
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
