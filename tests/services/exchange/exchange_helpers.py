"""Helpers for the exchange tests: proof that a refused file changed nothing, the
exchange document of a ZIP read and written again as a forger would, and the exchange
file of a small archive made by the bench's generator."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from app.models.database import Database, open_database
from app.services.exchange.export_archive import export_archive
from bench.archive import Scale, generate

ENTRY = "kenes-exchange.json"


def fingerprint(db: Database) -> str:
    """Every table's rows, sorted, hashed: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    with db.reading() as session:
        conn = session.connection()
        tables = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        for table in tables:
            rows = sorted(repr(tuple(r)) for r in conn.exec_driver_sql(f'SELECT * FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}".encode())
            for row in rows:
                digest.update(row.encode())
    return digest.hexdigest()


def database_bytes(path: Path) -> bytes:
    """The database as it lies on disk, with its WAL if one is left."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def read_package(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The exchange document of a ZIP and its other entries (the materials)."""
    with ZipFile(path) as source:
        data: dict[str, Any] = json.loads(source.read(ENTRY))
        entries = {name: source.read(name) for name in source.namelist() if name != ENTRY}
    return data, entries


def write_package(target: Path, data: dict[str, Any], entries: dict[str, bytes]) -> Path:
    """A ZIP holding ``data`` as its exchange document and ``entries`` beside it."""
    with ZipFile(target, "w", ZIP_DEFLATED) as out:
        out.writestr(ENTRY, json.dumps(data, ensure_ascii=False))
        for name, content in entries.items():
            out.writestr(name, content)
    return target


def exported_archive(folder: Path, scale: Scale, name: str) -> Path:
    """The exchange file (ZIP) of an archive generated at ``scale`` in ``folder``."""
    generate(folder / f"{name}.sqlite3", scale)
    db = open_database(folder / f"{name}.sqlite3")
    try:
        export_archive(db, folder / f"{name}.kenes.zip")
    finally:
        db.close()
    return folder / f"{name}.kenes.zip"
