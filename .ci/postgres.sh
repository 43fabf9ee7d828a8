#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a free loopback port and exports its JDBC URL as
# P2P_TEST_POSTGRES_URL (plus _USER and _PASSWORD) for the tracker's PostgresServerIT.
# Source it: `. .ci/postgres.sh`; call stop_test_postgres when done (.ci/run traps it).
# The server refuses to run as root, so as root it runs as the 'postgres' user.

pg_bin() {
  if command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
  fi
}

if [ -z "$(pg_bin initdb)" ]; then
  echo "postgres.sh: no PostgreSQL server binaries; installing Debian's postgresql" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

TEST_PG_DIR=$(mktemp -d /tmp/p2p-test-postgres.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$TEST_PG_DIR"
as_server_user "$(pg_bin initdb) -D $TEST_PG_DIR/data -U postgres -A trust --no-sync -E UTF8" >"$TEST_PG_DIR/initdb.log"
# the first port the server can bind: nothing listening there is not enough, since these
# ports lie in the kernel's ephemeral range, where a socket of an earlier test can linger
TEST_PG_PORT=
for port in $(seq 55432 55532); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    continue
  fi
  if as_server_user "$(pg_bin pg_ctl) -D $TEST_PG_DIR/data -l $TEST_PG_DIR/server.log -w -t 60 \
    -o '-p $port -k $TEST_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null 2>&1; then
    TEST_PG_PORT=$port
    break
  fi
done
if [ -z "$TEST_PG_PORT" ]; then
  echo "postgres.sh: PostgreSQL could not bind any port from 55432 to 55532; its log:" >&2
  tail -n 20 "$TEST_PG_DIR/server.log" >&2
  rm -rf "$TEST_PG_DIR"
  return 1 2>/dev/null || exit 1
fi

export P2P_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$TEST_PG_PORT/postgres"
export P2P_TEST_POSTGRES_USER=postgres
export P2P_TEST_POSTGRES_PASSWORD=
echo "postgres.sh: PostgreSQL listening on 127.0.0.1:$TEST_PG_PORT (data in $TEST_PG_DIR)"

stop_test_postgres() {
  as_server_user "$(pg_bin pg_ctl) -D $TEST_PG_DIR/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$TEST_PG_DIR"
}
