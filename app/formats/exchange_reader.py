"""Reading an exchange file with limits: nothing in it is trusted.

:func:`read_archive_file` checks the file's size, the nesting depth (counted
before the JSON parser runs), the length of every string, the number of
records, duplicate keys, and for a ZIP archive every entry's name (no
absolute paths, no "..", no links), the number of entries and their total
unpacked size (counted while unpacking, whatever the archive's headers
claim).  A file that breaks any of these is refused with one clear error;
the layout is then checked by :func:`app.formats.exchange_document.check_document`.

A good file is read a record at a time (:mod:`app.formats.exchange_stream`), with the
same limits and the same answer; only a file that reader cannot read plainly is read
whole here, so that every refusal keeps its own message (and the line and column of a
syntax error).

>>> check_depth(b'[[["[[[["]]]', 3)
True
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

from app.domain.translation import N_
from app.formats.exchange_archive import (
    DEFAULT_LIMITS,
    MEGABYTE,
    ArchiveFile,
    ArchiveFileError,
    Limits,
    file_error,
    read_entry,
    too_large,
)
from app.formats.exchange_document import check_document
from app.formats.exchange_json import MAX_KEY, VALUES_PER_RECORD, DuplicateKey, decoder
from app.formats.exchange_schema import BLOB_PREFIX, DOCUMENT_ENTRY, SHA256_PATTERN
from app.formats.exchange_stream import CHUNK, NotStreamable, RecordSink, stream_document


def _safe_entry_name(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    if any(part in ("", ".", "..") for part in name.rstrip("/").split("/")):
        return False
    mode = info.external_attr >> 16
    return not stat.S_ISLNK(mode)


def _check_entries(infos: list[zipfile.ZipInfo], path: Path, limits: Limits) -> set[str]:
    """The names of the entries, each safe, once, expected; their declared sizes within limits."""
    seen: set[str] = set()
    declared = 0
    for info in infos:
        if not _safe_entry_name(info):
            raise file_error(
                N_(
                    "{name} holds an entry with an unsafe name ({entry}): absolute paths, "
                    "“..” and links are refused."
                ),
                path,
                entry=info.filename[:200],
            )
        if info.filename in seen:
            raise file_error(
                N_("{name} holds the entry {entry} twice."), path, entry=info.filename[:200]
            )
        seen.add(info.filename)
        declared += max(0, info.file_size)
        if info.is_dir():
            continue
        if info.filename != DOCUMENT_ENTRY and not (
            info.filename.startswith(BLOB_PREFIX)
            and SHA256_PATTERN.match(info.filename[len(BLOB_PREFIX) :])
        ):
            raise file_error(
                N_("{name} holds an unexpected entry {entry}."), path, entry=info.filename[:200]
            )
    if declared > limits.max_unpacked_bytes:
        raise file_error(
            N_("{name} would unpack to more than {limit} MB; it is refused."),
            path,
            limit=max(1, limits.max_unpacked_bytes // MEGABYTE),
        )
    if DOCUMENT_ENTRY not in seen:
        raise file_error(N_("{name} holds no {entry}."), path, entry=DOCUMENT_ENTRY)
    return seen


# What reading a damaged or hostile ZIP archive raises (besides ``ArchiveFileError``).
_DAMAGED = (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError)


def _open_zip(path: Path, limits: Limits) -> tuple[bytes, frozenset[str]]:
    """The JSON document of a ZIP archive and the names of its blobs; every entry checked."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise file_error(
            N_("{name} is a damaged ZIP archive: {reason}"), path, reason=str(exc)
        ) from exc
    with archive:
        try:
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise file_error(
                N_("{name} is a damaged ZIP archive: {reason}"), path, reason=str(exc)
            ) from exc
        if len(infos) > limits.max_entries:
            raise file_error(
                N_("{name} holds too many entries ({count}; at most {limit})."),
                path,
                count=len(infos),
                limit=limits.max_entries,
            )
        seen = _check_entries(infos, path, limits)
        # Unpack everything once, counting real bytes: a bomb is refused here, whatever
        # its headers say; the blobs themselves are read again when they are written.
        total = 0
        document = b""
        try:
            for info in infos:
                if info.is_dir():
                    continue
                budget = limits.max_unpacked_bytes - total
                if info.filename == DOCUMENT_ENTRY:
                    budget = min(budget, limits.max_json_bytes)
                data = read_entry(archive, info, max(budget, 0), path.name)
                total += len(data)
                if info.filename == DOCUMENT_ENTRY:
                    document = data
        except ArchiveFileError:
            raise
        except _DAMAGED as exc:
            raise file_error(
                N_("{name} is a damaged ZIP archive: {reason}"), path, reason=str(exc)
            ) from exc
        blobs = frozenset(n for n in seen if n.startswith(BLOB_PREFIX) and n != BLOB_PREFIX)
        return document, blobs


_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def check_depth(data: bytes, limit: int) -> bool:
    """Whether arrays and objects nest at most ``limit`` deep (strings are skipped whole).

    Read token by token, a 300 MB document took half a minute; so what cannot matter is
    dropped first, in C: escaped backslashes and quotes, every byte but quotes and
    brackets, then pairs of adjacent quotes (an empty string now: two flips of "inside a
    string" leave every bracket where it was).  What is left, brackets and the rare
    strings holding one, is read token by token.  For a document that is not JSON the
    answer may differ, and the parser refuses it anyway.
    """
    kept = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    while b'""' in kept:
        kept = kept.replace(b'""', b"")
    if b'"' not in kept:  # brackets alone: the running sum, in C
        return max(accumulate(map(_STEP.__getitem__, kept)), default=0) <= limit
    depth = 0
    for match in _JSON_TOKEN.finditer(kept):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return False
        elif token in (b"]", b"}"):
            depth -= 1
    return True


def parse_json(data: bytes, path: Path, limits: Limits) -> Any:
    """Parse the document: UTF-8, depth checked first, no duplicate keys, no NaN."""
    return _loads(checked_text(data, path, limits), path)


def checked_text(data: bytes, path: Path, limits: Limits) -> str:
    """The document as text: within the size limit, not empty, not too deep, UTF-8."""
    if len(data) > limits.max_json_bytes:
        raise too_large(path, len(data), limits.max_json_bytes)
    if not data or data.isspace():  # not strip(): that copies the whole document
        raise file_error(N_("{name} is empty."), path)
    if not check_depth(data, limits.max_depth):
        raise file_error(
            N_("{name} nests data deeper than {limit} levels; it is not a Kenes exchange file."),
            path,
            limit=limits.max_depth,
        )
    # Every value but the first of an array or object follows a comma: so many values at
    # most (commas inside texts only add to it), refused before the parser builds them.
    values = data.count(b",") + data.count(b"[") + data.count(b"{") + 1
    if values > limits.max_records * VALUES_PER_RECORD:
        raise _too_many(path, values, limits)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise file_error(N_("{name} is not valid JSON (it is not UTF-8 text)."), path) from exc


def _loads(text: str, path: Path) -> Any:
    try:
        return decoder().decode(text)
    except DuplicateKey as exc:
        raise file_error(
            N_("{name} is not valid JSON: the key “{key}” appears twice in one object."),
            path,
            key=exc.key[:100],
        ) from exc
    except json.JSONDecodeError as exc:
        raise file_error(
            N_("{name} is not valid JSON (line {line}, column {column})."),
            path,
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise file_error(
            N_("{name} is not valid JSON (line {line}, column {column})."), path, line=0, column=0
        ) from exc


def _too_many(path: Path, count: int, limits: Limits) -> ArchiveFileError:
    return file_error(
        N_("{name} holds too many records ({count}; at most {limit})."),
        path,
        count=count,
        limit=limits.max_records,
    )


def _scan_strings(document: Any, limits: Limits, path: Path) -> None:
    """Refuse a document with an over-long string or too many values, without recursion.

    The parser makes exact ``str``, ``dict`` and ``list`` objects, so their types are
    compared, and a dictionary's keys are measured at once (in C), not one by one.
    """
    stack: list[Any] = [document]
    count = 0
    budget = limits.max_records * VALUES_PER_RECORD
    longest = limits.max_string_chars
    while stack:
        value = stack.pop()
        count += 1
        if count > budget:
            raise _too_many(path, count, limits)
        kind = type(value)
        if kind is str:
            if len(value) > longest:
                raise _too_long(path, len(value), longest)
        elif kind is dict:
            if value and max(map(len, value)) > MAX_KEY:
                raise _too_long(path, next(len(k) for k in value if len(k) > MAX_KEY), MAX_KEY)
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)


def _too_long(path: Path, length: int, limit: int) -> ArchiveFileError:
    return file_error(
        N_("{name} holds a text of {length} characters; at most {limit} are allowed."),
        path,
        length=length,
        limit=limit,
    )


def read_archive_file(
    path: Path | str, limits: Limits = DEFAULT_LIMITS, sink: RecordSink | None = None
) -> ArchiveFile:
    """Read and check an exchange file; nothing is written anywhere.

    Raises :class:`ArchiveFileError` for a file that is not a readable Kenes
    exchange file, and :class:`ImportRefused` listing every record that breaks
    the layout (wrong types, missing or unknown fields, over-long texts,
    duplicate identifiers, invalid values).

    ``sink`` takes the records as they are read (:class:`RecordSink`); a file that cannot
    be read a record at a time then raises :class:`NotStreamable` instead of being read
    whole (what the sink was handed is to be undone).
    """
    file = Path(path)
    try:
        if "\x00" in str(file):  # no file has such a name; the system would raise ValueError
            raise file_error(
                N_("{name} cannot be read: {reason}"), file, reason="not a regular file"
            )
        size = file.stat().st_size
        if not file.is_file():
            raise file_error(
                N_("{name} cannot be read: {reason}"), file, reason="not a regular file"
            )
    except OSError as exc:
        raise file_error(
            N_("{name} cannot be read: {reason}"), file, reason=exc.strerror or str(exc)
        ) from exc
    if size == 0:
        raise file_error(N_("{name} is empty."), file)
    if size > limits.max_file_bytes:
        raise too_large(file, size, limits.max_file_bytes)
    try:
        with file.open("rb") as stream:
            head = stream.read(4)
    except OSError as exc:
        raise file_error(
            N_("{name} cannot be read: {reason}"), file, reason=exc.strerror or str(exc)
        ) from exc
    zipped = head.startswith(b"PK")
    try:  # a record at a time; a file this cannot read plainly is read whole
        return _streamed(file, size, limits, zipped=zipped, sink=sink)
    except NotStreamable:
        if sink is not None:
            raise
        return _read_whole(file, size, limits, zipped=zipped)


def _read_whole(file: Path, size: int, limits: Limits, *, zipped: bool) -> ArchiveFile:
    """The file read whole, bytes, text and document: every refusal has its own message."""
    blobs: frozenset[str] = frozenset()
    if zipped:
        data, blobs = _open_zip(file, limits)
    else:
        if size > limits.max_json_bytes:
            raise too_large(file, size, limits.max_json_bytes)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise file_error(
                N_("{name} cannot be read: {reason}"), file, reason=exc.strerror or str(exc)
            ) from exc
        data = data.lstrip(_LEADING)
        if data and data[:1] not in (b"{", b"["):
            raise file_error(
                N_("{name} is not a Kenes exchange file: it is neither JSON nor a ZIP archive."),
                file,
            )
    # The bytes go before the parser builds the document, and the text once it is built
    # (each a third of a gigabyte or more for a large archive): they are never all held.
    text = checked_text(data, file, limits)
    del data
    document = _loads(text, file)
    del text
    _scan_strings(document, limits, file)
    return check_document(document, file, limits, zipped=zipped, blobs=blobs)


_LEADING = b"\xef\xbb\xbf \t\r\n"  # a byte-order mark and whitespace before a JSON document
_ZIP_ERRORS = (ArchiveFileError, *_DAMAGED)


def _streamed(
    file: Path, size: int, limits: Limits, *, zipped: bool, sink: RecordSink | None = None
) -> ArchiveFile:
    """The file read a record at a time (:mod:`app.formats.exchange_stream`).

    Raises :class:`NotStreamable` for anything the whole-document reader must decide,
    which then refuses the file as it always did (a bomb, a damaged archive, bad JSON).
    """
    if not zipped:
        if size > limits.max_json_bytes:
            raise NotStreamable("too large")
        return stream_document(_plain_chunks(file), file, limits, chunk=CHUNK, sink=sink)
    try:
        archive = zipfile.ZipFile(file)
    except _ZIP_ERRORS as exc:
        raise NotStreamable("not a ZIP archive") from exc
    with archive:
        try:
            infos = archive.infolist()
            if len(infos) > limits.max_entries:
                raise NotStreamable("too many entries")
            seen = _check_entries(infos, file, limits)
            # Every other entry unpacked once, counting real bytes (a bomb is refused).
            total = 0
            for info in infos:
                if not info.is_dir() and info.filename != DOCUMENT_ENTRY:
                    budget = max(limits.max_unpacked_bytes - total, 0)
                    total += len(read_entry(archive, info, budget, file.name))
            document = archive.getinfo(DOCUMENT_ENTRY)
        except _ZIP_ERRORS as exc:
            raise NotStreamable("a damaged ZIP archive") from exc
        budget = min(limits.max_unpacked_bytes - total, limits.max_json_bytes)
        blobs = frozenset(n for n in seen if n.startswith(BLOB_PREFIX) and n != BLOB_PREFIX)
        chunks = _entry_chunks(archive, document, budget)
        return stream_document(
            chunks, file, limits, zipped=True, blobs=blobs, chunk=CHUNK, sink=sink
        )


def _entry_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The entry's bytes a chunk at a time, counted (its headers may lie)."""
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise NotStreamable("unpacks to too much")
                yield chunk
    except _ZIP_ERRORS as exc:
        raise NotStreamable("a damaged ZIP archive") from exc


def _plain_chunks(file: Path) -> Iterator[bytes]:
    """The bytes of a JSON file a chunk at a time, without what precedes the document."""
    leading = True
    try:
        with file.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                if leading:
                    chunk = chunk.lstrip(_LEADING)
                    if not chunk:
                        continue
                    leading = False
                yield chunk
    except OSError as exc:
        raise NotStreamable("cannot be read") from exc
