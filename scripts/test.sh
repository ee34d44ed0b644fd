#!/usr/bin/env bash
# Install what the tests need (scripts/bootstrap.sh), then run the whole test suite.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -m "not slow"`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

# The web app's browser tests (tests/test_e2e_browser.py) drive Debian's chromium
# through Playwright; Playwright's own browser download is never used.
if [[ ! -x /usr/bin/chromium ]]; then
  echo "test.sh: installing chromium for the browser tests" >&2
  sudo=""
  [[ $EUID -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
fi

# The corpus tests run against SQLite and against a throwaway PostgreSQL server, which
# scripts/test-postgres.sh installs (Debian's package) if missing, starts, and stops on exit.
source "$ROOT/scripts/test-postgres.sh"
start_test_postgres

status=0
"$ROOT/.venv/bin/python" -m pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
  # pytest's "no tests were collected" must not pass as a green run.
  echo "test.sh: pytest collected no tests; that counts as a failure" >&2
  exit 1
fi
exit "$status"
