"""What marks a database as Kenes's own."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

# PRAGMA application_id of a Kenes SQLite file: "KENS" in ASCII.
SQLITE_APPLICATION_ID = 0x4B454E53
MARKER_KEY = "application"
MARKER_VALUE = "kenes"


class KenesMeta(Base):
    """Key/value facts about the database itself (which application, which version made it)."""

    __tablename__ = "kenes_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))
