"""The inputs a corpus has stored (file, URL or JSONL chunk keys), so that ``add`` skips them next time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

from claimledger.store import schema as s
from claimledger.store.db import chunks


@dataclass(frozen=True)
class StoredInput:
    """An input as it was when stored: its fingerprint, the program version, how many articles it held."""

    key: str
    fingerprint: str
    version: str
    articles: int


def stored(connection: Connection, keys: Iterable[str]) -> dict[str, StoredInput]:
    """The stored record of each of ``keys`` that has one."""
    found: dict[str, StoredInput] = {}
    for chunk in chunks(keys):
        rows = connection.execute(select(s.inputs).where(s.inputs.c.key.in_(chunk)))
        found.update({r.key: StoredInput(r.key, r.fingerprint, r.version, r.articles) for r in rows})
    return found


def record(connection: Connection, inputs: list[StoredInput]) -> None:
    """Mark inputs stored (replacing an older record of the same key)."""
    if not inputs:
        return
    for chunk in chunks(i.key for i in inputs):
        connection.execute(delete(s.inputs).where(s.inputs.c.key.in_(chunk)))
    connection.execute(
        s.inputs.insert(),
        [{"key": i.key, "fingerprint": i.fingerprint, "version": i.version, "articles": i.articles} for i in inputs],
    )
