# Two commands: `make run` serves the forum, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint format screenshots bench clean translations catalogues

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(BIN)/activate
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
	$(BIN)/pybabel compile -q -d forum/translations

# After changing interface text: refresh the template and the French catalogue, compile, check.
translations: $(VENV)/.dev
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -c "Translators:" \
		--no-location --sort-output -o forum/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i forum/translations/messages.pot -d forum/translations
	$(BIN)/pybabel compile -q -d forum/translations
	$(BIN)/python -m scripts.check_translations

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
