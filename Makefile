# Two commands matter: `make run` (set up everything and serve on http://127.0.0.1:8000) and
# `make test` (lint + the whole suite on SQLite and on PostgreSQL). See README.md.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: run test lint test-sqlite test-postgres venv lock clean-var bench-api openapi-snapshot

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e ".[demo,dev]"
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

run: venv
	$(BIN)/agora setup
	$(BIN)/agora serve

# The SQLite and PostgreSQL halves run side by side (two cores); each one's output is printed
# whole when it ends, and either failing fails `make test`.
test: venv lint
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

lint: venv
	$(BIN)/ruff check agora config bench
	$(BIN)/ruff format --check agora config bench
	$(BIN)/lint-imports
	$(BIN)/mypy

test-sqlite: venv
	@echo "== test suite on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: venv
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== test suite on PostgreSQL ($(PG_URL))"; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS); \
	else \
		echo ""; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo "!!  PostgreSQL is NOT reachable at $(PG_URL)"; \
		echo "!!  The PostgreSQL half of the suite was SKIPPED. Start PostgreSQL or set PG_URL."; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi

# Re-pin every dependency after changing pyproject.toml (run in a fresh venv for a clean lock).
lock:
	rm -rf /tmp/agora-lock && $(PYTHON) -m venv /tmp/agora-lock
	/tmp/agora-lock/bin/python -m pip install -q --upgrade pip
	/tmp/agora-lock/bin/python -m pip install -q -e ".[demo,dev]"
	/tmp/agora-lock/bin/python -m pip freeze --exclude-editable | grep -v '^agora' > requirements.lock

bench-api: venv
	$(BIN)/python bench/api.py

clean-var:
	rm -rf var

# Regenerate the pinned OpenAPI document after an intended API change (then review the diff).
openapi-snapshot: venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -c "import django, json; django.setup(); from agora.api.native.api import api; print(json.dumps(api.get_openapi_schema(path_prefix='/api/v1/'), indent=1, sort_keys=True, ensure_ascii=False))" > agora/api/tests/snapshots/openapi.json
