"""A second factor for staff: TOTP with recovery codes, enrolled in the admin, required in
production, recoverable with a management command."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import current_code, enrol, sign_in

pytestmark = pytest.mark.django_db


def test_two_factor_is_required_by_default_in_production():
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; import django; django.setup(); print(settings.STAFF_REQUIRE_2FA, settings.SESSION_COOKIE_AGE)",
        ],
        env={
            "DJANGO_SETTINGS_MODULE": "hub.settings",
            "DEBUG": "False",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "example.org",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout.split()
    assert out == ["True", str(9 * 60 * 60)]


def test_when_required_a_password_alone_opens_only_the_setup_page(client, editor, require_2fa):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/"
    for url in ("/admin/", "/admin/articles/article/", "/admin/auth/user/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/login/")["Location"] == "/admin/two-factor/"


def test_setup_page_shows_a_local_qr_code_the_uri_and_the_secret(client, editor, require_2fa):
    sign_in(client)
    response = client.get("/admin/two-factor/")
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page = response.text
    assert 'src="data:image/svg+xml' in page  # drawn here, no request to anyone else
    assert "otpauth://totp/Nightlight%3Aeditor?secret=" in page
    assert response.context["secret"].replace(" ", "") in device.config_url
    assert 'style="' not in page  # the CSP allows no inline style
    # Reloading keeps the same secret (the app may already hold it).
    assert client.get("/admin/two-factor/").context["secret"] == response.context["secret"]


def test_staff_can_sign_out_before_finishing_setup(client, editor, require_2fa):
    sign_in(client)
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")


def test_a_wrong_code_does_not_enrol(client, editor, require_2fa):
    sign_in(client)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/admin/two-factor/", {"code": wrong})
    assert "That code does not match" in response.text
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_enrolling_shows_ten_recovery_codes_once_and_opens_the_admin(client, editor, require_2fa):
    sign_in(client)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    response = client.post("/admin/two-factor/", {"code": current_code(device)})
    codes = response.context["recovery_codes"]
    assert len(set(codes)) == 10
    assert all(code in response.text for code in codes)
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/two-factor/").text
    assert "Recovery codes left: <strong>10</strong>" in page
    assert not any(code in page for code in codes)


def test_enrolled_staff_need_the_code_from_the_app(client, editor):
    device, _ = enrol(client, editor)
    response = sign_in(client)  # password only
    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in response.text
    response = sign_in(client, code="000000" if current_code(device) != "000000" else "111111")
    assert "That code is not right" in response.text
    device.throttle_reset()
    # A code used at enrolment cannot be replayed: wait for the next one.
    device.last_t -= 1
    device.save()
    response = sign_in(client, code=current_code(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(client, editor, require_2fa):
    _, codes = enrol(client, editor)
    assert sign_in(client, code=codes[0].upper()).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    response = sign_in(client, code=codes[0])
    assert "That code is not right (or was already used)" in response.text
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_wrong_codes_count_towards_the_sign_in_throttle(client, editor):
    _, codes = enrol(client, editor)
    for _ in range(5):
        sign_in(client, code="notacode")
    response = sign_in(client, code=codes[1])
    assert response.status_code == 429


def test_new_recovery_codes_need_the_current_app_code(client, editor):
    device, old_codes = enrol(client, editor)
    sign_in(client, code=old_codes[0])
    response = client.post("/admin/two-factor/", {"otp_token": old_codes[1]})
    assert "does not match" in response.text
    device.last_t -= 1
    device.save()
    response = client.post("/admin/two-factor/", {"otp_token": current_code(device)})
    new_codes = response.context["recovery_codes"]
    assert set(new_codes).isdisjoint(old_codes)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new_codes)


def test_the_setup_page_needs_a_staff_sign_in(client, django_user_model):
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")


def test_without_the_requirement_unenrolled_staff_sign_in_with_the_password(client, editor):
    assert not settings.STAFF_REQUIRE_2FA  # the default for tests and local development
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_reset_command_lets_a_staff_member_enrol_again(client, editor, require_2fa, capsys):
    enrol(client, editor)
    call_command("reset_staff_2fa", "editor")
    assert "Removed 2 second-factor device(s) of editor" in capsys.readouterr().out
    assert sign_in(client)["Location"] == "/admin/two-factor/"
    assert client.get("/admin/two-factor/").context["qr_code"]


def test_reset_command_names_a_missing_account(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No account named 'nobody'"):
        call_command("reset_staff_2fa", "nobody")


def test_staff_sessions_last_a_working_day(client, editor):
    response = sign_in(client)
    assert response.cookies["sessionid"]["max-age"] == 9 * 60 * 60
    assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/admin/"
