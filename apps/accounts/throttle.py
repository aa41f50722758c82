"""Throttling for staff sign-in, per account and per client.

Checked before the password is hashed, so a refused attempt costs one indexed query and
no PBKDF2 work: the login form cannot be used to exhaust the CPU. Failures slow down,
then lock for a while; nothing locks for good (a lock ends by itself, a successful
sign-in clears the account's failures, `manage.py unlock_staff_sign_in` clears them at
once), and a browser the editor signed in with before is not held by the account's lock
(see ``trusted_device``), so an attacker guessing an editor's password cannot keep that
editor out.
"""

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from apps.feedback.ratelimit import client_address

from .models import SignInThrottle

logger = logging.getLogger("nightlight.signin")


@dataclass(frozen=True)
class Policy:
    free: int  # failures in a row that cost nothing
    lock_at: int  # failures in a row that lock for LOCK

    def wait_after(self, failures):
        """How long the next attempt must wait after ``failures`` failures in a row."""
        if failures < self.free:
            return timedelta(0)
        if failures >= self.lock_at:
            return LOCK
        return FIRST_DELAY * 2 ** (failures - self.free)


# An editor who mistypes five times waits 15 s, then 30 s, 1, 2 and 4 minutes, then is
# locked for 15 minutes (and 15 minutes after each further failure): a guesser gets about
# 100 tries a day per account. A client (one address) gets more room, since an office
# may share one address, but is held the same way.
ACCOUNT = Policy(free=5, lock_at=10)
CLIENT = Policy(free=20, lock_at=40)
POLICIES = {SignInThrottle.Scope.ACCOUNT: ACCOUNT, SignInThrottle.Scope.CLIENT: CLIENT}
FIRST_DELAY = timedelta(seconds=15)
LOCK = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=24)

TRUSTED_DEVICE_COOKIE = "nightlight_staff_device"
TRUSTED_DEVICE_AGE = timedelta(days=30)
_DEVICE_SALT = "apps.accounts.trusted-device"


@dataclass(frozen=True)
class Refusal:
    retry_after: timedelta
    locked: bool

    @property
    def message(self):
        seconds = max(1, int(self.retry_after.total_seconds() + 0.999))
        wait = f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"
        return (
            f"Too many failed sign-ins. Try again in {wait}. "
            "If this keeps happening, ask an administrator to check the account."
        )


def _digest(purpose, value):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256
    ).hexdigest()


def account_key(username):
    return _digest("sign-in account", username.strip().casefold())


def client_key(request):
    return _digest("sign-in client", client_address(request))


def reference(key):
    """A short form of a key for logs: enough to follow one attack, not to find anyone."""
    return key[:12]


def check(request, username, trusted_device=False):
    """A Refusal if this attempt must not be tried yet, else None."""
    now = timezone.now()
    keys = Q(scope=SignInThrottle.Scope.CLIENT, key=client_key(request))
    if not trusted_device:
        keys |= Q(scope=SignInThrottle.Scope.ACCOUNT, key=account_key(username))
    blocking = list(
        SignInThrottle.objects.filter(keys, retry_after__gt=now).values_list(
            "scope", "failures", "retry_after"
        )
    )
    if not blocking:
        return None
    longest = max(retry_after for _, _, retry_after in blocking)
    locked = any(failures >= POLICIES[scope].lock_at for scope, failures, _ in blocking)
    logger.warning(
        "Staff sign-in refused before checking the password (account %s, client %s): "
        "throttled for %d more seconds",
        reference(account_key(username)),
        reference(client_key(request)),
        (longest - now).total_seconds(),
    )
    return Refusal(retry_after=longest - now, locked=locked)


def record_failure(request, username):
    now = timezone.now()
    counts = {}
    with transaction.atomic():
        SignInThrottle.objects.filter(last_failure__lt=now - FORGET_AFTER).delete()
        for scope, key in (
            (SignInThrottle.Scope.ACCOUNT, account_key(username)),
            (SignInThrottle.Scope.CLIENT, client_key(request)),
        ):
            row, _ = SignInThrottle.objects.select_for_update().get_or_create(
                scope=scope, key=key, defaults={"last_failure": now}
            )
            row.failures += 1
            row.last_failure = now
            wait = POLICIES[scope].wait_after(row.failures)
            row.retry_after = now + wait if wait else None
            row.save()
            counts[scope] = (key, row.failures, wait)
    account, client = counts[SignInThrottle.Scope.ACCOUNT], counts[SignInThrottle.Scope.CLIENT]
    logger.warning(
        "Staff sign-in failed (account %s, client %s): %d failures in a row on the account, "
        "%d from the client; next attempt allowed in %d seconds",
        reference(account[0]),
        reference(client[0]),
        account[1],
        client[1],
        max(account[2], client[2]).total_seconds(),
    )


def record_success(username):
    """A correct password and second factor clear the account's failures (not the
    client's: signing in to one's own account must not reset guessing at others)."""
    SignInThrottle.objects.filter(
        scope=SignInThrottle.Scope.ACCOUNT, key=account_key(username)
    ).delete()


def unlock(username):
    """Clear the account's failures at once; returns how many rows went."""
    deleted, _ = SignInThrottle.objects.filter(
        scope=SignInThrottle.Scope.ACCOUNT, key=account_key(username)
    ).delete()
    return deleted


def trusted_device_token(username):
    """Signed value of the cookie set on a successful sign-in (OWASP's "device cookie")."""
    return signing.dumps(account_key(username), salt=_DEVICE_SALT)


def is_trusted_device(request, username):
    token = request.COOKIES.get(TRUSTED_DEVICE_COOKIE)
    if not token or not username:
        return False
    try:
        value = signing.loads(token, salt=_DEVICE_SALT, max_age=TRUSTED_DEVICE_AGE.total_seconds())
    except signing.BadSignature:
        return False
    return hmac.compare_digest(str(value), account_key(username))
