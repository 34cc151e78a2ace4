#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster and a Redis server on
# loopback, installing them (and chromium, xmlsec1) with apt-get when missing. Both are
# stopped, and their files removed, however the command ends.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=/usr/lib/postgresql/15/bin
need=()
[ -x "$PG_BIN/initdb" ] || need+=(postgresql-15)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# e-Authentication (SAML) signs and verifies with xmlsec1.
command -v xmlsec1 >/dev/null 2>&1 || need+=(xmlsec1)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  scripts/apt-install.sh "${need[@]}"
fi

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work=$(mktemp -d /tmp/navet-test-XXXXXX)
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
pg_port=$(free_port)
redis_port=$(free_port)
export TEST_PGDATA="$work/pg"
export TEST_PG_CTL="$PG_BIN/pg_ctl"
export TEST_PG_PORT=$pg_port

cleanup() {
  set +e
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  sleep 0.2
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"${as_pg[@]}" "$PG_BIN/initdb" -D "$work/pg" -U navet --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o \
  "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$work/pg.log"; exit 1; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U navet navet

# A config file, so that fault tests can stop Redis and start it again (TEST_REDIS_CONF).
cat > "$work/redis.conf" <<CONF
port $redis_port
bind 127.0.0.1
save ""
appendonly no
daemonize yes
pidfile $work/redis.pid
dir $work
logfile $work/redis.log
CONF
export TEST_REDIS_CONF="$work/redis.conf"
export TEST_REDIS_PORT=$redis_port
redis-server "$work/redis.conf"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://navet@127.0.0.1:$pg_port/navet"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
echo "PostgreSQL 15 on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
"$@"
