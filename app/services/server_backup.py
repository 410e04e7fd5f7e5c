"""``kenes backup`` of a PostgreSQL database: pg_dump when it is installed, else the archive.

SQLite files are copied page by page (``app/services/backups.py``).  A server database
is copied by the server's own tool, ``pg_dump``, in its custom format (``pg_restore``
reads it back), which is consistent because it reads one snapshot.  Where ``pg_dump``
is not on the PATH (a workstation without the PostgreSQL client), the whole archive is
written as an exchange file with its materials instead: also one consistent read, and
``kenes import`` restores it into an empty database.  The command says which it made.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_
from app.models.database import Database
from app.services.accounts.authorize import authorize
from app.services.base import Actor

PG_DUMP_TIMEOUT = 3600


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    kind: str  # "pg_dump" or "exchange"


def _name(database: Database, moment: datetime, suffix: str) -> str:
    name = (database.url.database or "kenes").replace("/", "_")
    return f"kenes-{name}-{moment:%Y%m%d-%H%M%S}{suffix}"


def back_up_server(
    database: Database, folder: Path, actor: Actor, *, now: datetime | None = None
) -> ServerBackup:
    """Write a consistent copy of ``database`` into ``folder``; pg_dump's if it can.

    With accounts, only an administrator backs the server's database up.
    """
    with database.reading() as session:
        authorize(session, actor.name, "database.backup", None)
    moment = now or datetime.now()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The backup folder {path} cannot be created: {reason}"),
            path=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc
    pg_dump = shutil.which("pg_dump")
    if pg_dump is not None:
        target = folder / _name(database, moment, ".dump")
        url = database.url.set(drivername="postgresql")
        done = subprocess.run(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--file",
                str(target),
                "--dbname",
                url.render_as_string(hide_password=False),
            ],
            capture_output=True,
            text=True,
            timeout=PG_DUMP_TIMEOUT,
            check=False,
        )
        if done.returncode == 0:
            return ServerBackup(target, "pg_dump")
        target.unlink(missing_ok=True)
        if "server version" not in done.stderr:  # an older pg_dump: fall back below
            raise EnvironmentProblem(
                N_("pg_dump could not back up the database: {reason}"),
                reason=done.stderr.strip()[-500:],
            )
    from app.services.exchange.export_archive import export_archive

    target = folder / _name(database, moment, ".kenes.zip")
    export_archive(database, target, embed_materials=True)
    return ServerBackup(target, "exchange")
