"""A per-address rate limit that keeps nothing identifying.

The client address is hashed with a random salt that lives only in the cache and is
replaced every day, so yesterday's hashes cannot be linked to today's, and no one
holding the database (which never sees the hash) can recover an address. The counter
expires after the window.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

LIMIT = 10  # submissions
WINDOW = 60 * 60  # seconds


def _salt():
    key = f"feedback:salt:{timezone.now():%Y-%m-%d}"
    return cache.get_or_set(key, lambda: secrets.token_hex(16), 60 * 60 * 25)


def client_address(request):
    """The reader's address, for the rate limit only (it is hashed, never stored).

    Behind TRUSTED_PROXY_COUNT reverse proxies, REMOTE_ADDR is the nearest proxy's, so
    every reader would share one limit; the address the outermost trusted proxy saw is
    then that many entries from the right of X-Forwarded-For. Entries further left
    were written by the client and could be anything, so they are never used.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def over_limit(address):
    """Count one submission from ``address``; True once it exceeds LIMIT in WINDOW."""
    digest = hashlib.sha256(f"{_salt()}:{address}".encode()).hexdigest()
    key = f"feedback:rate:{digest}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count > LIMIT
