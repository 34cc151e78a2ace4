#!/usr/bin/env bash
# The suite proper, run by `make test` inside scripts/with-test-services.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export SECRET_KEY=${SECRET_KEY:-test-only-secret-key-not-for-production}
export SECURE_COOKIES=0
export SECURE_SSL_REDIRECT=0
export DEBUG=0
export DATABASE_CONN_MAX_AGE=${DATABASE_CONN_MAX_AGE:-0}
$BIN/python manage.py makemigrations --check --dry-run
$BIN/python manage.py collectstatic --no-input -v0
$BIN/python -m pytest "$@"
