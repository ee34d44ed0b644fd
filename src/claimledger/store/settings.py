"""A corpus's settings: values every command that adds to the corpus reads, whoever runs it."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Connection, delete, select

from claimledger.store import schema as s

MEASURES = "measures"
"""The text of the user's measures file (YAML or JSON), as ``add --measures`` was given it."""


def read(connection: Connection, key: str) -> str | None:
    """The setting's value, or None when it was never set."""
    return connection.execute(select(s.settings.c.value).where(s.settings.c.key == key)).scalar_one_or_none()


def write(connection: Connection, key: str, value: str | None) -> None:
    """Set (or, with None, remove) a setting."""
    connection.execute(delete(s.settings).where(s.settings.c.key == key))
    if value is not None:
        connection.execute(s.settings.insert(), {"key": key, "value": value, "updated_at": datetime.now(timezone.utc).replace(tzinfo=None)})
