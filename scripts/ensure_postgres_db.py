"""Create the PostgreSQL database named in a URL if it does not exist yet.

Usage: python scripts/ensure_postgres_db.py postgres://postgres@127.0.0.1:5432/nightlight
"""

import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def main(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"created database {name}")
    except psycopg.OperationalError as exc:
        sys.exit(
            f"PostgreSQL is not reachable at {parts.hostname}:{parts.port or 5432}: {exc}".strip()
        )


if __name__ == "__main__":
    main(sys.argv[1])
