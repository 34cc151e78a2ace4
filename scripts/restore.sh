#!/usr/bin/env bash
# make restore DB=backups/db-….dump MEDIA=backups/media-….tgz: put a backup back.
# The database is restored over the configured one (objects are replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
db=${1:?usage: restore.sh DB_BACKUP [MEDIA_BACKUP]}
media=${2:-}
eval "$(DEBUG=1 $BIN/python scripts/dbinfo.py)"
if [ "$DB_ENGINE" = postgresql ]; then
  PGPASSWORD="$DB_PASSWORD" pg_restore -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --no-owner \
    --clean --if-exists -d "$DB_NAME" "$db"
else
  cp "$db" "$DB_NAME"
fi
if [ -n "$media" ]; then
  mkdir -p "$MEDIA_ROOT"
  tar xzf "$media" -C "$MEDIA_ROOT"
fi
echo "restored $db${media:+ and $media}"
