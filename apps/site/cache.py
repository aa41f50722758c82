"""The site's one cache backend: Redis that fails soft.

Every public page reads the cache (site settings, the feedback rate limit, cached
pages), so a cache that is down or hung must cost a reader nothing worse than a slower
page: never a 500, never a 10-second wait. This backend is Django's own RedisCache with

- short socket timeouts and no retries (``CACHE_SOCKET_TIMEOUT`` in settings), so one
  failed call costs at most a quarter of a second;
- a circuit breaker: after a failure this process skips Redis for ``retry_after``
  seconds, so a hung server costs one timeout per process per interval, not one per
  cache call; the first call after the interval tries again, which is how the site
  recovers without a restart;
- errors turned into what a cold cache answers: ``get`` misses, ``set``/``delete`` do
  nothing, ``add`` fails, and ``incr`` raises Django's "key not found" ``ValueError``;
- one warning when the cache goes away and one line when it is back, not a traceback
  per call.

Code elsewhere uses ``django.core.cache.cache`` and needs no guard of its own.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger("nightlight.cache")

DEFAULT_SOCKET_TIMEOUT = 0.25  # seconds
DEFAULT_RETRY_AFTER = 5.0  # seconds

# Breaker state per Redis location, shared by the per-thread backend instances Django
# creates, so one thread's timeout spares the others.
_down_until = {}


def _soft(on_error):
    """Run a cache method; on a Redis error open the breaker and return ``on_error(...)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.is_open():
                return on_error(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self._trip(error)
                return on_error(*args, **kwargs)
            self._close()
            return result

        return wrapper

    return decorate


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable).")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and its constructor (a
    table of some 200 response callbacks) costs more CPU than the call itself: about a
    third of a millisecond, several times per uncached page. A ``redis.Redis`` over a
    pool is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", DEFAULT_RETRY_AFTER))
        timeout = float(options.pop("timeout", DEFAULT_SOCKET_TIMEOUT))
        options.setdefault("socket_timeout", timeout)
        options.setdefault("socket_connect_timeout", timeout)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        options.setdefault("health_check_interval", 0)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._breaker_key = tuple(self._servers)

    # The breaker.
    def is_open(self):
        return _down_until.get(self._breaker_key, 0) > time.monotonic()

    def _trip(self, error):
        if self._breaker_key not in _down_until:
            logger.warning(
                "Cache unreachable (%s); serving without it, retrying every %g s.",
                type(error).__name__,
                self.retry_after,
            )
        _down_until[self._breaker_key] = time.monotonic() + self.retry_after

    def _close(self):
        if _down_until.pop(self._breaker_key, None) is not None:
            logger.warning("Cache reachable again.")

    def status(self):
        """Ask Redis now (for the health check): "ok" or "unreachable"."""
        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self._trip(error)
            return "unreachable"
        self._close()
        return "ok"

    # Every method of RedisCache that talks to Redis; the others are built on these.
    add = _soft(lambda *a, **kw: False)(RedisCache.add)
    get = _soft(lambda key, default=None, *a, **kw: default)(RedisCache.get)
    set = _soft(lambda *a, **kw: None)(RedisCache.set)
    touch = _soft(lambda *a, **kw: False)(RedisCache.touch)
    delete = _soft(lambda *a, **kw: False)(RedisCache.delete)
    get_many = _soft(lambda *a, **kw: {})(RedisCache.get_many)
    has_key = _soft(lambda *a, **kw: False)(RedisCache.has_key)
    incr = _soft(_missing_key)(RedisCache.incr)
    set_many = _soft(lambda data, *a, **kw: list(data))(RedisCache.set_many)
    delete_many = _soft(lambda *a, **kw: None)(RedisCache.delete_many)
    clear = _soft(lambda *a, **kw: False)(RedisCache.clear)


def cache_status(cache):
    """The cache's health: "ok", "unreachable", or "local" for a per-process cache."""
    status = getattr(cache, "status", None)
    return status() if status else "local"
