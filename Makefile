# Nightlight: `make run` serves the site with demo content; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/nightlight
HOST ?= 127.0.0.1:8000
# Installs come from lock files with hashes (exact versions, verified downloads); the
# project itself is then installed without dependencies. Refresh them with `make lock`.
LOCK := requirements/production.txt
TEST_LOCK := requirements/test.txt
LOCK_FLAGS := --generate-hashes --universal --python-version 3.12 --quiet --custom-compile-command "make lock"

.PHONY: run test test-postgres install install-test lint format check-python clean bench lock lock-check outdated slow-client-check scale-out-check lighthouse phone-layout

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	@echo "Nightlight is at http://$(HOST)/  (admin: $(BIN)/python manage.py createsuperuser)"
	$(BIN)/python manage.py runserver $(HOST)

# One pytest-xdist worker per CPU core; PYTEST_ARGS=-n0 runs the tests in one process.
# Work stealing: each worker starts on its own contiguous half of the suite (so a module's
# fixtures, the demo site above all, are set up once, not on both workers as round-robin
# hands them out) and a worker that runs dry takes the back half of the other's queue, so
# the long browser tests at the end are shared out to the last few.
XDIST := -n auto --dist worksteal
# With PYTHONDONTWRITEBYTECODE set (as on the project's 2-core machine) every process the
# suite starts (the workers, the subprocesses some tests run) compiles the project's
# modules again and pytest rewrites every test module again: about 4 s of CPU a process
# (collection 7.3 -> 3.2 s). The tests write the usual git-ignored __pycache__ folders.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest
test: install-test
	$(PYTEST) $(XDIST) $(PYTEST_ARGS)

# The whole suite against PostgreSQL (and Redis for the cache, when it answers).
test-postgres: install-test
	$(BIN)/python scripts/ensure_postgres_db.py "$(PG_URL)"
	DATABASE_URL="$(PG_URL)" NIGHTLIGHT_REQUIRE_POSTGRES=1 $(PYTEST) $(XDIST) $(PYTEST_ARGS)

# The page benchmark (a script, not a test): DROPS and recreates BENCH_DATABASE_URL.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nightlight_pagebench
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/15
bench: install-test
	BENCH_DATABASE_URL="$(BENCH_DATABASE_URL)" BENCH_CACHE_URL="$(BENCH_CACHE_URL)" \
		$(BIN)/python scripts/benchmark_pages.py $(BENCH_ARGS)

check-python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0) if v >= (3, 12) else sys.exit("Nightlight needs Python 3.12 or newer; $(PYTHON) is %d.%d. Install 3.12+ or run: make PYTHON=python3.12 ..." % v[:2])'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(TEST_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

install: check-python $(VENV)/.installed

install-test: check-python $(VENV)/.installed-test

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# After adding or changing a dependency in pyproject.toml: `make lock` (keeps every other
# pin). `make lock UPGRADE=--upgrade` moves everything to the newest allowed releases;
# `UPGRADE="--upgrade-package django"` just one.
lock: install-test
	$(BIN)/uv pip compile pyproject.toml requirements/build.in $(LOCK_FLAGS) $(UPGRADE) -o $(LOCK)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test -c $(LOCK) $(LOCK_FLAGS) $(UPGRADE) -o $(TEST_LOCK)

# CI: fails when pyproject.toml asks for something the lock files do not say.
lock-check: install-test
	$(BIN)/python scripts/lock_check.py

# CI: lists locked packages that are behind their latest release (does not fail).
outdated: install-test
	$(BIN)/python scripts/lock_check.py --outdated

# CI: nginx in front of gunicorn keeps serving readers while 50 slow clients drip headers.
slow-client-check: install-test
	$(BIN)/python scripts/slow_client_check.py

# CI: two gunicorn servers sharing PostgreSQL and Redis; an edit published through one is
# on the next page from either. DROPS and recreates SCALEOUT_DATABASE_URL, flushes the
# Redis database SCALEOUT_CACHE_URL names.
SCALEOUT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nightlight_scaleout
SCALEOUT_CACHE_URL ?= redis://127.0.0.1:6379/13
scale-out-check: install-test
	SCALEOUT_DATABASE_URL="$(SCALEOUT_DATABASE_URL)" SCALEOUT_CACHE_URL="$(SCALEOUT_CACHE_URL)" \
		$(BIN)/python scripts/two_app_servers.py

# Not in CI (Lighthouse is an npm package, not a Debian one): Lighthouse scores for the main
# page types, mobile and desktop, on a production-like gunicorn. LIGHTHOUSE=path/to/lighthouse
lighthouse: install-test
	$(BIN)/python scripts/lighthouse_check.py

# Strip height and where the heading and standfirst sit at 375x667 on a running site (make run).
phone-layout: install-test
	$(BIN)/python scripts/phone_layout_report.py --base http://$(HOST)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
