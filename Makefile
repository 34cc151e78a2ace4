# The two commands: `make run` and `make test` (README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv messages lint check-migrations clean bench bench-analysis bench-import bench-rush bench-profile backup restore audit

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
	@echo "Migrating the database…"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --no-input -v0
	@echo "Loading the demo data (centres, reports, one user per role)…"
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	DEBUG=$${DEBUG:-1} scripts/serve.sh

APPS := navet_portal core accounts centers selfassessment review reports pages demo

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy
	$(BIN)/bandit -q -r $(APPS) --severity-level medium

test: lint messages
	scripts/with-test-services.sh scripts/run-tests.sh

# Known vulnerabilities in the pinned dependencies (needs the network: PyPI and the
# advisory database). Not part of `make test`, which runs offline; for a networked CI.
audit: venv
	@$(BIN)/python -m pip_audit --version >/dev/null 2>&1 || $(BIN)/pip install --quiet pip-audit
	$(BIN)/python -m pip_audit --no-deps --disable-pip --requirement constraints.txt

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache .mypy_cache

# Benchmarks (not tests): figures printed, recorded in the README.
# Statistics against a raw SQL aggregate, trends, the imports, the combined analysis PDF.
bench: venv
	scripts/with-test-services.sh env SECRET_KEY=bench DEBUG=0 SECURE_SSL_REDIRECT=0 $(BIN)/python bench/national_statistics.py
	$(MAKE) --no-print-directory bench-import bench-analysis

# The bulk imports: 10 000 centres, 2 000 ЦПО × 7 years of reports (bench/bulk_import.py).
bench-import: venv
	scripts/with-test-services.sh env SECRET_KEY=bench DEBUG=0 SECURE_SSL_REDIRECT=0 $(BIN)/python bench/bulk_import.py

# The analysis PDF on the agency's 2024 figures (bench/agency_2024.py imported; target < 10 s).
bench-analysis: venv
	scripts/with-test-services.sh env SECRET_KEY=bench DEBUG=0 SECURE_SSL_REDIRECT=0 $(BIN)/python bench/analysis_pdf.py

# One autosave and one submission profiled: SQL statements, time, where the CPU goes.
bench-profile: venv
	scripts/with-test-services.sh env SECRET_KEY=bench DEBUG=0 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 $(BIN)/python bench/request_profile.py

# Backups: make backup; make restore DB=backups/db-….dump MEDIA=backups/media-….tgz
backup: venv
	scripts/backup.sh

restore: venv
	scripts/restore.sh "$(DB)" "$(MEDIA)"

# The deadline rush under gunicorn (bench/rush.py; RUSH_CENTRES=800 RUSH_CLIENTS=50).
bench-rush: venv
	$(BIN)/pip install --quiet -c constraints.txt -e ".[bench]"
	scripts/with-test-services.sh $(BIN)/python bench/rush.py
