# Two commands: `make run` serves the forum, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint format screenshots bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) rerender
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(VENV)/.dev
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

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: $(VENV)/.dev
	$(BIN)/python -m scripts.screenshots

bench: $(VENV)/.dev
	$(BIN)/python -m scripts.bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
