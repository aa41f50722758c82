"""The production app server as configured by gunicorn.conf.py."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),  # where gunicorn would put a control socket
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "hub.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port, log, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=30)


def send(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        return sock.recv(4096)


def test_a_bad_request_line_is_logged_without_the_client_address(gunicorn):
    port, log, _ = gunicorn
    assert send(port, b"N\xc3\x28T / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert send(port, b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 60 + b"\r\n")[:12] in (
        b"HTTP/1.1 400",
        b"HTTP/1.1 431",
    )
    time.sleep(0.5)  # let the worker flush its log line
    text = log.read_text()
    assert "Invalid request" in text
    assert "127.0.0.1" not in text.replace(f"127.0.0.1:{port}", "")


def test_gunicorn_opens_no_control_socket(gunicorn):
    port, log, home = gunicorn
    assert send(port, b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")
    time.sleep(0.5)
    assert "Booting worker" in log.read_text()
    assert "Control socket" not in log.read_text()
    assert not (home / ".gunicorn").exists()
