import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from apps.referrals.linkcheck import check_url
from apps.referrals.models import LinkStatus

from .factories import ContactFactory

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        match self.path:
            case "/ok":
                self.send_response(200)
            case "/missing":
                self.send_response(404)
            case "/loop-a":
                self.send_response(302)
                self.send_header("Location", "/loop-b")
            case "/loop-b":
                self.send_response(302)
                self.send_header("Location", "/loop-a")
            case "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok")
            case "/no-head":
                self.send_response(405 if self.command == "HEAD" else 200)
            case "/stall":
                time.sleep(3)
                self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # do not wait for the stalled handler at shutdown
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/ok", LinkStatus.OK),
        ("/missing", LinkStatus.BROKEN),
        ("/loop-a", LinkStatus.REDIRECT_LOOP),
        ("/moved", LinkStatus.OK),
        ("/no-head", LinkStatus.OK),
        ("/stall", LinkStatus.TIMEOUT),
    ],
)
def test_check_url(server, path, status):
    assert check_url(server + path, timeout=0.5) == status


def test_refused_connection_is_broken():
    assert check_url("http://127.0.0.1:9/", timeout=0.5) == LinkStatus.BROKEN


def test_command_stores_statuses_and_prints_summary(server, capsys):
    contacts = {
        path: ContactFactory(kind="website", value=server + path)
        for path in ("/ok", "/missing", "/loop-a", "/stall")
    }
    phone = ContactFactory(kind="phone", value="988")
    call_command("check_referral_links", "--timeout", "0.5", "--workers", "4")
    out = capsys.readouterr().out
    assert "[4/4]" in out
    for line in (
        "OK                  1",
        "Broken              1",
        "Redirect loop       1",
        "Timeout             1",
        "Total               4",
    ):
        assert line in out
    expected = {"/ok": "ok", "/missing": "broken", "/loop-a": "redirect loop", "/stall": "timeout"}
    for path, contact in contacts.items():
        contact.refresh_from_db()
        assert contact.last_status == expected[path]
        assert contact.last_checked_at is not None
    phone.refresh_from_db()
    assert phone.last_checked_at is None  # phone numbers are not fetched


def test_overall_deadline_stops_the_run(server):
    from apps.referrals.linkcheck import check_contacts

    contact = ContactFactory(kind="website", value=server + "/stall")
    # The page stalls for 3 s, under the 5 s timeout: only the deadline can make it a
    # timeout (without it the check would wait and record "ok").
    counts = check_contacts(timeout=5, workers=1, deadline=0.5)
    assert counts[LinkStatus.TIMEOUT] == 1
    contact.refresh_from_db()
    assert contact.last_status == "timeout"


@pytest.mark.django_db(transaction=True)  # each batch commits
def test_results_are_saved_in_batches_one_public_change_each(server, monkeypatch):
    from apps.pagecache.generation import change_committed
    from apps.referrals import linkcheck

    contacts = [ContactFactory(kind="website", value=server + "/ok") for _ in range(3)]
    monkeypatch.setattr(linkcheck, "SAVE_BATCH", 2)
    commits = []

    def receiver(sender, **kwargs):
        commits.append(kwargs["changed"])

    change_committed.connect(receiver, dispatch_uid="test-link-batches")
    try:
        linkcheck.check_contacts(contacts, timeout=2, workers=3)
    finally:
        change_committed.disconnect(dispatch_uid="test-link-batches")
    assert len(commits) == 2  # two, then the last one
    for contact in contacts:
        contact.refresh_from_db()
        assert contact.last_status == "ok"
