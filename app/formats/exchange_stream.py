"""Reading an exchange document a record at a time: its bytes and its text are never held whole.

The whole-document reader (:func:`app.formats.exchange_reader.parse_json`) holds the
document's bytes, its text and the parsed document at once: more than a gigabyte for the
archive of fifteen years.  This reader decodes the bytes a megabyte at a time, walks the
outer object and the ``tables`` object itself, parses each record with the same parser
(:func:`app.formats.exchange_json.decoder`), applies the same limits to it, and checks it
at once (:func:`check_record`): only the checked records stay.

It accepts exactly the files the whole-document reader accepts, and gives the same
:class:`ArchiveFile`.  Anything else (a syntax error, a duplicate key, NaN, a limit
reached, a ZIP entry that unpacks to more than it may) raises :class:`NotStreamable`,
and the caller reads the file with the whole-document reader, which refuses it with
the same message as it always did.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from app.domain.translation import N_
from app.formats.exchange_archive import ArchiveFile, Limits
from app.formats.exchange_document import (
    CheckedTables,
    IdentifierCheck,
    check_document,
    check_head,
)
from app.formats.exchange_json import MAX_KEY, VALUES_PER_RECORD, decoder
from app.formats.exchange_schema import TABLE_BY_NAME
from app.formats.exchange_values import check_record, pointer, problem_at, shape_problem

CHUNK = 1024 * 1024  # bytes decoded at a time
SINK_BATCH = 2_000  # records of a table handed to a sink at a time
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between tokens
# The depth of a record: the outer object, ``tables``, a table's list, then the record.
_RECORD_DEPTH = 3


class NotStreamable(Exception):
    """The file is not a plain good exchange file: the whole-document reader decides."""


class RecordSink(Protocol):
    """What takes a file's records as they are read: an import that writes as it reads.

    It is handed records only while the file shows no problem; whether it was handed every
    record is for it to see at the end, against the file the reader returns.
    """

    def opened(self, archive: ArchiveFile) -> None:
        """What comes before the tables is good; ``archive.tables`` fills as it is read."""

    def records(self, table: str, start: int, done: bool) -> None:
        """``archive.tables[table][start:]`` were read, each checked, and nothing else yet;
        ``done``: the table's last records."""


class _Feed:
    """Checks the identifiers of the records read, and hands them to a sink while all is well."""

    def __init__(
        self,
        sink: RecordSink | None,
        document: dict[str, Any],
        checked: CheckedTables,
        head: tuple[Path, Limits, bool, frozenset[str]],
    ) -> None:
        self.sink = sink
        self.document = document
        self.checked = checked
        self.head = head
        self.opened = False
        assert checked.identifiers is not None
        self.identifiers: IdentifierCheck = checked.identifiers

    def __call__(self, name: str, rows: list[dict[str, Any]], start: int, done: bool) -> None:
        self.identifiers.add(name, rows, start)
        if self.sink is None:
            return
        if self.checked.problems or self.identifiers.found:
            self.sink = None
            return
        if not self.opened:
            path, limits, zipped, blobs = self.head
            archive = check_head(
                self.document, self.checked.tables, path, limits, zipped=zipped, blobs=blobs
            )
            if archive is None:
                self.sink = None
                return
            self.opened = True
            self.sink.opened(archive)
        self.sink.records(name, start, done)


class _Text:
    """The document's text, decoded as it is needed; what was read is dropped.

    Counts, as the whole-document reader does before parsing, the commas and opening
    brackets (each value but the first of a list or object follows one).
    """

    def __init__(self, chunks: Iterator[bytes], limits: Limits, chunk: int) -> None:
        self._chunks = chunks
        self._chunk = chunk
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._bytes = 0
        self._limits = limits
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._commas = 1

    def more(self, at_least: int = 0) -> bool:
        """Decode at least ``at_least`` more bytes (a chunk; fewer at the end); False at the end."""
        if self.eof:
            return False
        at_least = max(at_least, self._chunk)
        parts: list[str] = []
        got = 0
        try:
            while got < at_least:
                data = next(self._chunks, None)
                if data is None:
                    parts.append(self._utf8.decode(b"", final=True))
                    self.eof = True
                    break
                got += len(data)
                parts.append(self._utf8.decode(data))
        except UnicodeDecodeError as exc:
            raise NotStreamable("not UTF-8") from exc
        self._bytes += got
        if self._bytes > self._limits.max_json_bytes:
            raise NotStreamable("too large")
        new = "".join(parts)
        self._commas += new.count(",") + new.count("[") + new.count("{")
        if self._commas > self._limits.max_records * VALUES_PER_RECORD:
            raise NotStreamable("too many values")
        self.buf = self.buf[self.pos :] + new
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character after whitespace ("" at the end), not taken."""
        while True:
            self.pos = _WHITESPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise NotStreamable(f"expected {char}")
        self.pos += 1

    def value(self, parse: json.JSONDecoder) -> Any:
        """The next value, parsed whole: read on until it (and a character after it) is here."""
        self.peek()
        want = self._chunk
        while True:
            try:
                found, end = parse.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if not self.more(want):  # cut off by the end of what was read, or wrong
                    raise NotStreamable("not JSON") from exc
                want *= 2
                continue
            except (ValueError, RecursionError) as exc:  # a duplicate key, NaN, too deep
                raise NotStreamable("refused by the parser") from exc
            # A number at the very end may go on in the next chunk ("12" of "123").
            if end < len(self.buf) or self.eof:
                self.pos = end
                return found
            if not self.more(want):
                self.pos = end
                return found


class _Limits:
    """The limits the whole-document reader applies after parsing, applied value by value."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.values = 0

    def scan(self, value: Any, depth: int) -> None:
        """Count ``value``'s values; refuse a long text or key, or nesting too deep.

        ``depth``: the containers ``value`` lies in.  Read a level at a time, without
        recursion: a container found on level ``n`` nests ``depth + n + 1`` deep.
        """
        longest = self.limits.max_string_chars
        level = [value]
        while level:
            self.values += len(level)
            below: list[Any] = []
            containers = False
            for item in level:
                kind = type(item)
                if kind is str:
                    if len(item) > longest:
                        raise NotStreamable("a long text")
                elif kind is dict:
                    containers = True
                    if item and max(map(len, item)) > MAX_KEY:
                        raise NotStreamable("a long key")
                    below.extend(item.values())
                elif kind is list:
                    containers = True
                    below.extend(item)
            if containers:
                depth += 1
                if depth > self.limits.max_depth:
                    raise NotStreamable("too deep")
            level = below
        if self.values > self.limits.max_records * VALUES_PER_RECORD:
            raise NotStreamable("too many values")


def stream_document(
    chunks: Iterator[bytes],
    path: Path,
    limits: Limits,
    *,
    zipped: bool = False,
    blobs: frozenset[str] = frozenset(),
    chunk: int = CHUNK,
    sink: RecordSink | None = None,
) -> ArchiveFile:
    """The checked exchange file whose document comes in ``chunks`` (see the module's note).

    ``chunk``: how many bytes are decoded at a time.  ``sink``: what takes the records as
    they are read (see :class:`RecordSink`).

    Raises what :func:`check_document` raises for a good JSON document that is not a good
    exchange file, and :class:`NotStreamable` for anything the whole-document reader
    must decide.
    """
    text = _Text(chunks, limits, chunk)
    parse = decoder()
    counted = _Limits(limits)
    counted.values = 1  # the outer object
    document: dict[str, Any] = {}
    checked = CheckedTables({}, [], identifiers=IdentifierCheck())
    read_tables = False
    feed = _Feed(sink, document, checked, (path, limits, zipped, blobs))
    text.take("{")
    if text.peek() != "}":
        while True:
            key = text.value(parse)
            if type(key) is not str or key in document or len(key) > MAX_KEY:
                raise NotStreamable("a key")
            text.take(":")
            if key == "tables" and text.peek() == "{":
                _tables(text, parse, counted, checked, feed)
                read_tables = True
                document[key] = checked.tables
            else:
                document[key] = text.value(parse)
                counted.scan(document[key], 1)
            if text.peek() != ",":
                break
            text.pos += 1
    text.take("}")
    if text.peek() != "":
        raise NotStreamable("more after the document")
    return check_document(
        document,
        path,
        limits,
        zipped=zipped,
        blobs=blobs,
        checked_tables=checked if read_tables else None,
    )


def _tables(
    text: _Text, parse: json.JSONDecoder, counted: _Limits, checked: CheckedTables, feed: _Feed
) -> None:
    """The ``tables`` object, a record at a time, checked as ``_check_tables`` checks it; the
    records handed to ``feed`` a batch at a time."""
    counted.values += 1
    text.take("{")
    total = 0
    if text.peek() == "}":
        text.pos += 1
        return
    while True:
        name = text.value(parse)
        if type(name) is not str or name in checked.seen or len(name) > MAX_KEY:
            raise NotStreamable("a table's name")
        checked.seen.add(name)
        text.take(":")
        spec = TABLE_BY_NAME.get(name)
        where = pointer("tables", name)
        if spec is None or text.peek() != "[":
            value = text.value(parse)
            counted.scan(value, 2)
            if spec is None:
                checked.problems.append(
                    problem_at(where, N_("Unknown table “{table}”."), table=name)
                )
            else:  # a table of the layout whose records are not a list
                checked.problems.append(shape_problem(where, name))
        else:
            counted.values += 1
            text.take("[")
            rows: list[dict[str, Any]] = []
            checked.tables[name] = rows
            fed = 0
            if text.peek() == "]":
                text.pos += 1
            else:
                while True:
                    row = text.value(parse)
                    counted.scan(row, _RECORD_DEPTH)
                    total += 1
                    if total > counted.limits.max_records:
                        raise NotStreamable("too many records")
                    at = ("tables", name, len(rows))
                    rows.append(check_record(spec, row, at, checked.problems))
                    del row
                    if len(rows) - fed >= SINK_BATCH:
                        feed(name, rows, fed, False)
                        fed = len(rows)
                    if text.peek() != ",":
                        break
                    text.pos += 1
                text.take("]")
            feed(name, rows, fed, True)
        if text.peek() != ",":
            break
        text.pos += 1
    text.take("}")
