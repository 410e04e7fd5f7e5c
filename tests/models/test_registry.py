"""The registry of mapped classes: the metadata knows every table the migrations make."""

from __future__ import annotations

from sqlalchemy import inspect

from app.models import registry
from app.models.base import Base
from app.models.database import Database

# Tables the migrations make outside the models: Alembic's own, and the full-text index.
NOT_MAPPED = {"alembic_version"}


def test_every_migrated_table_is_mapped_and_every_mapped_table_migrated(database: Database) -> None:
    migrated = {
        name
        for name in inspect(database.engine).get_table_names()
        if not name.startswith("search_index")
    } - NOT_MAPPED
    assert set(Base.metadata.tables) == migrated


def test_each_registered_module_brings_its_tables() -> None:
    modules = {
        registry.accounts: {"accounts", "account_roles"},
        registry.audit: {"audit_events"},
        registry.esign: {
            "signed_documents",
            "electronic_signatures",
            "trust_roots",
            "revocation_lists",
        },
        registry.profile_history: {"profile_versions"},
        registry.review: {"review_remarks"},
    }
    for module, tables in modules.items():
        declared = {
            value.__tablename__
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Base) and value is not Base
        }
        assert declared == tables, module.__name__
