import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long staff passphrase"
LOGIN = "/admin/login/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def require_2fa(settings):
    settings.STAFF_REQUIRE_2FA = True


def sign_in(client, username="editor", password=PASSWORD, code="", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "otp_token": code, "next": "/admin/"},
        **extra,
    )


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enrol(client, user):
    """Sign in with the password and confirm an authenticator; returns (device, codes)."""
    client.force_login(user)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/admin/two-factor/", {"code": current_code(device)})
    codes = response.context["recovery_codes"]
    client.logout()
    device.refresh_from_db()
    return device, codes
