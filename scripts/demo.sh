#!/usr/bin/env bash
# The bundled example, end to end: the ledger as a table here, and as a page in out/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

EXAMPLE=src/claimledger/examples/desertion-report.txt
PAGE=out/desertion-report.html

.venv/bin/claimledger analyze "$EXAMPLE" --published 2025-11-28
.venv/bin/claimledger analyze "$EXAMPLE" --published 2025-11-28 --format html --out "$PAGE"
echo
echo "The same ledger as a web page: $PAGE"
