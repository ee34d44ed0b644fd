"""Alembic environment: migrations run on the connection claimledger.store.db.migrate hands over.

They run inside that connection's transaction, so a half-applied upgrade is never
committed. Generate a new revision from a checkout with, for example::

    .venv/bin/python -c "from alembic.config import Config; from alembic import command; \
c = Config(); c.set_main_option('script_location', 'src/claimledger/store/migrations'); \
command.revision(c, 'what changes')"

and write its upgrade by hand to match ``store/schema.py`` (tests/test_store.py checks they agree).
"""

from __future__ import annotations

from alembic import context

from claimledger.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("claimledger migrations run through claimledger.store.db.migrate(engine)")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
