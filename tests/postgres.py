"""A throwaway PostgreSQL cluster for the tests that run the models on a server.

Started by the tests themselves (initdb + pg_ctl from Debian's postgresql
package), on a private port and socket folder, and stopped at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text


def find_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


# The marks of every module that needs the server: ``pytestmark = POSTGRES``.
POSTGRES = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def cluster() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh empty database; stop and remove the cluster after."""
    bindir = find_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries are not installed")
    folder = Path(tempfile.mkdtemp(prefix="kenes-pg-"))
    as_root = os.geteuid() == 0

    def run(*args: str) -> None:
        command = list(args)
        if as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    if as_root:
        shutil.chown(folder, "postgres")
    port = _free_port()
    data = folder / "data"
    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
    )
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(folder / "log"),
        "-w",
        "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off",
        "start",
    )
    try:
        run(
            str(bindir / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "kenes_test",
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/kenes_test"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def cut_everyone_else(url: str) -> None:
    """What a network failure or a server restart does to the open connections."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE pid <> pg_backend_pid() AND datname = current_database()"
            )
        )
    admin.dispose()
