# Sourced by scripts/test.sh: a throwaway PostgreSQL server for the corpus tests.
#
# Debian's `postgresql` package is installed when no server binaries are found (CI
# starts on a fresh machine as root). The server runs from a temp dir, on a free
# loopback port, as the `postgres` user when we are root (initdb refuses root),
# with fsync off; its URL goes to CLAIMLEDGER_TEST_POSTGRES, which the tests read,
# and it is stopped and removed when the calling shell exits.
# A CLAIMLEDGER_TEST_POSTGRES set beforehand names a server to use instead.

_pg_as() {
  # Run a server command as its owner: postgres when we are root, else ourselves.
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pg_bindir() {
  # The newest server install; a client-only install has bin/ but no initdb.
  local initdb
  initdb="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "$initdb" ]]; then dirname "$initdb"; fi
}

start_test_postgres() {
  if [[ -n "${CLAIMLEDGER_TEST_POSTGRES:-}" ]]; then
    echo "test.sh: PostgreSQL tests use CLAIMLEDGER_TEST_POSTGRES as given" >&2
    return
  fi
  local bindir
  bindir="$(_pg_bindir)"
  if [[ -z "$bindir" ]]; then
    echo "test.sh: installing PostgreSQL (Debian's package) for the corpus tests" >&2
    local sudo=""
    [[ $EUID -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    bindir="$(_pg_bindir)"
  fi
  PG_TMP="$(mktemp -d)"
  chmod 755 "$PG_TMP"
  [[ $EUID -eq 0 ]] && chown postgres "$PG_TMP"
  local port
  port="$("$ROOT/.venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  _pg_as "$bindir/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 --no-sync >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  PG_BINDIR="$bindir"
  trap stop_test_postgres EXIT
  _pg_as "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }
  _pg_as "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres claimledger_test
  export CLAIMLEDGER_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/claimledger_test"
  echo "test.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the corpus tests" >&2
}

stop_test_postgres() {
  if [[ -n "${PG_TMP:-}" && -d "$PG_TMP" ]]; then
    _pg_as "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
