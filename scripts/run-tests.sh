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

# Tests named on the command line (tests/…) run as asked, in this one process.
for arg in "$@"; do
  case "$arg" in tests/* | tests) exec $BIN/python -m pytest "$@" ;; esac
done
# The whole suite: one test process per core (each with its own test database and
# Redis database, tests/settings.py), a module's tests kept in one process; then the
# fault tests on their own, since they stop and restart the PostgreSQL and Redis
# that every process shares.
status=0
$BIN/python -m pytest -n "${TEST_PROCESSES:-2}" --dist loadfile --ignore=tests/faults "$@" || status=$?
$BIN/python -m pytest tests/faults "$@" || status=$?
exit $status
