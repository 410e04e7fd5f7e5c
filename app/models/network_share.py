"""Is a SQLite file on a network share?  Offices put databases there; SQLite warns against it.

SQLite's locking relies on the file system, and SMB/CIFS and NFS do not honour it
reliably: two workstations writing one file over a share can corrupt it
(https://sqlite.org/useovernet.html).  Kenes does not refuse (a single user on a share
mostly works), but says so and points to PostgreSQL for several workstations.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.domain.translation import N_

#: File-system types of /proc/mounts that are network shares.
NETWORK_TYPES = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "9p",
        "afpfs",
        "ncpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.rclone",
        "glusterfs",
        "ceph",
    }
)

MSG_NETWORK_SHARE = N_(
    "The database {path} is on a network share. SQLite files are not safe there when "
    "several workstations write to them: the file can be damaged. Keep the file on this "
    "computer's disk, or use a PostgreSQL server for several workstations "
    "(see the deployment guide)."
)

_DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces and tabs in mount points as octal escapes."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mount_type(path: PurePosixPath, mounts: str) -> str | None:
    """The file-system type of the mount holding ``path``, from /proc/mounts' text."""
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = PurePosixPath(_unescape(fields[1]))
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) > best[0]
        ):
            best = (len(point.parts), fields[2])
    return None if best is None else best[1]


def is_unc(path: str) -> bool:
    """A Windows path of the form \\\\server\\share\\…"""
    return PureWindowsPath(path).drive.startswith("\\\\")


def on_network_share(path: Path) -> bool:
    """Whether ``path`` lies on a network share (as far as this system can tell)."""
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path
    if sys.platform == "win32":
        return _windows_remote(str(resolved))
    if sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return mount_type(PurePosixPath(resolved), mounts) in NETWORK_TYPES
    return False


def _windows_remote(path: str) -> bool:
    if is_unc(path):
        return True
    import ctypes

    drive = os.path.splitdrive(path)[0]
    if not drive:
        return False
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE)


def database_on_share(url: object) -> Path | None:
    """The SQLite file of ``url`` when it lies on a network share, else None."""
    from sqlalchemy.engine import URL

    if not isinstance(url, URL) or url.get_backend_name() != "sqlite" or not url.database:
        return None
    if url.database == ":memory:":
        return None
    path = Path(url.database)
    return path if on_network_share(path) else None
