"""Alembic environment: Kenes passes an open connection; no alembic.ini is needed."""

from __future__ import annotations

from alembic import context

import app.models.registry  # noqa: F401 - registers every mapped class
from app.models.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via `alembic` CLI, which Kenes does not use
    raise RuntimeError("Kenes runs its migrations through app.models.database.upgrade()")



def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """The full-text index (FTS5 and its shadow tables) is made by SQL in a migration."""
    return not (type_ == "table" and (name or "").startswith("search_index"))


context.configure(
    connection=connection,
    include_name=include_name,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
