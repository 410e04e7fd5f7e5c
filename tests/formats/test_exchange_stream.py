"""app/formats/exchange_stream.py: a record at a time, the same answer as the whole-document reader.

Every file, good or broken, gives what the whole-document reader gives: the same checked
archive, the same problems in the same order, or the same refusal of the file.  Good
files are read a record at a time (never handed to the whole-document reader), whatever
the chunks' boundaries cut: a character, a number, a key.
"""

from __future__ import annotations

import gettext
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formats import exchange_reader, exchange_stream
from app.formats.exchange_archive import (
    DEFAULT_LIMITS,
    ArchiveFile,
    ArchiveFileError,
    ImportRefused,
    Limits,
)
from app.formats.exchange_reader import _read_whole, _streamed, read_archive_file
from app.formats.exchange_schema import DOCUMENT_ENTRY, TABLE_BY_NAME
from app.formats.exchange_stream import NotStreamable
from tests.formats.test_exchange_reader import DAY, document

UID = "0123456789abcdef0123456789abcdef"
NO_TRANSLATION = gettext.NullTranslations()


def day(uid: str = UID, note: str = " Тәуелсіздік күні ") -> dict[str, Any]:
    return {**DAY, "uid": uid, "note": note}


def outcome(read: Callable[[], ArchiveFile]) -> tuple[str, Any]:
    """What a reader made of a file: the archive, the problems, or the file's refusal."""
    try:
        return ("read", read())
    except ImportRefused as refused:
        return ("refused", refused.report(NO_TRANSLATION))
    except ArchiveFileError as error:
        return ("file", error.message(NO_TRANSLATION))


def both(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[tuple[str, Any], tuple[str, Any]]:
    """The answer of the reader (a record at a time first) and of the whole-document reader."""
    zipped = path.read_bytes()[:2] == b"PK"
    size = path.stat().st_size
    return (
        outcome(lambda: read_archive_file(path, limits)),
        outcome(lambda: _read_whole(path, size, limits, zipped=zipped)),
    )


def write_zip(path: Path, document_data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENT_ENTRY, document_data)
    return path


GOOD = {
    "days": document(calendar_overrides=[day(f"{n:032x}") for n in range(1, 40)]),
    "no tables": {k: v for k, v in document().items() if k != "tables"},
    "empty tables": document(),
    "empty table": document(calendar_overrides=[]),
    "problems": document(
        calendar_overrides=[day(), {**day(), "day": "16.12.2026"}, "not a record", day()],
        meetings=[{"uid": "x"}],
        no_such_table=[1, 2],
        acts={"not": "a list"},
    ),
    "not Kenes": {**document(calendar_overrides=[day()]), "format": "other"},
    "numbers": {**document(calendar_overrides=[day()]), "scope": {"n": [1, 12, 123.5, -7e3]}},
}


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1024 * 1024])
@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_json_reads_a_record_at_a_time_as_it_reads_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, chunk: int
) -> None:
    monkeypatch.setattr(exchange_reader, "CHUNK", chunk)
    path = tmp_path / "a.json"
    path.write_bytes(
        b"\xef\xbb\xbf \n" + json.dumps(GOOD[name], ensure_ascii=False, indent=1).encode()
    )

    streamed = outcome(
        lambda: _streamed(path, path.stat().st_size, Limits(), zipped=False)
    )  # never NotStreamable
    assert streamed == outcome(
        lambda: _read_whole(path, path.stat().st_size, Limits(), zipped=False)
    )


@pytest.mark.parametrize("chunk", [5, 1024 * 1024])
def test_a_zip_archive_reads_a_record_at_a_time_as_it_reads_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(exchange_reader, "CHUNK", chunk)
    data = json.dumps(GOOD["problems"] | {"tables": GOOD["days"]["tables"]}).encode()
    path = write_zip(tmp_path / "a.kenes.zip", data)

    streamed = outcome(lambda: _streamed(path, path.stat().st_size, Limits(), zipped=True))
    assert streamed[0] == "read" and streamed[1].zipped
    assert streamed == both(path)[1]


BROKEN = {
    "trailing data": b'{"format": "kenes-exchange"} {}',
    "a trailing comma": b'{"format": "kenes-exchange", "tables": {"acts": [{"uid": 1},]}}',
    "a key twice, outside": b'{"format": "a", "format": "b"}',
    "a table twice": b'{"tables": {"acts": [], "acts": []}}',
    "a key twice, in a record": b'{"tables": {"acts": [{"uid": 1, "uid": 2}]}}',
    "NaN": b'{"tables": {"acts": [{"uid": NaN}]}}',
    "Infinity outside": b'{"scope": -Infinity}',
    "cut off": b'{"tables": {"acts": [{"uid": "ab',
    "not UTF-8": b'{"generator": "\xff\xfe"}',
    "a cut character": b'{"generator": "\xd2',
    "a list": b"[1, 2, 3]",
    "empty": b"   ",
    "text": b"hello",
    "too deep": b'{"tables": {"acts": [' + b"[" * 50 + b"]" * 50 + b"]}}",
    "a long key": b'{"tables": {"acts": [{"' + b"k" * 300 + b'": 1}]}}',
    "a long table name": b'{"tables": {"' + b"t" * 300 + b'": []}}',
    "a key that is no text": b'{"tables": {1: []}}',
    "a colon missing": b'{"tables" {"acts": []}}',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_refused_as_the_whole_document_reader_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(exchange_reader, "CHUNK", 4)
    path = tmp_path / "a.json"
    path.write_bytes(BROKEN[name])

    ours, whole = both(path)

    assert ours == whole and ours[0] != "read"


def test_limits_refuse_as_the_whole_document_reader_refuses(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    days = [day(f"{n:032x}", note="x" * 500) for n in range(1, 30)]
    path.write_bytes(json.dumps(document(calendar_overrides=days)).encode())
    for limits in (
        Limits(max_records=10),
        Limits(max_records=1),  # too many values, counted before parsing
        Limits(max_string_chars=100),
        Limits(max_depth=3),
        Limits(max_json_bytes=1000),
    ):
        ours, whole = both(path, limits)
        assert ours == whole and ours[0] == "file", limits


def test_a_damaged_zip_entry_is_refused_as_before(tmp_path: Path) -> None:
    data = json.dumps(document(calendar_overrides=[day()])).encode()
    path = write_zip(tmp_path / "a.kenes.zip", data)
    raw = bytearray(path.read_bytes())
    offset = raw.index(b"PK\x01\x02")  # the central directory: damage the stored bytes before it
    raw[offset // 2] ^= 0xFF
    path.write_bytes(bytes(raw))

    ours, whole = both(path)

    assert ours == whole and ours[0] == "file"


def test_a_good_file_never_reaches_the_whole_document_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read whole")

    monkeypatch.setattr(exchange_reader, "_read_whole", never)
    path = write_zip(tmp_path / "a.kenes.zip", json.dumps(GOOD["days"]).encode())

    assert len(read_archive_file(path).records("calendar_overrides")) == 39


def test_streamed_refusals_raise_not_streamable(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(BROKEN["a key twice, in a record"])
    with pytest.raises(NotStreamable):
        _streamed(path, path.stat().st_size, Limits(), zipped=False)


# -- any file at all: the property --------------------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from([UID, "2026-12-16", "2026-11-22T15:00:00+05:00", "for"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = sorted({f.name for spec in TABLE_BY_NAME.values() for f in spec.fields})
_RECORDS = st.one_of(
    st.builds(day, st.sampled_from([UID, f"{1:032x}", "x"]), st.text(max_size=8)),
    st.dictionaries(st.sampled_from(_FIELDS), _VALUES, max_size=6),
    _VALUES,
)
_TABLES = st.dictionaries(
    st.sampled_from(["calendar_overrides", "acts", "meetings", "people", "nonesuch"]),
    st.lists(_RECORDS, max_size=4) | _VALUES,
    max_size=3,
)
_DOCUMENTS = st.builds(
    lambda tables, extra, drop: {
        k: v for k, v in {**document(), "tables": tables, **extra}.items() if k not in drop
    },
    _TABLES,
    st.dictionaries(st.sampled_from(["kind", "scope", "generator", "odd"]), _VALUES, max_size=2),
    st.sets(st.sampled_from(["format", "version", "tables", "created_at"]), max_size=1),
)


def _edits() -> st.SearchStrategy[list[tuple[float, bytes, int]]]:
    """Byte edits: at a place (a fraction of the length), insert bytes and delete some."""
    return st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from([b"", b",", b"}", b"]", b'"', b"NaN", b"\xff", b" ", b"{", b"1"]),
            st.integers(0, 3),
        ),
        max_size=2,
    )


def _edited(data: bytes, edits: list[tuple[float, bytes, int]]) -> bytes:
    for where, insert, delete in edits:
        at = int(where * len(data))
        data = data[:at] + insert + data[at + delete :]
    return data


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    doc=_DOCUMENTS,
    edits=_edits(),
    chunk=st.sampled_from([1, 2, 5, 16, 4096]),
    indent=st.sampled_from([None, 1]),
    zipped=st.booleans(),
)
def test_any_file_gives_what_the_whole_document_reader_gives(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    doc: dict[str, Any],
    edits: list[tuple[float, bytes, int]],
    chunk: int,
    indent: int | None,
    zipped: bool,
) -> None:
    monkeypatch.setattr(exchange_reader, "CHUNK", chunk)
    data = _edited(json.dumps(doc, ensure_ascii=False, indent=indent).encode(), edits)
    path = tmp_path / "any.kenes"
    if zipped:
        write_zip(path, data)
    else:
        path.write_bytes(data)

    ours, whole = both(path, Limits(max_string_chars=40, max_depth=7))

    assert ours == whole


def test_the_text_held_is_a_chunk_and_a_record_whatever_the_document_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither the document's bytes nor its text are held whole: only what is being parsed."""
    from app.formats import exchange_stream

    held: list[int] = []
    more = exchange_stream._Text.more

    def counted(self: exchange_stream._Text, at_least: int = 0) -> bool:
        grew = more(self, at_least)
        held.append(len(self.buf))
        return grew

    monkeypatch.setattr(exchange_stream._Text, "more", counted)
    monkeypatch.setattr(exchange_reader, "CHUNK", 256)
    record = len(json.dumps(day()))
    for count in (50, 500):
        held.clear()
        path = tmp_path / f"{count}.json"
        days = [day(f"{n:032x}") for n in range(1, count + 1)]
        path.write_bytes(json.dumps(document(calendar_overrides=days)).encode())

        assert len(read_archive_file(path).records("calendar_overrides")) == count
        assert path.stat().st_size > 20 * 256
        assert max(held) <= 2 * 256 + record


class Sink:
    """A record sink that notes what it is handed, and when."""

    def __init__(self) -> None:
        self.archive: ArchiveFile | None = None
        self.calls: list[tuple[Any, ...]] = []

    def opened(self, archive: ArchiveFile) -> None:
        self.archive = archive
        self.calls.append(("opened", archive.kind))

    def records(self, table: str, start: int, done: bool) -> None:
        assert self.archive is not None
        self.calls.append((table, start, len(self.archive.tables[table]), done))


def written(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_a_sink_is_handed_each_table_in_parts_as_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_stream, "SINK_BATCH", 2)
    days = [day(f"{n:032x}") for n in range(1, 6)]
    path = written(tmp_path / "a.json", document(acts=[], calendar_overrides=days))
    sink = Sink()

    archive = read_archive_file(path, sink=sink)

    assert sink.archive is not None and sink.archive.tables is archive.tables
    assert sink.calls == [
        ("opened", "archive"),
        ("acts", 0, 0, True),
        ("calendar_overrides", 0, 2, False),
        ("calendar_overrides", 2, 4, False),
        ("calendar_overrides", 4, 5, True),
    ]


def test_a_sink_is_handed_nothing_from_the_first_problem_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record that breaks the layout, or a uid named twice, ends what the sink is handed;
    the file is refused at its end as the whole-document reader refuses it."""
    monkeypatch.setattr(exchange_stream, "SINK_BATCH", 2)
    again = [day(f"{n:032x}") for n in (1, 2, 3, 1, 4)]
    bad_first = document(acts=[{"uid": "x"}], calendar_overrides=again[:2])
    for name, data, handed in (
        ("twice", document(calendar_overrides=again), [("calendar_overrides", 0, 2, False)]),
        ("layout", bad_first, []),
    ):
        path = written(tmp_path / f"{name}.json", data)
        sink = Sink()
        with pytest.raises(ImportRefused):
            read_archive_file(path, sink=sink)
        assert [c for c in sink.calls if c[0] != "opened"] == handed, name
        assert both(path)[0] == both(path)[1]


@pytest.mark.parametrize("batch", [1, 2, 3, 2000])
def test_identifiers_checked_in_parts_are_found_as_a_whole_check_finds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(exchange_stream, "SINK_BATCH", batch)
    days = [day(f"{n:032x}") for n in (1, 2, 1, 3, 2, 1)]
    path = written(tmp_path / "a.json", document(acts=[{"uid": "x"}], calendar_overrides=days))

    streamed, whole = both(path)

    assert streamed[0] == "refused" and streamed == whole
    assert sum("appears twice" in message for _where, message in streamed[1]) == 3


def test_a_file_a_sink_cannot_be_handed_says_so(tmp_path: Path) -> None:
    """With a sink, a file the reader cannot read a record at a time is not read whole: the
    caller undoes what the sink did, then reads it whole (and is refused as ever)."""
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"format": "kenes-exchange", "tables": {"acts": [{"uid": 1},]}}')
    with pytest.raises(NotStreamable):
        read_archive_file(path, sink=Sink())
    with pytest.raises(ArchiveFileError):
        read_archive_file(path)
