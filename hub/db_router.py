"""The optional read replica (DATABASE_REPLICA_URL): who may read from it.

Only an anonymous reader's GET or HEAD reads from the replica. Everything else stays on
the primary: writes, migrations, management commands, the admin (its sign-in and
previews too), any request carrying a session cookie (staff looking at public pages),
POSTs such as feedback, and the rest of a request once it has written anything, so a
request always reads its own writes. A replica lags its primary by a moment; a reader
seeing a page a moment late is fine, staff seeing their own save missing is not.

Models that must never be read late, whoever asks (the page cache's generation row:
read from a lagging replica it would keep serving pages from before a change), say so
with ``read_from_primary = True``; code can also wrap reads in ``primary()``.

A replica that cannot be reached costs readers nothing but speed: the first read of a
request checks the replica's connection (a no-op when it is open), and if it cannot be
opened this process reads the primary for ``REPLICA_RETRY_AFTER`` seconds, then tries
again. No restart is needed either way.

Without DATABASE_REPLICA_URL none of this is installed (hub/settings.py).
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections
from django.urls import reverse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
# Apps whose rows decide who someone is; never read from a copy that may be behind.
PRIMARY_APPS = {"sessions", "auth", "admin", "otp_totp", "otp_static", "django_otp"}

# Per request: {"replica": bool}, set by ReadReplicaMiddleware. None outside a request
# (commands, shells, migrations), where every read goes to the primary.
_request_state = ContextVar("nightlight_replica_state", default=None)
_forced_primary = ContextVar("nightlight_forced_primary", default=False)


@contextmanager
def primary():
    """Reads inside this block go to the primary, whatever the request."""
    token = _forced_primary.set(True)
    try:
        yield
    finally:
        _forced_primary.reset(token)


# Per process: until when (time.monotonic()) the replica is taken to be down.
_replica_down_until = 0.0


def replica_allowed():
    state = _request_state.get()
    return bool(state and state["replica"]) and not _forced_primary.get()


def _replica_reachable(state):
    """Whether this request may use the replica's connection; checked once per request."""
    global _replica_down_until  # noqa: PLW0603 - one flag per process, by design
    if "reachable" in state:
        return state["reachable"]
    reachable = time.monotonic() >= _replica_down_until
    if reachable:
        connection = connections[REPLICA]
        try:
            # A connection kept from an earlier request that has since broken is
            # closed here (CONN_HEALTH_CHECKS), then opened again or found unreachable.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except DatabaseError:
            retry_after = settings.REPLICA_RETRY_AFTER
            _replica_down_until = time.monotonic() + retry_after
            logger.warning("Read replica unreachable: reading the primary for %s s", retry_after)
            reachable = False
    state["reachable"] = reachable
    return reachable


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_allowed() or getattr(model, "read_from_primary", False):
            return PRIMARY
        if model._meta.app_label in PRIMARY_APPS:
            return PRIMARY
        return REPLICA if _replica_reachable(_request_state.get()) else PRIMARY

    def db_for_write(self, model, **hints):
        # Read your writes: after a write, the rest of the request reads the primary.
        state = _request_state.get()
        if state is not None:
            state["replica"] = False
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows, so objects from either may be related.
        return {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica gets its schema from the primary (streaming replication).
        return db == PRIMARY


def is_reader_request(request, admin_prefix):
    """An anonymous reader's GET or HEAD: no session cookie, not the admin."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(admin_prefix)
    )


class ReadReplicaMiddleware:
    """Lets the router use the replica for this request if it is a reader's GET/HEAD.

    First in MIDDLEWARE, so the session and user lookups of any other request already
    run with reads on the primary.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        state = {"replica": is_reader_request(request, self.admin_prefix)}
        token = _request_state.set(state)
        try:
            return self.get_response(request)
        finally:
            _request_state.reset(token)
