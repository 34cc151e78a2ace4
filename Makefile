# The two commands: `make run` and `make test` (README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv messages lint check-migrations clean bench

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

# Compiled message catalogues (English); Bulgarian is the source language.
messages: venv
	@command -v msgfmt >/dev/null 2>&1 || scripts/apt-install.sh gettext
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: messages
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input -v0
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	DEBUG=$${DEBUG:-1} scripts/serve.sh

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint messages
	scripts/with-test-services.sh scripts/run-tests.sh

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache

# Benchmarks (not tests): figures printed, recorded in the README.
bench: venv
	scripts/with-test-services.sh env SECRET_KEY=bench DEBUG=0 $(BIN)/python bench/statistics.py
