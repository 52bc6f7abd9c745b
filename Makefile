# Two commands matter: `make demo` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# What mypy checks in make test: every app's pure rules, writes and reads.
TYPED = $(wildcard coopcouncil/*/logic coopcouncil/*/services coopcouncil/*/selectors \
	coopcouncil/*/services.py coopcouncil/*/selectors.py)

.PHONY: demo test install lint format deploy-check bench reliability clean permissions

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## Install, load the demo borough on SQLite and serve it on http://127.0.0.1:8000
## (with the task worker beside it, sending the emails; Ctrl+C stops both)
# A local run, so the demo keys may be used (production refuses them: README, Configuration).
demo: export COOPCOUNCIL_DEBUG ?= 1
demo: install
	$(BIN)/coopcouncil demo
	$(BIN)/coopcouncil worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/coopcouncil serve --host $(HOST) --port $(PORT)

## Lint, check architecture contracts, run every test (SQLite unless DATABASE_URL is set)
test: install
	$(BIN)/ruff check coopcouncil tests bench
	$(BIN)/lint-imports
	COOPCOUNCIL_DEBUG=1 $(BIN)/mypy $(TYPED)
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check coopcouncil tests bench
	$(BIN)/ruff format --check coopcouncil tests bench

format: install
	$(BIN)/ruff format coopcouncil tests bench
	$(BIN)/ruff check --fix coopcouncil tests bench

## Write docs/permissions.md (who may do what) from coopcouncil/config/permission_matrix.py
permissions: install
	$(BIN)/python -m coopcouncil.config.permission_matrix

## `coopcouncil manage check --deploy` with README's production environment: no issues
deploy-check: install
	$(BIN)/python .ci/deploy-check

# The benchmarks serve with DEBUG off, as production does, so they need keys of their own.
bench: export COOPCOUNCIL_SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
bench: export COOPCOUNCIL_REGISTER_HASH_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
bench: install
	$(BIN)/python bench/run_all.py

## The mixed load test (issue 18) on PostgreSQL: writes its section of docs/reliability.md
# Served with DEBUG off, as production is, so it needs keys of its own (as bench does).
reliability: export COOPCOUNCIL_SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
reliability: export COOPCOUNCIL_REGISTER_HASH_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')
reliability: install
	$(BIN)/python bench/load_mixed.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
