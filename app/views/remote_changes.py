"""Refresh when another workstation changes the shared PostgreSQL database.

A thread LISTENs on the channel the services NOTIFY with every write
(``app/services/change_notices.py``) and hands each notification to the GUI thread, which
announces it on the one change hub (``app/views/operations.py``): the views that follow
those records refresh themselves, as they do after the user's own actions.  Notifications
arriving together are gathered for a moment, so a burst of ballots refreshes once.  The
listener reconnects by itself when the server goes away and comes back.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.services.change_notices import CHANNEL, PROCESS, parse
from app.views.operations import EVERYTHING, Changes, Record, announce

log = logging.getLogger(__name__)

GATHER_MS = 150
RECONNECT_SECONDS = 3.0

_KINDS: dict[str, Record] = {
    "councils": Record.COUNCILS,
    "profile_versions": Record.COUNCILS,
    "acts": Record.COMPOSITION,
    "seats": Record.COMPOSITION,
    "people": Record.COMPOSITION,
    "positions": Record.COMPOSITION,
    "position_holdings": Record.COMPOSITION,
    "meetings": Record.MEETINGS,
    "notifications": Record.MEETINGS,
    "agenda_items": Record.AGENDA,
    "agenda_revisions": Record.AGENDA,
    "agenda_approvals": Record.AGENDA,
    "item_speakers": Record.AGENDA,
    "materials": Record.AGENDA,
    "attendance": Record.CONDUCT,
    "invited_persons": Record.CONDUCT,
    "decision_points": Record.CONDUCT,
    "ballots": Record.CONDUCT,
    "voting_reopenings": Record.CONDUCT,
    "dissenting_opinions": Record.CONDUCT,
    "protocol_instructions": Record.INSTRUCTIONS,
}


def changes_of(kind: str) -> Changes:
    """What a notified kind of record means for the views (everything when unknown)."""
    if kind in _KINDS:
        return Changes(_KINDS[kind])
    if kind.startswith(("protocol", "issued", "signed", "electronic")):
        return Changes(Record.PROTOCOLS)
    return EVERYTHING


class RemoteChanges(QObject):
    """Listens for other workstations' writes; announces them on the GUI thread."""

    arrived = Signal(str)

    def __init__(self, conninfo: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.conninfo = conninfo
        self.pending = Changes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="kenes-listen", daemon=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._flush)
        self.arrived.connect(self._gather)
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=64):
                            self.arrived.emit(note.payload)
            except psycopg.Error as exc:
                self.listening.clear()
                log.warning("listening for other workstations' changes: %s", exc)
                self._stop.wait(RECONNECT_SECONDS)

    @Slot(str)
    def _gather(self, payload: str) -> None:
        process, kind = parse(payload)
        if process == PROCESS:
            return  # this workstation's own write: its views refreshed already
        self.pending = self.pending | changes_of(kind)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        changes, self.pending = self.pending, Changes()
        announce(changes)


def listen_for_other_workstations(url: object, parent: QObject | None) -> RemoteChanges | None:
    """Start listening when ``url`` is a PostgreSQL database (nothing to do for SQLite)."""
    from sqlalchemy.engine import URL

    if not isinstance(url, URL) or url.get_backend_name() != "postgresql":
        return None
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    listener = RemoteChanges(conninfo, parent)
    listener.start()
    return listener
