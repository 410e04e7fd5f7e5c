"""Read a composition spreadsheet (.xlsx or .csv) into checked rows, touching nothing else.

Files: ``.xlsx`` (the first worksheet) or ``.csv`` (UTF-8 with or without a
byte-order mark, comma or semicolon); the layout is
:mod:`app.formats.composition_columns`.  A file that cannot be a composition
list at all (unknown extension, damaged, empty, no known columns, too many
rows, a huge cell, a workbook that would unpack beyond an office PC's memory)
is refused with :class:`ImportFileError`; problems of single rows are kept
in the preview with the row number and the reason, so the secretary sees
every one of them at once.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Sequence
from pathlib import Path

from app.domain.errors import DomainError, KenesError
from app.domain.translation import N_
from app.formats.composition_columns import COLUMN_KEYS, POSITION_KEYS, Vocabulary, word_key
from app.formats.composition_rows import (
    FieldRules,
    FileColumn,
    ImportPreview,
    cell_text,
    cross_check,
    parse_row,
)
from app.formats.zip_limits import check_zip

MAX_ROWS = 2000
MAX_SCANNED_ROWS = 50_000  # rows read at all, blank ones included
MAX_COLUMNS = 64
MAX_CELL_CHARS = 10_000
MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportFileError(DomainError):
    """The file cannot be read as a composition at all (nothing was imported)."""


def _file_error(msgid: str, path: Path | str, **params: str | int) -> ImportFileError:
    """A refusal naming the file (a path) or the source (a text, e.g. a pasted table)."""
    return ImportFileError(msgid, name=path if isinstance(path, str) else path.name, **params)


def read_composition_sheet(path: Path, words: Vocabulary, rules: FieldRules) -> ImportPreview:
    """Read and check a composition file (.xlsx or .csv); nothing is written anywhere.

    Refuses (:class:`ImportFileError`) an unknown extension, a file that
    cannot be read or is damaged, an empty file, missing columns, more than
    :data:`MAX_ROWS` rows, or a cell over :data:`MAX_CELL_CHARS` characters.
    Problems of single rows do not refuse the file: they are listed in the
    preview with the row number and the reason.  ``words`` are the words the
    file may use and ``rules`` the checks of every stored text and date.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise _file_error(
            N_("{name}: Kenes reads compositions from .xlsx and .csv files only."), path
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    if size == 0:
        raise _file_error(N_("{name} is empty."), path)
    if size > MAX_FILE_BYTES:
        raise _file_error(
            N_("{name} is too large for a composition list ({size} MB; at most {limit} MB)."),
            path,
            size=size // (1024 * 1024) + 1,
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    raw_rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    return preview_rows(path, raw_rows, words, rules)


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook whose parts would unpack beyond what an office PC can hold."""
    try:
        problem = check_zip(path)
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    if problem is None:
        return
    if problem.kind == "damaged":
        raise _file_error(N_("{name} is not an Excel workbook (.xlsx) or it is damaged."), path)
    if problem.kind == "ratio":
        raise _file_error(
            N_(
                "{name} cannot be read safely: its part {part} unpacks to {ratio} times its "
                "packed size (at most {limit} times). Such a file may be made to exhaust the "
                "computer's memory; save the list again in Excel or as CSV."
            ),
            path,
            part=problem.entry,
            ratio=problem.value,
            limit=problem.limit,
        )
    raise _file_error(
        N_(
            "{name} cannot be read safely: unpacked it would take {size} MB (at most {limit} MB). "
            "Such a file may be made to exhaust the computer's memory; save the list again in "
            "Excel or as CSV."
        ),
        path,
        size=problem.value // (1024 * 1024) + 1,
        limit=max(problem.limit // (1024 * 1024), 1),
    )


def _xlsx_rows(path: Path) -> list[tuple[int, list[object]]]:
    _check_unpacked_size(path)  # before openpyxl unpacks anything
    rows: list[tuple[int, list[object]]] = []
    try:
        # openpyxl warns about features it drops (data validation, styles); not our concern.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise _file_error(N_("{name} has no worksheet."), path)
                sheet = book.worksheets[0]
                for number, values in enumerate(
                    sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
                ):
                    _check_scanned(path, number, values)
                    rows.append((number, list(values)))
            finally:
                book.close()
    except KenesError:
        raise
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    except Exception as exc:
        # A damaged or foreign file can fail anywhere in openpyxl (zip, XML, types).
        raise _file_error(
            N_("{name} is not an Excel workbook (.xlsx) or it is damaged."), path
        ) from exc
    return rows


def _csv_rows(path: Path) -> list[tuple[int, list[object]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _file_error(
            N_("{name} cannot be read: {reason}"), path, reason=exc.strerror or str(exc)
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            N_("{name} is not UTF-8 text; save it as “CSV UTF-8” and try again."), path
        ) from exc
    if "\x00" in text:
        raise _file_error(N_("{name} is not a text file."), path)
    if not text.strip():
        raise _file_error(N_("{name} is empty."), path)
    delimiter = _delimiter(text)
    rows: list[tuple[int, list[object]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            _check_scanned(path, number, values)
            rows.append((number, list(values[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise _file_error(
            N_("{name} is not a valid CSV file ({reason})."), path, reason=str(exc)
        ) from exc
    return rows


def _delimiter(text: str) -> str:
    """Semicolon (Excel in Kazakh and Russian settings) or comma, as the file uses."""
    header = text.lstrip().splitlines()[0] if text.strip() else ""
    try:
        found = csv.Sniffer().sniff(text[:16384], delimiters=";,\t").delimiter
        if found in header:
            return found
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_scanned(path: Path | str, number: int, values: Sequence[object]) -> None:
    if number > MAX_SCANNED_ROWS:
        raise _file_error(
            N_("{name} has too many rows for a composition (at most {limit})."),
            path,
            limit=MAX_ROWS,
        )
    for value in values:
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise _file_error(
                N_(
                    "{name}: a cell in row {row} holds {length} characters (at most {limit}); "
                    "this is not a composition list."
                ),
                path,
                row=number,
                length=len(value),
                limit=MAX_CELL_CHARS,
            )


def _blank(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def preview_rows(
    path: Path | str,
    raw_rows: list[tuple[int, list[object]]],
    words: Vocabulary,
    rules: FieldRules,
) -> ImportPreview:
    """Check rows read from a file (``path``) or another source (named by the text ``path``).

    The first non-blank row names the columns; problems of single rows are
    kept in the preview, a table that cannot be a composition is refused.
    """
    rows = [(n, v) for n, v in raw_rows if not _blank(v)]
    if not rows:
        raise _file_error(N_("{name} is empty."), path)
    header_number, header = rows[0]
    data_rows = rows[1:]
    if len(data_rows) > MAX_ROWS:
        raise _file_error(
            N_("{name} has too many rows for a composition (at most {limit})."),
            path,
            limit=MAX_ROWS,
        )
    columns, ignored = _map_headers(path, header, words)
    if not data_rows:
        raise _file_error(
            N_("{name} has no rows under the header row {row}."), path, row=header_number
        )
    parsed = [parse_row(number, values, columns, words, rules) for number, values in data_rows]
    found = {c.key for c in columns.values()}
    return ImportPreview(
        source=path if isinstance(path, str) else path.name,
        columns=tuple(k for k in COLUMN_KEYS if k in found),
        rows=tuple(cross_check(parsed)),
        ignored_headers=tuple(ignored),
    )


def _map_headers(
    path: Path | str, header: Sequence[object], words: Vocabulary
) -> tuple[dict[int, FileColumn], list[str]]:
    columns: dict[int, FileColumn] = {}
    seen: dict[str, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        name = " ".join(cell_text(cell).split())
        if not name:
            continue
        key = words.headers.get(word_key(name))
        if key is None:
            ignored.append(name[:100])
            continue
        if key in seen:
            raise _file_error(
                N_(
                    "{name}: the columns “{first}” and “{second}” both mean "
                    "“{column}”; keep one of them."
                ),
                path,
                first=seen[key][:100],
                second=name[:100],
                column=words.names[key],
            )
        seen[key] = name
        columns[index] = FileColumn(key, name[:100])
    if "role" not in seen:
        raise _file_error(
            N_("{name} has no column “{column}”; the first row must name the columns."),
            path,
            column=words.names["role"],
        )
    if not any(k in seen for k in (*POSITION_KEYS, "surname")):
        raise _file_error(
            N_("{name} needs a column for the position title or for the surname."), path
        )
    return columns, ignored
