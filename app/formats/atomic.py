"""Write a file whole or not at all.

A file is written to a temporary file in the target's own folder (the same
filesystem, so the rename is atomic), flushed and synced to the disk, and then
renamed over the target with :func:`os.replace`. If anything fails on the way
(a full disk, a folder made read-only, a writer that raises), the temporary
file is removed and the target is left as it was: the previous file intact, or
no file at all. A reader never sees a half-written file, and a crash leaves at
worst a stray ``.kenes-*.partial`` file beside the target, never a torn one.

The temporary file is created for the user alone (``0600``, as
:func:`tempfile.mkstemp` does), so the written file is too.

Errors are the :class:`OSError` of the failing step, unchanged: the caller
says to the user what could not be written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

PREFIX = ".kenes-"
SUFFIX = ".partial"


def write_bytes(target: Path | str, data: bytes) -> int:
    """Write ``data`` to ``target`` atomically; return the number of bytes written."""
    return write_stream(target, lambda stream: stream.write(data))


def write_stream(target: Path | str, write: Callable[[BinaryIO], object]) -> int:
    """Let ``write`` fill an open binary stream, then put it in place; return the size."""

    def fill(temporary: Path) -> None:
        with temporary.open("wb") as stream:
            write(stream)

    return write_path(target, fill)


def write_path(target: Path | str, write: Callable[[Path], object]) -> int:
    """Let ``write`` create the file at the path it is given, then put it in place.

    For writers that want a file name rather than a stream (a ZIP archive, a
    workbook's ``save``). Returns the size of the file written.
    """
    final = Path(target)
    handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=SUFFIX, dir=final.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _sync(temporary)
        os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(final.parent)
    return final.stat().st_size


def _sync(path: Path) -> None:
    """Flush the file's bytes to the disk (the rename must not outrun them)."""
    with path.open("rb+") as stream:
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows (POSIX; not on Windows)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
