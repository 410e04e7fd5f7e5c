"""The people of a frozen vote record, as database ids inside and as uids in a file.

A closed vote keeps who was entitled and present, who presided, who chaired,
each ballot and the deciding voter (``frozen_votes``); a reopened vote keeps
its previous record the same way.  The export writes those people by uid and
the import reads them back to ids: both directions walk the same fields here,
so a field added to the record cannot be mapped one way and forgotten the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PERSON_FIELDS = ("presiding_id", "chair_id")


def _people_mapped(
    frozen: Any, person: Callable[[Any], Any], ballot_person: Callable[[Any], Any]
) -> Any:
    """``frozen`` with each person mapped by ``person`` (a ballot's key by ``ballot_person``)."""
    if not isinstance(frozen, dict):
        return frozen
    out = dict(frozen)
    if isinstance(frozen.get("entitled_present"), list):
        out["entitled_present"] = [person(p) for p in frozen["entitled_present"]]
    for key in PERSON_FIELDS:
        if key in frozen:
            out[key] = person(frozen[key])
    if isinstance(frozen.get("ballots"), dict):
        out["ballots"] = {str(ballot_person(k)): v for k, v in frozen["ballots"].items()}
    result = frozen.get("result")
    if isinstance(result, dict) and "deciding_voter_id" in result:
        out["result"] = {**result, "deciding_voter_id": person(result["deciding_voter_id"])}
    return out


def frozen_out(frozen: Any, uid_of: Callable[[str, int | None], str | None]) -> Any:
    """A frozen vote's people as uids, for a file; ``uid_of(table, id)`` maps one."""

    def person(value: Any) -> Any:
        return uid_of("people", value) if isinstance(value, int) else None

    def ballot_person(key: Any) -> Any:
        # Ballot keys are ids written as text; anything else is kept as it is.
        return person(int(key)) if str(key).isdigit() else key

    return _people_mapped(frozen, person, ballot_person)


def frozen_in(frozen: Any, id_of: Callable[[str, str | None], int | None]) -> Any:
    """A file's frozen vote with its people as database ids; ``id_of(table, uid)`` maps one."""

    def person(value: Any) -> Any:
        return id_of("people", value) if isinstance(value, str) else None

    return _people_mapped(frozen, person, person)
