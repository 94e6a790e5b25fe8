# amity: two commands on a fresh machine.
#   make demo   set up .venv, ingest examples/articles/ into ./amity.duckdb, print what was found
#   make test   set up .venv with the dev extras, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= amity.duckdb

.PHONY: demo test setup setup-dev lock lint clean bench eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3

# The stamp files make both setups idempotent: they re-run only when a lock changes.
$(VENV)/.base-installed: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.base-installed

setup: $(VENV)/.base-installed
setup-dev: $(VENV)/.dev-installed

demo: setup
	$(BIN)/amity --db $(DB) ingest examples/articles/
	$(BIN)/amity --db $(DB) summary

test: setup-dev
	$(BIN)/python -m pytest -q

lint: setup-dev
	$(BIN)/ruff check amity tests bench

# Re-pin every dependency with hashes (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra web --generate-hashes --python-version 3.11 -o requirements/base.lock
	uv pip compile pyproject.toml --all-extras --generate-hashes --python-version 3.11 -o requirements/dev.lock

clean:
	rm -rf $(VENV) amity.duckdb amity.duckdb.wal .pytest_cache
