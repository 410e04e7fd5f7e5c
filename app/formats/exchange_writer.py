"""Writing an exchange file: the document as UTF-8 JSON, or a ZIP archive with its blobs.

The same content always gives the same bytes: keys in layout order, entries
dated 2000-01-01, each blob written once; the file is written whole or not
at all (a temporary file renamed into place).  :func:`write_streamed` writes
the records as they come (an archive export never holds the whole archive),
byte for byte what :func:`write_file` writes for the same document.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_
from app.formats import atomic
from app.formats.exchange_schema import BLOB_PREFIX, DOCUMENT_ENTRY


def document_bytes(document: Mapping[str, Any]) -> bytes:
    """The document as written: UTF-8, indented for people who read it, keys in layout order."""
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def write_file(
    path: Path,
    document: Mapping[str, Any],
    blobs: Iterable[tuple[str, Callable[[], bytes]]] = (),
    *,
    zipped: bool,
) -> int:
    """Write the file atomically (a temporary file renamed into place); return its size."""
    target = Path(path)

    def write_zip(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(DOCUMENT_ENTRY), document_bytes(document))
            written: set[str] = set()
            for sha256, load in blobs:
                if sha256 in written:
                    continue
                written.add(sha256)
                archive.writestr(_entry(BLOB_PREFIX + sha256), load())

    try:
        if zipped:
            return atomic.write_path(target, write_zip)
        return atomic.write_bytes(target, document_bytes(document))
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(target),
            reason=exc.strerror or str(exc),
        ) from exc


Tables = Iterable[tuple[str, Iterable[Mapping[str, Any]]]]
CHUNK = 1024 * 1024  # characters gathered before they are encoded and written


def write_streamed(
    path: Path,
    head: Mapping[str, Any],
    tables: Tables,
    blobs: Iterable[tuple[str, Callable[[], bytes]]] = (),
    *,
    zipped: bool,
) -> int:
    """Write ``head`` with ``"tables"`` last, each table's records as they come; return the size.

    The bytes are those :func:`write_file` writes for the same document; ``blobs``
    is read only after the document is written, so it may be filled meanwhile.
    """
    target = Path(path)

    def write_zip(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with archive.open(_entry(DOCUMENT_ENTRY), "w") as stream:
                stream_document(head, tables, stream)
            written: set[str] = set()
            for sha256, load in blobs:
                if sha256 not in written:
                    written.add(sha256)
                    archive.writestr(_entry(BLOB_PREFIX + sha256), load())

    try:
        if zipped:
            return atomic.write_path(target, write_zip)
        return atomic.write_stream(target, lambda stream: stream_document(head, tables, stream))
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(target),
            reason=exc.strerror or str(exc),
        ) from exc


def stream_document(head: Mapping[str, Any], tables: Tables, stream: IO[bytes]) -> None:
    """The document as :func:`document_bytes` gives it, written in chunks of about a megabyte."""
    pending: list[str] = []
    size = 0

    def put(text: str) -> None:
        nonlocal size
        pending.append(text)
        size += len(text)
        if size >= CHUNK:
            flush()

    def flush() -> None:
        nonlocal size
        stream.write("".join(pending).encode("utf-8"))
        pending.clear()
        size = 0

    put("{")
    for key, value in head.items():
        if key != "tables":
            put(f"\n {_key(key)}: {_text(value, 1)},")
    put('\n "tables": {')
    first_table = True
    for name, records in tables:
        put(("\n  " if first_table else ",\n  ") + _key(name) + ": [")
        first_table = False
        first = True
        for record in records:
            put(("\n   " if first else ",\n   ") + _text(record, 3))
            first = False
        put("]" if first else "\n  ]")
    put("}\n}" if first_table else "\n }\n}")
    flush()


_string = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False


def _text(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it at ``level``."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        return _dict_text(value, level)
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + " " * (level + 1)
        items = ("," + inner).join([_text(v, level + 1) for v in value])
        return "[" + inner + items + "\n" + " " * level + "]"
    if isinstance(value, dict):
        return _dict_text(value, level)
    return _scalar_text(value)


def _scalar_text(value: Any) -> str:
    """A constant, a number or a text of a subclass, as json.dumps writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value)  # a float (NaN and infinities as json writes them), or TypeError


_PREFIXES: dict[tuple[str, int], str] = {}  # (key, level) → the line's start up to the value


def _dict_text(value: dict[Any, Any], level: int) -> str:
    """A dict, its plain values written inline: most records hold only text and numbers."""
    if not value:
        return "{}"
    parts = []
    for key, item in value.items():
        prefix = _PREFIXES.get((key, level)) if type(key) is str else None
        if prefix is None:
            prefix = "\n" + " " * (level + 1) + _key(key) + ": "
            if type(key) is str and len(_PREFIXES) < 10_000:
                _PREFIXES[(key, level)] = prefix
        kind = type(item)
        if kind is str:
            parts.append(prefix + _string(item))
        elif item is None:
            parts.append(prefix + "null")
        elif kind is int:
            parts.append(prefix + int.__repr__(item))
        else:
            parts.append(prefix + _text(item, level + 1))
    return "{" + ",".join(parts) + "\n" + " " * level + "}"


def _key(key: Any) -> str:
    """A dict key as json.dumps writes it (text, or a number or constant turned into text)."""
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, bool | int | float) or key is None:
        return _string(json.dumps(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
