"""Alembic environment: always run in-process on a connection the program passes in."""

from alembic import context

from hazard_ledger.db import models  # noqa: F401  (registers the tables)
from hazard_ledger.db.base import Base
from hazard_ledger.db.migrate import include_object

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run in-process: hazard_ledger.db.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object,
)
context.run_migrations()
