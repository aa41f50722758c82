"""The second factor for staff: a TOTP authenticator app, with single-use recovery codes.

Built on django-otp's TOTP and static-token devices. Everything here runs on our server:
the QR code is drawn by segno into an SVG data: URI, and the same otpauth:// URI and the
secret are shown as text for apps that cannot scan.
"""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def is_enrolled(user):
    """True once the user has confirmed an authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_verified(user):
    """Did this session pass the second factor? (django-otp's middleware sets
    ``otp_device``; so does the sign-in form on the user it has just signed in.)"""
    return getattr(user, "otp_device", None) is not None


def pending_authenticator(user):
    """The user's unconfirmed authenticator, created on the first visit to the setup page
    and kept until confirmed, so reloading the page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def qr_code_data_uri(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_text(device):
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_authenticator(device, code):
    """Confirm a pending authenticator with a code it shows; returns fresh recovery codes
    (shown once), or None when the code is wrong. Replaces any earlier authenticator."""
    if not device.verify_token(normalise(code)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones and return them.
    Only hashes would be better, but django-otp stores static tokens as they are; they are
    single use and useless without the password."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise(code):
    return "".join((code or "").split()).lower()


@transaction.atomic  # devices are locked while a code is checked (django-otp asks for it)
def verify(user, code, recovery_codes=True):
    """The device that accepts ``code`` (six digits: the authenticator; anything else: a
    recovery code, used up), or None. One device is tried, chosen by the code's shape, so a
    mistyped code does not count against both (django-otp throttles each device too)."""
    code = normalise(code)
    if not code:
        return None
    kind = TOTPDevice if code.isascii() and code.isdigit() and len(code) == 6 else StaticDevice
    if kind is StaticDevice and not recovery_codes:
        return None
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if isinstance(device, kind):
            return device if device.verify_token(code) else None
    return None


def reset(user):
    """Remove every second-factor device of the user: they enrol again at next sign-in."""
    devices = 0
    for model in (TOTPDevice, StaticDevice):
        devices += model.objects.filter(user=user).count()
        model.objects.filter(user=user).delete()
    return devices


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
