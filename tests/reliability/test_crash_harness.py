"""Kill Kenes with SIGKILL at random moments: the database stays sound and keeps every commit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models.backup import integrity_check
from app.models.composition import Council, Person, PositionHolding, Seat
from app.models.database import open_database

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 50


def run_and_kill(db_path: Path, seed: int, delay: float) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if line.strip() == "READY":
            break
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    rest, _err = child.communicate(timeout=30)
    lines.extend(rest.splitlines())
    assert child.returncode == -signal.SIGKILL, _err
    return [line for line in lines if line.startswith("COMMITTED")]


@pytest.mark.slow
def test_every_reported_commit_survives_sigkill(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.sqlite3"
    open_database(db_path).close()
    rng = random.Random(20261122)
    started = time.monotonic()
    reported: list[str] = []
    for seed in range(KILLS):
        reported += run_and_kill(db_path, seed, rng.uniform(0.0, 0.25))
        report = integrity_check(db_path, full=True)
        assert report.ok, (seed, report.problems)
    assert time.monotonic() - started < 300
    db = open_database(db_path)
    try:
        with db.reading() as session:
            councils = {c.id for c in session.scalars(select(Council))}
            people = {p.surname for p in session.scalars(select(Person))}
            holdings = {
                (h.person_id, h.valid_from.isoformat())
                for h in session.scalars(select(PositionHolding))
            }
            person_ids = {p.surname: p.id for p in session.scalars(select(Person))}
            seats = {(s.council_id, s.position_id) for s in session.scalars(select(Seat))}
    finally:
        db.close()
    checked = 0
    for line in reported:
        _, kind, key = line.split(" ", 2)
        if kind == "council":
            assert int(key) in councils
        elif kind == "person":
            assert key in people
        elif kind == "holding":
            surname, day = key.split(":")
            assert (person_ids[surname], day) in holdings
        elif kind == "seat":
            council_id, position_id = key.split(":")
            assert (int(council_id), int(position_id)) in seats
        checked += 1
    assert checked >= KILLS * 2  # the harness really did work between kills
