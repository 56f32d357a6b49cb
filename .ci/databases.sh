#!/usr/bin/env bash
# Installs (if missing) and starts throw-away PostgreSQL and MariaDB servers for the test suite,
# then prints the `export FLASH_TEST_*_URL=...` lines to stdout. Idempotent: a server already
# answering on its port is reused. Data lives under $FLASH_DB_ROOT (default /tmp/flash-test-dbs).
set -euo pipefail

ROOT=${FLASH_DB_ROOT:-/tmp/flash-test-dbs}
PG_PORT=${FLASH_PG_PORT:-55432}
MY_PORT=${FLASH_MY_PORT:-33306}
mkdir -p "$ROOT"
# The servers run as other users (postgres): they must be able to reach their folders.
chmod 755 "$ROOT"

log() { echo "[databases] $*" >&2; }

need_apt=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_apt+=(postgresql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need_apt+=(mariadb-server mariadb-client)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]} from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # policy-rc.d keeps the packages from starting their own system services.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
fi

# ---- PostgreSQL ---------------------------------------------------------------------------
PGDATA="$ROOT/pg"
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "initdb $PGDATA"
    mkdir -p "$PGDATA"; chown -R postgres:postgres "$ROOT/pg" 2>/dev/null || true
    su postgres -s /bin/sh -c "$pg_bin/initdb -D '$PGDATA' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >&2
  fi
  log "starting PostgreSQL on port $PG_PORT"
  su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D '$PGDATA' -l '$PGDATA/server.log' -w -t 60 \
    -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2
fi

# ---- MariaDB ------------------------------------------------------------------------------
MYDATA="$ROOT/mysql"
MYSOCK="$ROOT/mysql.sock"
my_ping() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P "$MY_PORT" -u root -pflash ping >/dev/null 2>&1 || mariadb-admin --protocol=tcp -h 127.0.0.1 -P "$MY_PORT" -u root ping >/dev/null 2>&1; }
if ! my_ping; then
  if [ ! -d "$MYDATA/mysql" ]; then
    log "mariadb-install-db $MYDATA"
    mkdir -p "$MYDATA"
    mariadb-install-db --user=root --datadir="$MYDATA" --auth-root-authentication-method=normal \
      --skip-test-db >&2
  fi
  log "starting MariaDB on port $MY_PORT"
  nohup mariadbd --user=root --datadir="$MYDATA" --port="$MY_PORT" --bind-address=127.0.0.1 \
    --socket="$MYSOCK" --pid-file="$ROOT/mysql.pid" --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
    --max-connections=300 --log-error="$ROOT/mysql.err" >/dev/null 2>&1 &
  for _ in $(seq 1 60); do my_ping && break; sleep 1; done
  my_ping || { cat "$ROOT/mysql.err" >&2; log "MariaDB did not start"; exit 1; }
  # Root over TCP without a password, for tests only.
  mariadb --protocol=socket -S "$MYSOCK" -u root -e \
    "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('flash'); \
     CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY 'flash'; \
     GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;" >&2 || true
fi

echo "export FLASH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "export FLASH_TEST_MYSQL_URL=mysql://root:flash@127.0.0.1:$MY_PORT/mysql"
