# Nightlight: `make run` serves the site with demo content; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/nightlight
HOST ?= 127.0.0.1:8000

.PHONY: run test test-postgres install install-test lint format check-python clean

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	@echo "Nightlight is at http://$(HOST)/  (admin: $(BIN)/python manage.py createsuperuser)"
	$(BIN)/python manage.py runserver $(HOST)

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The whole suite against PostgreSQL (and Redis for the cache, when it answers).
test-postgres: install-test
	$(BIN)/python scripts/ensure_postgres_db.py "$(PG_URL)"
	DATABASE_URL="$(PG_URL)" NIGHTLIGHT_REQUIRE_POSTGRES=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

check-python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0) if v >= (3, 12) else sys.exit("Nightlight needs Python 3.12 or newer; $(PYTHON) is %d.%d. Install 3.12+ or run: make PYTHON=python3.12 ..." % v[:2])'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: check-python $(VENV)/.installed

install-test: check-python $(VENV)/.installed-test

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
