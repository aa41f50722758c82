"""deploy/nginx/nightlight-cache.conf: the commented page-cache example stays valid nginx.

The file is mostly comments (the directives go into nightlight.conf by hand), so nothing
else would notice if an edit broke them. This assembles what the file tells an operator
to do, with scratch paths, and asks Debian's nginx (`nginx -t`) whether it parses.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "nginx" / "nightlight-cache.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def uncommented(text, opening):
    """The commented block that starts at ``opening``, as nginx would read it."""
    lines = text.split(f"#   {opening}", 1)[1].splitlines()[1:]
    block = [opening]
    for line in lines:
        if not line.startswith("#"):
            break
        block.append(line[1:])
        if line.strip() == "#   }":
            break
    return "\n".join(block)


def test_the_cache_example_parses_with_nginx(tmp_path):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    text = EXAMPLE.read_text()
    cache_path = re.search(r"^proxy_cache_path[^;]*;", text, re.M)[0]
    upstream = uncommented(text, "upstream nightlight_app {")
    location = uncommented(text, "location / {")
    # Every rule the README promises is in the example.
    for rule in (
        "proxy_cache nightlight_pages;",
        "$http_accept_language",
        "proxy_cache_bypass $cookie_sessionid;",
        "proxy_no_cache $cookie_sessionid;",
        "proxy_cache_use_stale error timeout updating",
        "proxy_cache_revalidate on;",
    ):
        assert rule in location, rule
    config = tmp_path / "nginx.conf"
    temp = " ".join(f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("proxy", "fastcgi"))
    config.write_text(
        f"""pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 16; }}
http {{
    client_body_temp_path {tmp_path}/body; uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi; {temp}
    {cache_path.replace("/var/cache/nginx/nightlight", str(tmp_path / "cache"))}
    {upstream}
    server {{
        listen 127.0.0.1:8;
        {location}
    }}
}}
"""
    )
    result = subprocess.run(
        [
            NGINX,
            "-t",
            "-q",
            "-e",
            str(tmp_path / "error.log"),
            "-p",
            str(tmp_path),
            "-c",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
