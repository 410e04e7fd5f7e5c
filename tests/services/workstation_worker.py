"""One workstation of the concurrency test: a separate process writing to the server.

    python -m tests.services.workstation_worker URL ballots POINT PERSON[,PERSON...] CHOICE
    python -m tests.services.workstation_worker URL agenda ITEM ROUNDS WHO
    python -m tests.services.workstation_worker URL timed POINT PERSON[,PERSON...] ROUNDS [PAUSE_MS]
    python -m tests.services.workstation_worker URL sign PROTOCOL DAY WHO

Prints one line per outcome (``ok`` or ``conflict``; ``signed`` when the protocol was
already signed by another workstation) and exits 0; any other error is a bug of the
concurrency handling and ends the process with its traceback (exit 1).
"""

from __future__ import annotations

import sys

from app.domain.errors import DomainError
from app.domain.voting import Choice
from app.models.database import open_database
from app.services.agenda.common import ItemData
from app.services.agenda.update_item import update_item
from app.services.base import Actor
from app.services.conduct.voting import cast_ballot


def ballots(url: str, point: int, people: list[int], choice: str) -> None:
    database = open_database(url)
    for person in people:
        cast_ballot(database, Actor(f"ws-{point}"), point, person, Choice(choice))
        print("ok", flush=True)
    database.close()


def timed_ballots(
    url: str, point: int, people: list[int], rounds: int, pause_ms: float = 0.0
) -> None:
    """Cast and re-cast the ballots of ``point``, printing each call's milliseconds.

    ``pause_ms``: the secretary's pace, a pause of up to twice that (random, on average
    ``pause_ms``) before each key press.
    """
    import random
    import time

    pace = random.Random(point)
    database = open_database(url)
    for round_ in range(rounds):
        choice = Choice.FOR if round_ % 2 == 0 else Choice.AGAINST
        for person in people:
            time.sleep(pace.uniform(0, 2 * pause_ms) / 1000)
            started = time.perf_counter()
            cast_ballot(database, Actor(f"ws-{point}"), point, person, choice)
            print(f"{(time.perf_counter() - started) * 1000:.3f}", flush=True)
    database.close()


def agenda(url: str, item_id: int, rounds: int, who: str) -> None:
    database = open_database(url)
    for round_ in range(rounds):
        version = version_of(database, item_id)
        try:
            update_item(
                database,
                Actor(who),
                item_id,
                ItemData(title_kk=f"{who} {round_}", title_ru=f"{who} {round_}"),
                expected_version=version,
            )
            print("ok", flush=True)
        except DomainError as refused:
            assert "changed by someone else" in refused.message(), refused.message()
            print("conflict", flush=True)
    database.close()


def sign(url: str, protocol_id: int, day: str, who: str) -> None:
    """Sign the protocol in Kazakh and Russian, as the chair at another workstation does."""
    from datetime import date

    from app.services.protocols.actions import Signing, sign_protocol

    database = open_database(url)
    signing = Signing(date.fromisoformat(day), languages=("kk", "ru"), accept_gaps=True)
    try:
        sign_protocol(database, Actor(who), protocol_id, signing)
        print("ok", flush=True)
    except DomainError as refused:
        if "changed by someone else" in refused.message():
            print("conflict", flush=True)
        else:  # it began after the other signature was saved: the state's own refusal
            assert "signed" in refused.message(), refused.message()
            print("signed", flush=True)
    database.close()


def version_of(database: object, item_id: int) -> int:
    """The item's version as an editor would have read it."""
    from app.models.meeting import AgendaItem

    with database.reading() as session:  # type: ignore[attr-defined]
        item = session.get(AgendaItem, item_id)
        assert item is not None
        return int(item.version)


if __name__ == "__main__":
    url, kind = sys.argv[1], sys.argv[2]
    if kind == "timed":
        pause = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
        people = [int(p) for p in sys.argv[4].split(",")]
        timed_ballots(url, int(sys.argv[3]), people, int(sys.argv[5]), pause)
    elif kind == "sign":
        sign(url, int(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif kind == "ballots":
        ballots(url, int(sys.argv[3]), [int(p) for p in sys.argv[4].split(",")], sys.argv[5])
    else:
        agenda(url, int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
