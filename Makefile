# Two commands: `make run` serves the forum, `make test` runs the whole suite.
# Python 3.12 or newer: CPython 3.11 corrupts memory under load (docs/python-3.11-crash.md).
# pyenv's shims do not expose a version that is not selected, so look in its folder too.
PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12 2>/dev/null) python3.12)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint format screenshots bench soak clean translations catalogues mutate

# The stamp names the interpreter line: a virtualenv from an older Python is rebuilt.
$(VENV)/.python-3.12:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "Counterpoint needs Python 3.12 or newer; set PYTHON=/path/to/python3.12"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.python-3.12
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.python-3.12
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime catalogues
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) rerender
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(VENV)/.dev catalogues
	env -u FORUM_TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== The same suite on PostgreSQL =="; \
		FORUM_TEST_DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/pytest; \
	else \
		echo "PostgreSQL run skipped: set TEST_DATABASE_URL to run the suite on PostgreSQL too."; \
	fi

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit --quiet --recursive --severity-level medium forum config.py wsgi.py gunicorn.conf.py
	$(BIN)/python -m scripts.check_translations

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: $(VENV)/.dev
	$(BIN)/python -m scripts.screenshots

bench: $(VENV)/.dev
	$(BIN)/python -m scripts.bench

# Compiled catalogues (.mo) are built from the committed .po files, never committed.
catalogues: $(VENV)/.runtime
	$(BIN)/pybabel compile -d forum/translations

# After changing interface text: refresh the template and the French catalogue, compile, check.
translations: $(VENV)/.dev
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -c "Translators:" \
		--no-location --sort-output -o forum/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i forum/translations/messages.pot -d forum/translations
	$(BIN)/pybabel compile -d forum/translations
	$(BIN)/python -m scripts.check_translations

# gunicorn under a bounded load on 127.0.0.1: first proves a killed worker fails it, then
# soaks SQLite and, when TEST_DATABASE_URL is set, PostgreSQL (SOAK_SECONDS each, default 90).
soak: $(VENV)/.dev catalogues
	$(BIN)/python -m scripts.soak --self-test
	$(BIN)/python -m scripts.soak
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== The soak on PostgreSQL =="; \
		SOAK_DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/python -m scripts.soak; \
	fi

# Mutation testing of the modules where a silent mistake is a security or data-loss bug (scope in
# scripts/check_mutants.py, settings in pyproject.toml [tool.mutmut]); too slow for `make test`
# and CI. Starts from a fresh ./mutants; fails on a surviving mutant not in
# tests/mutation-allow-list.txt. MUTATE_CHILDREN: parallel test processes.
MUTATE_CHILDREN ?= 2
mutate: $(VENV)/.dev catalogues
	rm -rf mutants
	@start=$$(date +%s); \
	$(BIN)/python -m scripts.check_mutants --scope | \
		xargs -d '\n' $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN) || exit 1; \
	echo "mutmut took $$(( $$(date +%s) - start )) s"
	$(BIN)/mutmut results --all true | $(BIN)/python -m scripts.check_mutants

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
