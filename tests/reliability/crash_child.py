"""Child of the crash harness: performs real user actions and reports each commit.

Run as ``python crash_child.py DB SEED``; prints ``READY`` once the database is
open, then ``COMMITTED <kind> <key>`` after every committed action, until killed.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from app.domain.composition import Role, SeatKind
from app.models.database import open_database
from app.services.base import Actor
from app.services.councils import CouncilData, create_council
from app.services.people import (
    PersonData,
    PositionData,
    appoint_to_position,
    create_person,
    create_position,
)
from app.services.seats import SeatData, add_seat

ME = Actor("crash-harness")


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    council = create_council(db, ME, CouncilData(name_en=f"Council {seed}"))
    print(f"COMMITTED council {council.id}", flush=True)
    print("READY", flush=True)
    day = date(2020, 1, 1)
    position = create_position(db, ME, PositionData(title_en=f"Minister {seed}"))
    print(f"COMMITTED position {position.id}", flush=True)
    add_seat(
        db, ME, council.id, SeatData(Role.MEMBER, SeatKind.EX_OFFICIO, day, position_id=position.id)
    )
    print(f"COMMITTED seat {council.id}:{position.id}", flush=True)
    counter = 0
    while True:
        counter += 1
        key = f"s{seed}n{counter}"
        person = create_person(db, ME, PersonData(surname=key, note="x" * rng.randint(0, 3000)))
        print(f"COMMITTED person {key}", flush=True)
        day += timedelta(days=1)
        appoint_to_position(db, ME, position.id, person.id, day)
        print(f"COMMITTED holding {key}:{day.isoformat()}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
