"""Where the corpus lives and how to talk to it: the database URL, the engine, migrations, write transactions.

SQLite is the default because a corpus should need nothing but a file; it runs in
WAL mode so that readers never wait for a writer, and every write transaction
starts with ``BEGIN IMMEDIATE`` so that two processes adding at once queue for the
write lock (up to ``BUSY_TIMEOUT`` seconds) instead of failing halfway through a
transaction that began as a read. PostgreSQL is used when the location is a
``postgresql://`` URL (driver: psycopg 3).

The schema is built and upgraded by the Alembic migrations packaged in
``store/migrations``, run on every open: opening an old corpus upgrades it, opening
a current one costs a version check.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from claimledger.errors import (
    CorpusNeedsUpgrade,
    DatabaseUnreachable,
    DiskFull,
    ReadOnlyDatabase,
    StorageError,
    mask_password,
)

ENV_VAR = "CLAIMLEDGER_DB"
BUSY_TIMEOUT = 60.0
"""Seconds a SQLite writer waits for another process's write transaction to end."""
WRITE_ATTEMPTS = 5
"""How often a write transaction is tried before its error is raised (lock timeouts, PostgreSQL races)."""
MIGRATION_LOCK = 0x636C_6169  # any constant: PostgreSQL advisory lock id serialising concurrent migrations

T = TypeVar("T")


IN_CHUNK = 500
"""Values per ``IN (…)`` list: well under every database's limit on bound parameters."""


def chunks(items: Iterable[T]) -> Iterator[list[T]]:
    """``items`` in lists of ``IN_CHUNK``, for queries that filter on many keys."""
    values = list(items)
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def shown_location(db: str | os.PathLike[str] | None) -> str:
    """Where the corpus is, as a message may show it: a path, or a URL with its password masked."""
    location = str(db) if db is not None else os.environ.get(ENV_VAR) or str(default_path())
    return mask_password(location)


_DISK_FULL = ("disk is full", "no space left", "could not extend", "disk full")
_READ_ONLY = ("readonly database", "read-only", "permission denied", "read only")


def storage_error(
    error: BaseException, db: str | os.PathLike[str] | None, stored: str = "", located: bool = True
) -> StorageError:
    """The coded error of a database failure: one line, without SQL, parameters or a password.

    ``stored`` says what was stored before the failure and how to resume (``Corpus.add`` gives it);
    ``located=False`` when the caller does not know which database failed (the message names none).
    """
    original = getattr(error, "orig", None) or error
    reason = mask_password(str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__)
    lowered = reason.lower()
    where = shown_location(db) if located else "(the database)"
    tail = f"; {stored}" if stored else ""
    if any(words in lowered for words in _DISK_FULL) or getattr(original, "errno", None) == 28:
        return DiskFull(f"the disk of the corpus {where} is full ({reason}){tail}. Free some space and run again")
    if any(words in lowered for words in _READ_ONLY):
        return ReadOnlyDatabase(f"the corpus {where} cannot be written ({reason}){tail}")
    if isinstance(error, (OperationalError, OSError)) or "connect" in lowered:
        return DatabaseUnreachable(f"cannot reach the corpus {where} ({reason}){tail}")
    return StorageError(f"the corpus {where} failed ({reason}){tail}")


def default_path() -> Path:
    """``$XDG_DATA_HOME/claimledger/corpus.db``, i.e. ``~/.local/share/claimledger/corpus.db`` by default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "claimledger" / "corpus.db"


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """The SQLAlchemy URL for ``db``: a path is a SQLite file, ``postgresql://…`` uses psycopg 3.

    ``None`` means ``$CLAIMLEDGER_DB`` when set, else :func:`default_path`.
    """
    location = str(db) if db is not None else os.environ.get(ENV_VAR) or str(default_path())
    if location.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + location.split("://", 1)[1]
    if "://" in location:
        return location
    path = Path(location).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def create(url: str, read_only: bool = False) -> Engine:
    """An engine for ``url`` with claimledger's connection settings, its schema migrated to the latest version.

    ``read_only`` (``serve`` on a corpus it cannot write): nothing is written, not even the
    migration, so the schema must be current already (else [E304]); a SQLite file is opened
    with ``mode=ro``, or as immutable when even its WAL index cannot be made (a read-only disk).
    """
    if read_only:
        return _create_read_only(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return engine


def _create_read_only(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, execution_options={"postgresql_readonly": True})
        _require_current(engine)
        return engine
    for flags in ("mode=ro", "immutable=1"):
        engine = create_engine(f"sqlite:///file:{parsed.database}?{flags}&uri=true",
                               connect_args={"timeout": BUSY_TIMEOUT})
        _configure_sqlite(engine, read_only=True)
        try:
            _require_current(engine)
        except OperationalError:
            engine.dispose()
            if flags == "immutable=1":
                raise
            continue
        return engine
    raise AssertionError("unreachable")


def _require_current(engine: Engine) -> None:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "claimledger.store:migrations")
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != head:
        raise CorpusNeedsUpgrade(
            f"the corpus {mask_password(engine.url.render_as_string(hide_password=True))} is read-only and its"
            f" schema is {current or 'empty'}, not {head}: open it once with write access (any corpus command, e.g. claimledger compare) to upgrade it"
        )


def _configure_sqlite(engine: Engine, read_only: bool = False) -> None:
    """WAL, enforced foreign keys, and transactions begun by us (deferred to read, immediate to write)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite must not BEGIN on its own
        cursor = dbapi_connection.cursor()
        if not read_only:  # setting the journal mode writes to the file
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("claimledger_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: all of it is committed, or none of it."""
    with engine.connect() as connection:
        connection = connection.execution_options(claimledger_write=True)
        with connection.begin():
            yield connection


def _retryable(error: DBAPIError) -> bool:
    """A lock that outlasted the busy timeout, or a concurrent writer that stored the same row first."""
    if isinstance(error, IntegrityError):
        return True
    message = str(error.orig).lower()
    return isinstance(error, OperationalError) and ("locked" in message or "busy" in message)


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in a write transaction, again from the start when another writer got in the way.

    ``work`` must read what it depends on inside the transaction, so that a retry
    sees what the other writer stored (an article it added becomes "unchanged").
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with writing(engine) as connection:
                return work(connection)
        except DBAPIError as error:
            if attempt == WRITE_ATTEMPTS or not _retryable(error):
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


class ChangeWatch:
    """Tells cheaply whether anyone committed to the database since the last look.

    SQLite counts commits made by every other connection (``PRAGMA data_version``, a few
    microseconds on a connection kept for it); on other databases it cannot tell and
    always answers yes, so the caller reads its fingerprint of the data again.
    """

    def __init__(self, engine: Engine) -> None:
        self._connection = engine.raw_connection() if engine.dialect.name == "sqlite" else None
        self._version: object = None
        self._lock = threading.Lock()

    @property
    def cheap(self) -> bool:
        """Whether ``changed`` answers without a round trip worth avoiding (it does on SQLite)."""
        return self._connection is not None

    def changed(self) -> bool:
        if self._connection is None:
            return True
        with self._lock:
            cursor = self._connection.cursor()
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
            cursor.close()
            changed, self._version = version != self._version, version
        return changed


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest migration, in one transaction (concurrent openers wait for it)."""
    config = Config()
    config.set_main_option("script_location", "claimledger.store:migrations")
    with writing(engine) as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
