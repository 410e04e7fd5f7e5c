"""12. Archive search on PostgreSQL: the same queries as benchmark 5, on the same archive
copied into a PostgreSQL cluster started here, against SQLite in the same run.

The archive (``--archive``, the benchmarks' SQLite file) is copied with
``app.services.copy_database`` (``kenes copy``) into a fresh cluster of Debian's
PostgreSQL (``tests/postgres.py``), whose migration ``0015_postgres_search`` makes the
word indexes.  Every query of ``bench_search.QUERIES`` is checked to give the same hits
on both (records, order, snippets), then timed as in benchmark 5: once to warm up, then
rounds in a shuffled order, SQLite and PostgreSQL alternately.  Goal: p95 ≤ 50 ms on
PostgreSQL, as on SQLite.
"""

from __future__ import annotations

import os
import random
import sys
import time
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_search import GOAL_MS, QUERIES
from bench.common import Figure, bench_main, percentile, timed

BENCH = "12. Search on PostgreSQL"


def _seen(hits: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [(h.kind, h.record_id, h.lang, h.meeting_id, h.snippet) for h in hits]


def run(archive: Path, *, quick: bool = False) -> list[Figure]:
    from app.models.database import open_database
    from app.services.base import Actor
    from app.services.copy_database import copy_database
    from app.services.search import search
    from tests.postgres import cluster, find_bin

    if find_bin() is None:
        raise SystemExit("PostgreSQL server binaries are not installed")
    lite = open_database(archive)
    with cluster() as url:
        server = open_database(url)
        started = time.perf_counter()
        report = copy_database(lite, server, Actor("bench"))
        copy_seconds = time.perf_counter() - started
        try:
            differ = [q for q in QUERIES if _seen(search(lite, q)) != _seen(search(server, q))]
            rng = random.Random(12)
            times: dict[str, list[float]] = {"sqlite": [], "postgres": []}
            for _round in range(3 if quick else 5):
                order = list(QUERIES)
                rng.shuffle(order)
                for query in order:
                    times["sqlite"].append(timed(partial(search, lite, query)) * 1000)
                    times["postgres"].append(timed(partial(search, server, query)) * 1000)
        finally:
            server.close()
            lite.close()
    p95 = percentile(times["postgres"], 95)
    note = (
        f"{len(QUERIES)} queries × {len(times['postgres']) // len(QUERIES)} rounds on the "
        f"archive copied into PostgreSQL ({report.total:,} rows in {copy_seconds:.0f} s); "
        f"p50 {percentile(times['postgres'], 50):.1f} ms, slowest "
        f"{max(times['postgres']):.1f} ms; "
        + ("same hits as SQLite for every query" if not differ else f"hits differ for {differ}")
    )
    return [
        Figure(
            BENCH,
            "search p95 on PostgreSQL",
            p95,
            "ms",
            percentile(times["sqlite"], 95),
            "SQLite FTS5 p95 in the same run",
            f"p95 ≤ {GOAL_MS:.0f} ms, same hits as SQLite",
            p95 <= GOAL_MS and not differ,
            note,
        )
    ]


def main() -> int:
    return bench_main("archive search on PostgreSQL", run)


if __name__ == "__main__":
    raise SystemExit(main())
