#!/usr/bin/env python3
"""Checks the lock files in requirements/ (written by `make lock` with uv).

Without options: re-resolves pyproject.toml with uv, keeping the locked versions as
preferences, and fails if the result differs from the lock files, i.e. someone changed a
dependency in pyproject.toml without running `make lock`.

--outdated: prints the locked packages that are behind their latest release on the
package index. It never fails: a new upstream release must not turn a commit's CI red
without any change in the commit; moving to it is a reviewed change (`make lock
UPGRADE=--upgrade`, then the tests). pip-audit's vulnerability databases cannot be reached
from our CI machines, so this list is what we read instead: check each entry's changelog
for security fixes.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCKS = {
    "requirements/production.txt": ["pyproject.toml", "requirements/build.in"],
    "requirements/test.txt": [
        "pyproject.toml",
        "requirements/build.in",
        "--extra",
        "test",
        "-c",
        "requirements/production.txt",
    ],
}
FLAGS = ["--generate-hashes", "--universal", "--python-version", "3.12", "--quiet"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text):
    return {canonical(name): version for name, version in PIN.findall(text)}


def check_current():
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        for lock, inputs in LOCKS.items():
            fresh = Path(scratch) / Path(lock).name
            shutil.copy(ROOT / lock, fresh)  # the locked versions stay preferred
            subprocess.run(
                [str(BIN / "uv"), "pip", "compile", *inputs, *FLAGS, "-o", str(fresh)],
                cwd=ROOT,
                check=True,
            )
            locked, wanted = pins((ROOT / lock).read_text()), pins(fresh.read_text())
            if locked != wanted:
                stale.append(lock)
                for name in sorted(set(locked) | set(wanted)):
                    if locked.get(name) != wanted.get(name):
                        print(
                            f"  {lock}: {name} locked {locked.get(name, '-')}, "
                            f"pyproject.toml needs {wanted.get(name, '-')}"
                        )
    if stale:
        print("The lock files do not match pyproject.toml: run `make lock` and commit them.")
        return 1
    print(f"Lock files match pyproject.toml: {', '.join(LOCKS)}.")
    return 0


def list_outdated():
    locked = pins((ROOT / "requirements/test.txt").read_text())
    production = pins((ROOT / "requirements/production.txt").read_text())
    result = subprocess.run(
        [str(BIN / "python"), "-m", "pip", "list", "--outdated", "--format=json"],
        check=True,
        capture_output=True,
        text=True,
    )
    behind = [
        (canonical(entry["name"]), entry["latest_version"])
        for entry in json.loads(result.stdout)
        if canonical(entry["name"]) in locked
    ]
    if not behind:
        print("Every locked package is at its latest release.")
        return 0
    print(f"{len(behind)} locked package(s) behind their latest release (not a failure):")
    for name, latest in sorted(behind):
        where = "runtime" if name in production else "tests/tools"
        print(f"  {name:28} locked {locked[name]:12} latest {latest:12} ({where})")
    print("To move: `make lock UPGRADE=--upgrade-package NAME`, run the tests, commit.")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outdated", action="store_true")
    args = parser.parse_args()
    sys.exit(list_outdated() if args.outdated else check_current())
