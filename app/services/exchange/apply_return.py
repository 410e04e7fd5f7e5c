"""Bring a meeting back from a laptop: the laptop's changes and the user's choice for every
conflict, checked by the same rules as any import, in one transaction.

Nothing is overwritten silently: refused while any conflict has no choice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.domain.errors import DomainError, Term
from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile, ImportRefused
from app.formats.exchange_schema import KIND_RETURN
from app.formats.exchange_values import pointer
from app.formats.problem import Problem
from app.models.database import Database
from app.services.base import Actor, audit, expect
from app.services.exchange.import_common import checked_archive
from app.services.exchange.merge_state import Key
from app.services.exchange.merger import Merger, counts_of
from app.services.exchange.return_analysis import (
    DELETE,
    OURS,
    THEIRS,
    Analysis,
    ReturnPlan,
    ReturnResult,
    analyse,
    refuse_kind,
    table_order,
)


def _check_choices(plan: ReturnPlan, choices: object) -> dict[str, str]:
    chosen = expect(choices, dict, N_("Conflicts"))
    valid: dict[str, str] = {}
    ids = set(plan.conflict_ids)
    for key, value in chosen.items():
        if key not in ids or value not in (OURS, THEIRS):
            raise DomainError(N_("The data for “{what}” is not valid."), what=Term(N_("Conflicts")))
        valid[key] = value
    missing = ids - set(valid)
    if missing:
        raise DomainError(
            N_(
                "Choose which version to keep for every record changed in both "
                "places; still to choose: {count}."
            ),
            count=len(missing),
        )
    return valid


def _relocate(problems: Iterable[Problem], located: Mapping[str, str]) -> list[Problem]:
    """Problems found on the records written, placed where those records are in the file."""
    out = []
    for problem in problems:
        location = problem.pointer
        for prefix, original in located.items():
            if location == prefix or location.startswith(prefix + "/"):
                location = original + location[len(prefix) :]
                break
        out.append(problem.at(pointer=location))
    return out


def _taken(
    found: Analysis, chosen: Mapping[str, str]
) -> tuple[list[Key], dict[str, set[str]], int]:
    """The records to write and to delete: the laptop's changes and the conflicts given to it."""
    upserts: list[Key] = []
    deletions: dict[str, set[str]] = {}
    for change in found.changes:
        key = (change.table, change.uid)
        if change.action == DELETE:
            deletions.setdefault(change.table, set()).add(change.uid)
        else:
            upserts.append(key)
    taken = len(found.changes)
    for conflict in found.conflicts:
        if chosen[conflict.id] != THEIRS:
            continue
        taken += 1
        if conflict.theirs is None:
            deletions.setdefault(conflict.table, set()).add(conflict.uid)
        else:
            upserts.append((conflict.table, conflict.uid))
    return upserts, deletions, taken


def _to_write(
    archive: ArchiveFile, found: Analysis, upserts: list[Key]
) -> tuple[ArchiveFile, dict[str, str]]:
    """The records taken, as a file to merge, and where each was in the original file."""
    tables: dict[str, list[dict[str, Any]]] = {}
    located: dict[str, str] = {}
    ordered = sorted(upserts, key=lambda k: (table_order(k[0]), found.theirs_index.get(k, 0)))
    for table, uid in ordered:
        rows = tables.setdefault(table, [])
        original = found.theirs_index.get((table, uid))
        if original is not None:
            located[pointer("tables", table, len(rows))] = pointer("tables", table, original)
        rows.append(found.theirs[(table, uid)])
    written = dataclasses.replace(archive, kind=KIND_RETURN, tables=tables)
    return written, located


def apply_return(
    db: Database,
    actor: Actor,
    plan: ReturnPlan,
    choices: dict[str, str] | None = None,
) -> ReturnResult:
    """Bring the laptop's changes in, with the user's choice for every conflict ("ours" or
    "theirs"); refused while any conflict has no choice, or if anything breaks a rule."""
    expect(plan, ReturnPlan, N_("Conflicts"))
    archive = checked_archive(plan.archive)
    refuse_kind(archive)
    chosen = _check_choices(plan, {} if choices is None else choices)
    with db.transaction() as session:
        found = analyse(session, archive)
        if found.fingerprint != plan.fingerprint or {c.id for c in found.conflicts} != set(
            plan.conflict_ids
        ):
            raise DomainError(
                N_(
                    "The database changed since the summary was made; read the "
                    "file again and review the new summary."
                )
            )
        upserts, deletions, taken = _taken(found, chosen)
        written, located = _to_write(archive, found, upserts)
        merger = Merger(session, written, deletions=deletions)
        merger.touched_meetings.add(found.meeting.id)
        merger.run()
        if merger.problems:
            raise ImportRefused(_relocate(merger.problems, located))
        counts = counts_of(merger)
        audit(
            session,
            actor,
            "exchange.return",
            entity="meetings",
            entity_id=found.meeting.id,
            council_id=found.meeting.council_id,
            after={
                "package": plan.package_id,
                "file": Path(archive.source).name,
                "taken": taken,
                "kept": found.kept,
                "choices": dict(sorted(chosen.items())),
            },
        )
        return ReturnResult(counts, taken, sum(1 for v in chosen.values() if v == OURS))
