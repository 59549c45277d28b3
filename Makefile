# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: setup run test lint format bench clean mutate repeat fuzz documents

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip>=24" "setuptools<81" wheel
	# xstatic-bootstrap ships only an sdist that needs setuptools at build time.
	$(BIN)/pip install -q --no-build-isolation -r requirements.lock
	touch $@

setup: $(BIN)/.installed

run: setup
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) load_demo
	DEBUG=1 $(MANAGE) serve 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# Static types on the files listed in [tool.mypy] of pyproject.toml (docs/testing.md).
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process). Tests are handed out
# eight at a time, so the browser journeys at the front are shared between the workers.
TEST_WORKERS ?= auto
# Python keeps compiled modules in __pycache__ unless told not to; a machine that sets
# PYTHONDONTWRITEBYTECODE makes every worker recompile (and re-rewrite the asserts of) every module.
unexport PYTHONDONTWRITEBYTECODE

test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxschedchunk 8

# The tests that were once flaky (a signed token, property tests), twenty times in a row.
repeat: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --count 20 tests/reports/test_dashboard.py tests/nominations/test_rules.py tests/lib/test_text.py

# The fuzz tests (tests/test_fuzz*.py) with many more examples per endpoint than `make test` gives them.
fuzz: setup
	GS_FUZZ_EXAMPLES=200 $(BIN)/python -m pytest -n $(TEST_WORKERS) tests/test_fuzz.py tests/test_fuzz_pages.py

# Every kind of document of the demo (.docx, .pdf, .xlsx and a picture of page 1) into DOCUMENTS_DIR,
# each read back by the document checker; docs/documents.md shows the pictures (docs/img/documents/).
DOCUMENTS_DIR ?= var/documents
documents: setup
	rm -rf var/documents-db && mkdir -p var/documents-db
	GS_VAR_DIR=var/documents-db DEBUG=1 $(MANAGE) migrate --noinput -v0
	GS_VAR_DIR=var/documents-db DEBUG=1 $(MANAGE) load_demo
	GS_VAR_DIR=var/documents-db DEBUG=1 $(MANAGE) render_documents $(DOCUMENTS_DIR)

bench: setup
	$(BIN)/python bench/tree_queries.py
	$(BIN)/python bench/nomination_checks.py
	$(BIN)/python bench/plan_import.py
	$(BIN)/python bench/followup_queries.py
	$(BIN)/python bench/certificates.py

# Mutation testing of the core modules ([tool.mutmut] in pyproject.toml; docs/testing.md). Not part of
# `make test`. Results are kept in mutants/: a second run re-tests only changed code, then re-checks
# every mutant that was not killed (new tests may kill it). `rm -rf mutants` for a run from scratch.
mutate: setup
	$(BIN)/mutmut run --max-children 2
	names="$$($(BIN)/python tools/mutation_score.py --not-killed)"; \
	if [ -n "$$names" ]; then $(BIN)/mutmut run --max-children 2 $$names; fi
	$(BIN)/python tools/mutation_score.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
