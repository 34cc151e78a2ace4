#!/usr/bin/env bash
# Serve the portal on http://127.0.0.1:8000. With REDIS_URL set, a Celery worker
# (with beat) runs beside it and stops with it; without, jobs run in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
echo "Collecting static files into staticfiles/ (the first time takes a minute or two)…"
started=$SECONDS
$BIN/python manage.py collectstatic --no-input -v0
echo "Static files ready ($((SECONDS - started)) s)."
if [ -n "${REDIS_URL:-}" ]; then
  $BIN/celery -A navet_portal worker --beat --loglevel=INFO --concurrency=2 &
  worker=$!
  trap 'kill $worker 2>/dev/null || true' EXIT
fi
echo "Portal: http://127.0.0.1:8000  (demo logins: README.md)"
$BIN/python manage.py runserver 127.0.0.1:8000
