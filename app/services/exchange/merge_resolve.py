"""The first step of a merge: every record of the file found here, every reference resolved.

Nothing is written yet: a reference to a record neither in the file nor in
the database, or a material whose file is nowhere, refuses the import here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from app.domain.translation import N_
from app.formats.exchange_schema import LIST, REF, TABLES, TableSpec
from app.formats.exchange_values import pointer
from app.models.meeting import MaterialBlob
from app.models.protocol import Protocol
from app.services.exchange.merge_state import DANGLING, Key, MergeState
from app.services.exchange.records import MODELS
from app.services.protocols.common import LOCKED_STATES


class MergeResolve(MergeState):
    """Finds the records of the file in the database and resolves their references."""

    def _index(self) -> None:
        for spec in TABLES:
            self._index_records(spec, self.archive.records(spec.name), 0)

    def _index_records(
        self, spec: TableSpec, records: Sequence[Mapping[str, Any]], at: int
    ) -> None:
        """Each of ``records`` (of ``spec``'s table, from place ``at``) found here, by its uid."""
        for index, record in enumerate(records, at):
            self.where[(spec.name, record["uid"])] = pointer("tables", spec.name, index)
        uids = {r["uid"] for r in records}
        if not at:
            uids |= self.deletions.get(spec.name, set())
        self._find_existing(spec.name, uids)

    def _find_existing(self, table: str, uids: set[str]) -> None:
        """The database ids of those of ``uids`` that are in ``table`` here."""
        model = MODELS[table]
        ordered = sorted(uids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for record_id, uid in self.session.execute(
                select(model.id, model.uid).where(model.uid.in_(chunk))
            ):
                self.existing[(table, uid)] = record_id

    def _refs(self) -> Iterator[tuple[str, str, tuple[str | int, ...], str]]:
        """(target table, uid, place, field) of every reference in the file."""
        for spec in TABLES:
            yield from self._refs_of(spec, self.archive.records(spec.name), 0)

    def _refs_of(
        self, spec: TableSpec, records: Sequence[Mapping[str, Any]], at: int
    ) -> Iterator[tuple[str, str, tuple[str | int, ...], str]]:
        """(target table, uid, place, field) of every reference in ``records`` (of ``spec``'s
        table, from place ``at``).

        The place is the pointer's parts: a pointer is made only for a problem (a large
        archive holds about a million references).
        """
        fields = [
            (f, [g for g in f.nested.fields if g.kind == REF] if f.nested else [])
            for f in spec.fields
            if f.kind == REF or (f.kind == LIST and f.nested is not None)
        ]
        for index, record in enumerate(records, at):
            for fspec, nested_refs in fields:
                value = record.get(fspec.name)
                if fspec.kind == REF:
                    if value is not None:
                        yield fspec.target, value, (spec.name, index), fspec.name
                    continue
                for j, child in enumerate(value or []):
                    for g in nested_refs:
                        if (uid := child.get(g.name)) is not None:
                            yield g.target, uid, (spec.name, index, fspec.name, j), g.name

    def _resolve(self) -> None:
        self._resolve_refs(self._refs)
        self._check_blobs()

    def _resolve_records(
        self, spec: TableSpec, records: Sequence[Mapping[str, Any]], at: int
    ) -> None:
        """The references of ``records`` resolved: every table they may name was indexed before
        them (or is their own, indexed with them)."""
        self._resolve_refs(lambda: self._refs_of(spec, records, at))
        if spec.name == "materials":
            self._check_blobs()

    def _resolve_refs(
        self, refs: Callable[[], Iterator[tuple[str, str, tuple[str | int, ...], str]]]
    ) -> None:
        """Every reference of ``refs()`` to a record neither in the file nor here, a problem."""
        in_file = self.where
        wanted: dict[str, set[str]] = defaultdict(set)
        for target, uid, _place, _name in refs():
            if (target, uid) not in in_file:
                wanted[target].add(uid)
        for target, uids in wanted.items():
            self._find_existing(target, uids)
        deleted = self._deleted_keys()
        for target, uid, place, name in refs():
            key = (target, uid)
            if (key not in in_file and key not in self.existing) or (
                key in in_file and key in deleted
            ):
                self.problem(pointer("tables", *place, name), DANGLING, field=name, uid=uid)

    def _deleted_keys(self) -> set[Key]:
        return {(t, u) for t, uids in self.deletions.items() for u in uids}

    def _check_blobs(self) -> None:
        shas: dict[str, tuple[int, dict[str, Any]]] = {}
        for index, record in enumerate(self.archive.records("materials")):
            shas.setdefault(record["sha256"], (index, record))
        if not shas:
            return
        present = set(
            self.session.scalars(
                select(MaterialBlob.sha256).where(MaterialBlob.sha256.in_(sorted(shas)))
            )
        )
        for sha, (index, record) in shas.items():
            if sha not in present and not self.archive.has_blob(sha):
                self.problem(
                    pointer("tables", "materials", index, "sha256"),
                    N_(
                        "The file of the material “{name}” is neither in the archive nor in the "
                        "database (SHA-256 {sha})."
                    ),
                    name=record["file_name"],
                    sha=sha,
                )

    def _read_locks(self) -> None:
        """Before anything is written: the state of every protocol here, and of each meeting's
        latest revision (whether its signed protocol locks its record)."""
        self.states_here = {}
        self.latest_here = {}
        revisions: dict[int, int] = {}
        for uid, meeting_id, revision, state in self.session.execute(
            select(Protocol.uid, Protocol.meeting_id, Protocol.revision, Protocol.state)
        ):
            self.states_here[uid] = state
            if revision > revisions.get(meeting_id, -1):
                revisions[meeting_id] = revision
                self.latest_here[meeting_id] = state

    def _note_locks(self) -> None:
        """Of the records found here, the protocols' states and the meetings locked, as
        :meth:`_read_locks` read them."""
        for (table, uid), record_id in self.existing.items():
            if table == "protocols" and uid in self.states_here:
                self.protocol_state_before[uid] = self.states_here[uid]
            elif table == "meetings" and self.latest_here.get(record_id) in LOCKED_STATES:
                self.locked_before.add(record_id)
