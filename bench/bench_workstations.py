"""11. Workstations: a ballot's latency with ten workstations on one PostgreSQL server.

Ten separate processes (``tests/services/workstation_worker.py``), each the live meeting
of one workstation, cast and re-cast the ballots of their own decision point on a
PostgreSQL cluster started here (all at once: each write also takes the audit chain's
turn).  The baseline, in the same run: the same calls by one process on a SQLite file.
Latency is the service call (``cast_ballot``), key press to committed ballot, without
the repaint; each workstation presses keys at a secretary's pace (``PAUSE_MS``).
Goal: the p95 with ten workstations within 3x the single workstation's.

    .venv/bin/python bench/bench_workstations.py [--quick]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, bench_main, percentile

BENCH = "11. Workstations"
WORKSTATIONS = 10
# A secretary's pace in the live meeting: a key press every 0.4 s on average (random
# between none and 0.8 s).  Ten workstations pressing keys back to back would measure
# this 2-core machine's CPU, not the database: ten processes share two cores.
PAUSE_MS = 400.0


def _prepare(url: str) -> tuple[list[int], list[int]]:
    from app.models.database import open_database
    from app.services.conduct.decisions import add_decision_point
    from tests.services.conduct_helpers import ME, all_present, board_meeting

    database = open_database(url)
    board = board_meeting(database, items=WORKSTATIONS)
    all_present(database, board)
    points = [add_decision_point(database, ME, item, {"en": "Decision"}).id for item in board.items]
    database.close()
    return points, board.members


def _workers(
    url: str, points: list[int], members: list[int], rounds: int, pause_ms: float
) -> list[float]:
    voters = ",".join(map(str, members))
    running = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.services.workstation_worker",
                url,
                "timed",
                str(point),
                voters,
                str(rounds),
                str(pause_ms),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for point in points
    ]
    latencies: list[float] = []
    for process in running:
        out, err = process.communicate(timeout=1800)
        if process.returncode != 0:
            raise RuntimeError(err)
        latencies += [float(v) for v in out.split()]
    return latencies


def run(quick: bool = False) -> list[Figure]:
    from tests.postgres import cluster, find_bin

    rounds = 2 if quick else 6
    with tempfile.TemporaryDirectory(prefix="kenes-bench-ws-") as folder:
        sqlite_url = str(Path(folder) / "single.sqlite")
        points, members = _prepare(sqlite_url)
        single = _workers(sqlite_url, points[:1], members, rounds, PAUSE_MS)
    if find_bin() is None:
        raise RuntimeError("PostgreSQL server binaries are not installed")
    started = time.perf_counter()
    with cluster() as url:
        points, members = _prepare(url)
        alone = _workers(url, points[:1], members, rounds, PAUSE_MS)
        shared = _workers(url, points, members, rounds, PAUSE_MS)
    elapsed = time.perf_counter() - started
    single_p95 = percentile(single, 95)
    shared_p95 = percentile(shared, 95)
    alone_p95 = percentile(alone, 95)
    return [
        Figure(
            BENCH,
            f"ballot p95, {WORKSTATIONS} workstations on PostgreSQL",
            shared_p95,
            "ms",
            single_p95,
            "one workstation on SQLite",
            goal="≤ 3×",
            passed=shared_p95 <= 3 * single_p95,
            note=(
                f"{len(shared)} ballots in {elapsed:.0f} s; p50 {percentile(shared, 50):.1f} ms "
                f"against {percentile(single, 50):.1f} ms"
            ),
        ),
        Figure(
            BENCH,
            f"ballot p95, {WORKSTATIONS} workstations on PostgreSQL, against one on PostgreSQL",
            shared_p95,
            "ms",
            alone_p95,
            "one workstation on the same server",
            note=(
                "what sharing the server costs; p50 "
                f"{percentile(shared, 50):.1f} ms against {percentile(alone, 50):.1f} ms"
            ),
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(bench_main(__doc__ or "", run, needs_archive=False))
