"""Other workstations' writes, announced to the views: gathered, mapped, this workstation's skipped.

The listener itself needs a PostgreSQL server (``test_remote_changes_postgres.py``); here the
notifications are handed to it as its thread would.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from app import models
from app.models.base import Base
from app.services.change_notices import PROCESS
from app.views.operations import EVERYTHING, Changes, Record, hub
from app.views.remote_changes import RemoteChanges, changes_of, listen_for_other_workstations


def announced(qtbot: QtBot) -> list[Changes]:
    seen: list[Changes] = []
    hub().changed.connect(lambda changes, _source: seen.append(changes))
    return seen


def test_a_burst_of_notifications_is_announced_once(qtbot: QtBot) -> None:
    seen = announced(qtbot)
    listener = RemoteChanges("postgresql://unused")  # its thread is not started

    for kind in ("ballots", "ballots", "meetings", "protocol_narratives"):
        listener.arrived.emit(f"otherhost123:{kind}")
    assert seen == []  # gathered for a moment first
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    qtbot.wait(300)

    assert [changes.records for changes in seen] == [
        {Record.CONDUCT, Record.MEETINGS, Record.PROTOCOLS}
    ]
    assert listener.pending == Changes()


def test_this_workstation_s_own_writes_are_not_announced_again(qtbot: QtBot) -> None:
    seen = announced(qtbot)
    listener = RemoteChanges("postgresql://unused")

    listener.arrived.emit(f"{PROCESS}:meetings")
    qtbot.wait(300)

    assert seen == [] and listener.pending == Changes()


def test_an_unknown_kind_refreshes_everything() -> None:
    assert changes_of("seats").records == {Record.COMPOSITION}
    assert changes_of("issued_documents").records == {Record.PROTOCOLS}
    assert changes_of("something_new") == EVERYTHING


def test_every_table_maps_to_the_views_that_show_it_or_refreshes_all() -> None:
    """A new table is either mapped or knowingly left to refresh every view."""
    for module in pkgutil.iter_modules(models.__path__):
        if module.name != "migrations":
            importlib.import_module(f"app.models.{module.name}")

    everything = sorted(name for name in Base.metadata.tables if changes_of(name) == EVERYTHING)

    assert everything == [
        "account_roles",
        "accounts",
        "audit_events",
        "calendar_overrides",
        "kenes_meta",
        "material_blobs",
        "review_remarks",
        "revocation_lists",
        "trust_roots",
    ]


def test_a_sqlite_database_has_no_one_to_listen_to(db_path: Path) -> None:
    assert listen_for_other_workstations(make_url(f"sqlite:///{db_path}"), None) is None
    assert listen_for_other_workstations("not a url", None) is None
