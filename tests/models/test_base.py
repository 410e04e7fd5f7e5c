"""The naming convention: every constraint and index is named alike, in models and migrations."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

import app.models.registry  # noqa: F401 - every mapped class, so the metadata is complete
from app.models.base import NAMING_CONVENTION, Base
from app.models.database import Database


def test_the_models_name_their_constraints_by_the_convention() -> None:
    ddl = str(CreateTable(Base.metadata.tables["account_roles"]).compile(dialect=sqlite.dialect()))
    assert "CONSTRAINT pk_account_roles PRIMARY KEY" in ddl
    assert "CONSTRAINT uq_account_roles_account_id_council_id_role UNIQUE" in ddl
    assert "CONSTRAINT fk_account_roles_account_id_accounts FOREIGN KEY" in ddl
    index = next(iter(Base.metadata.tables["audit_events"].c.action.table.indexes))
    assert str(index.name).startswith("ix_audit_events_")


def test_the_migrated_database_follows_the_convention(database: Database) -> None:
    """Names made by migrations match the names the models would make (no stray spellings)."""
    inspector = inspect(database.engine)
    for name, table in Base.metadata.tables.items():
        assert inspector.get_pk_constraint(name)["name"] == f"pk_{name}"
        for key in inspector.get_foreign_keys(name):
            column, referred = key["constrained_columns"][0], key["referred_table"]
            assert key["name"] == f"fk_{name}_{column}_{referred}", (name, key)
        for unique in inspector.get_unique_constraints(name):
            assert unique["name"] == f"uq_{name}_{'_'.join(unique['column_names'])}", (name, unique)
        # Every column the models index has its index under the conventional name
        # (migrations may add named partial indexes besides).
        indexes = {i["name"] for i in inspector.get_indexes(name)}
        for column in table.columns:
            if column.index:
                assert f"ix_{name}_{column.name}" in indexes, (name, column.name)


def test_the_convention_covers_each_kind_of_constraint() -> None:
    assert set(NAMING_CONVENTION) == {"ix", "uq", "ck", "fk", "pk"}
    assert all("%(table_name)s" in NAMING_CONVENTION[k] for k in ("uq", "ck", "fk", "pk"))
