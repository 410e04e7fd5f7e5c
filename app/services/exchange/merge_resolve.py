"""The first step of a merge: every record of the file found here, every reference resolved.

Nothing is written yet: a reference to a record neither in the file nor in
the database, or a material whose file is nowhere, refuses the import here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app.domain.translation import N_
from app.formats.exchange_schema import LIST, REF, TABLES
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
            records = self.archive.records(spec.name)
            for index, record in enumerate(records):
                self.where[(spec.name, record["uid"])] = pointer("tables", spec.name, index)
            uids = sorted({r["uid"] for r in records} | self.deletions.get(spec.name, set()))
            model = MODELS[spec.name]
            for start in range(0, len(uids), 500):
                chunk = uids[start : start + 500]
                for record_id, uid in self.session.execute(
                    select(model.id, model.uid).where(model.uid.in_(chunk))
                ):
                    self.existing[(spec.name, uid)] = record_id

    def _refs(self) -> Iterator[tuple[str, str, tuple[str | int, ...], str]]:
        """(target table, uid, place, field) of every reference in the file.

        The place is the pointer's parts: a pointer is made only for a problem (a large
        archive holds about a million references).
        """
        for spec in TABLES:
            fields = [
                (f, [g for g in f.nested.fields if g.kind == REF] if f.nested else [])
                for f in spec.fields
                if f.kind == REF or (f.kind == LIST and f.nested is not None)
            ]
            for index, record in enumerate(self.archive.records(spec.name)):
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
        in_file = {(t, uid) for (t, uid) in self.where}
        wanted: dict[str, set[str]] = defaultdict(set)
        for target, uid, _place, _name in self._refs():
            if (target, uid) not in in_file:
                wanted[target].add(uid)
        for target, uids in wanted.items():
            model = MODELS[target]
            ordered = sorted(uids)
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                for record_id, uid in self.session.execute(
                    select(model.id, model.uid).where(model.uid.in_(chunk))
                ):
                    self.existing[(target, uid)] = record_id
        deleted = self._deleted_keys()
        for target, uid, place, name in self._refs():
            key = (target, uid)
            if (key not in in_file and key not in self.existing) or (
                key in in_file and key in deleted
            ):
                self.problem(pointer("tables", *place, name), DANGLING, field=name, uid=uid)
        self._check_blobs()

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

    def _note_locks(self) -> None:
        for (table, uid), record_id in self.existing.items():
            if table == "protocols":
                state = self.session.scalar(select(Protocol.state).where(Protocol.id == record_id))
                if state is not None:
                    self.protocol_state_before[uid] = state
        meeting_ids = {self.existing[k] for k in self.existing if k[0] == "meetings"}
        for meeting_id in meeting_ids:
            latest = self.session.scalar(
                select(Protocol)
                .where(Protocol.meeting_id == meeting_id)
                .order_by(Protocol.revision.desc())
                .limit(1)
            )
            if latest is not None and latest.state in LOCKED_STATES:
                self.locked_before.add(meeting_id)
