"""Staff sign-in throttling: per account and per client, checked before the password is
hashed, slowing then locking for a while, never for good."""

from datetime import timedelta

import pytest
from django.contrib.auth import forms as auth_forms
from django.core.management import call_command
from django.utils import timezone

from apps.accounts import throttle

from .conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Time travel: every timezone.now() in the throttle reads this clock."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


@pytest.fixture
def hashes(monkeypatch):
    """Counts calls to authenticate(), where the password is hashed."""
    calls = []
    real = auth_forms.authenticate

    def counting(*args, **kwargs):
        calls.append(kwargs.get("username"))
        return real(*args, **kwargs)

    monkeypatch.setattr(auth_forms, "authenticate", counting)
    return calls


def fail(client, times, username="editor"):
    for _ in range(times):
        response = sign_in(client, username=username, password="wrong guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text


def test_five_failures_are_free_and_the_sixth_attempt_waits_15_seconds(client, editor, clock):
    fail(client, 5)
    response = sign_in(client)  # the right password, too early
    assert response.status_code == 429
    assert "Too many failed sign-ins. Try again in 15 seconds" in response.text
    clock.advance(seconds=15)
    assert sign_in(client).status_code == 302


def test_a_throttled_attempt_does_not_hash_the_password(client, editor, clock, hashes):
    fail(client, 5)
    hashes.clear()
    for _ in range(20):
        assert sign_in(client).status_code == 429
    assert hashes == []


def test_waits_double_then_ten_failures_lock_the_account_for_15_minutes(client, editor, clock):
    fail(client, 5)
    for wait in (15, 30, 60, 120):
        clock.advance(seconds=wait - 1)
        assert sign_in(client, password="wrong").status_code == 429  # too early
        clock.advance(seconds=1)
        fail(client, 1)
    clock.advance(seconds=240)
    fail(client, 1)  # the tenth failure
    response = sign_in(client)
    assert response.status_code == 429
    assert "Try again in 15 minutes" in response.text
    clock.advance(minutes=14, seconds=59)
    assert sign_in(client).status_code == 429


def test_a_real_login_works_when_the_lock_expires(client, editor, clock):
    for _ in range(10):
        clock.advance(minutes=5)
        fail(client, 1)
    assert sign_in(client).status_code == 429
    clock.advance(minutes=15)
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_successful_sign_in_clears_the_account_failures(client, editor, clock):
    fail(client, 4)
    assert sign_in(client).status_code == 302
    client.logout()
    fail(client, 5)  # five more free failures, not one
    assert sign_in(client).status_code == 429


def test_the_lock_does_not_hold_a_browser_that_signed_in_before(client, editor, clock):
    assert sign_in(client).status_code == 302
    device_cookie = client.cookies[throttle.TRUSTED_DEVICE_COOKIE].value
    client.logout()  # the test client drops every cookie here; a browser keeps this one
    client.cookies[throttle.TRUSTED_DEVICE_COOKIE] = device_cookie
    attacker = client.__class__(REMOTE_ADDR="198.51.100.9")
    for _ in range(10):
        clock.advance(minutes=5)
        fail(attacker, 1)
    assert sign_in(attacker).status_code == 429
    assert sign_in(client).status_code == 302


def test_one_client_is_throttled_across_many_accounts(client, editor, clock):
    for number in range(20):
        fail(client, 1, username=f"guess{number}")
    response = sign_in(client)  # a new account, but the same client
    assert response.status_code == 429
    other_client = client.__class__(REMOTE_ADDR="198.51.100.9")
    assert sign_in(other_client).status_code == 302


def test_a_throttle_row_holds_no_name_or_address(client, editor, clock):
    fail(client, 1, username="my-password-by-mistake")
    from apps.accounts.models import SignInThrottle

    rows = list(SignInThrottle.objects.all())
    assert rows, "the failed sign-in was counted"
    for row in rows:
        assert "my-password" not in row.key
        assert "127.0.0.1" not in row.key


def test_failures_are_logged_without_address_or_name(client, editor, clock, caplog):
    caplog.set_level("INFO", logger="nightlight.signin")
    for _ in range(6):
        sign_in(client, username="editor", password="wrong", REMOTE_ADDR="203.0.113.77")
    messages = [r.getMessage() for r in caplog.records if r.name == "nightlight.signin"]
    assert len(messages) == 6
    assert "5 failures in a row on the account" in messages[4]
    assert "refused before checking the password" in messages[5]
    assert not any("203.0.113" in m or "editor" in m for m in messages)


def test_old_failures_are_forgotten_after_a_day(client, editor, clock):
    fail(client, 4)
    clock.advance(hours=25)
    fail(client, 4)
    assert sign_in(client).status_code == 302


def test_unlock_command_lifts_the_lock_at_once(client, editor, clock, capsys):
    for _ in range(10):
        clock.advance(minutes=5)
        fail(client, 1)
    other_client = client.__class__(REMOTE_ADDR="198.51.100.9")
    assert sign_in(other_client).status_code == 429
    call_command("unlock_staff_sign_in", "editor")
    assert "editor can sign in again" in capsys.readouterr().out
    assert sign_in(other_client).status_code == 302


def test_bad_input_gets_an_answer_not_a_500(client, editor, clock):
    for username in ("%00", "ed%ED%A0%80itor", "x" * 10_000, "%C2%B2", "editor&username=x"):
        response = client.post(
            "/admin/login/",
            f"username={username}&password=pw&otp_token=%00",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 429)
