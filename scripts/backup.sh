#!/usr/bin/env bash
# make backup: the database (pg_dump custom format, or a SQLite copy) and the media
# files, into BACKUP_DIR (default backups/), stamped with the time.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
dir=${BACKUP_DIR:-backups}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p "$dir"
eval "$(DEBUG=1 $BIN/python scripts/dbinfo.py)"
if [ "$DB_ENGINE" = postgresql ]; then
  PGPASSWORD="$DB_PASSWORD" pg_dump -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -Fc --no-owner \
    -f "$dir/db-$stamp.dump" "$DB_NAME"
  echo "$dir/db-$stamp.dump"
else
  $BIN/python -c "import sqlite3,sys; s=sqlite3.connect(sys.argv[1]); d=sqlite3.connect(sys.argv[2]); s.backup(d)" \
    "$DB_NAME" "$dir/db-$stamp.sqlite3"
  echo "$dir/db-$stamp.sqlite3"
fi
tar czf "$dir/media-$stamp.tgz" -C "$MEDIA_ROOT" . 2>/dev/null || tar czf "$dir/media-$stamp.tgz" --files-from /dev/null
echo "$dir/media-$stamp.tgz"
