#!/usr/bin/env bash
# Install what the tests need (scripts/bootstrap.sh), then run the whole test suite.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -m "not slow"`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

status=0
"$ROOT/.venv/bin/python" -m pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
  # pytest's "no tests were collected" must not pass as a green run.
  echo "test.sh: pytest collected no tests; that counts as a failure" >&2
  exit 1
fi
exit "$status"
