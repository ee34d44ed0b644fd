"""``python -m claimledger`` runs the CLI."""

from claimledger.cli import app

app(prog_name="claimledger")
