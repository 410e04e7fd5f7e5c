"""The layout of a parsed exchange document, checked: every problem found, with its place.

A document that is not a Kenes exchange file at all (another format, a newer
version) is refused at once; problems of single records are all collected and
reported together, each at its JSON pointer, so the user sees them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.domain.translation import N_
from app.domain.voting import DUPLICATE_BALLOT
from app.formats.exchange_archive import (
    DEFAULT_LIMITS,
    ArchiveFile,
    ArchiveFileError,
    ImportRefused,
    Limits,
    file_error,
)
from app.formats.exchange_schema import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_PACKAGE,
    KIND_RETURN,
    KINDS,
    REQUIRED_TOP_LEVEL,
    SHA256_PATTERN,
    TABLE_BY_NAME,
    TOP_LEVEL_KEYS,
    UID_PATTERN,
)
from app.formats.exchange_values import (
    check_record,
    choice_problem,
    is_moment,
    pointer,
    problem_at,
    shape_problem,
)
from app.formats.problem import Problem


@dataclass
class CheckedTables:
    """The ``tables`` of a document, checked record by record as they were read.

    :mod:`app.formats.exchange_stream` checks each record as it parses it; ``problems``
    are those :func:`check_document` would find in ``tables``, in the same order.
    """

    tables: dict[str, list[dict[str, Any]]]
    problems: list[Problem]
    seen: set[str] = field(default_factory=set)  # the names read, tables or not
    identifiers: IdentifierCheck | None = None  # checked as they were read, when not None


def check_document(
    document: Any,
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    *,
    zipped: bool = False,
    blobs: frozenset[str] = frozenset(),
    checked_tables: CheckedTables | None = None,
) -> ArchiveFile:
    """Check the layout of a parsed document; every record problem is collected.

    ``checked_tables``: the document's ``tables``, already checked as they were read.
    """
    version = _check_version(document, path)
    problems: list[Problem] = []
    for key in document:
        if key not in TOP_LEVEL_KEYS:
            problems.append(problem_at(pointer(key), N_("Unknown field “{field}”."), field=key))
    for key in REQUIRED_TOP_LEVEL:
        if key not in document:
            problems.append(problem_at("", N_("The field “{field}” is missing."), field=key))
    kind = document.get("kind")
    if kind not in KINDS:
        problems.append(choice_problem(pointer("kind"), "kind", kind, KINDS))
    created = document.get("created_at")
    if not isinstance(created, str) or not is_moment(created):
        problems.append(
            problem_at(
                pointer("created_at"),
                N_("The moment of an action must be a date and time with a time zone."),
            )
        )
    generator = document.get("generator", "")
    if not isinstance(generator, str) or len(generator) > 200:
        problems.append(
            problem_at(
                pointer("generator"), N_("The field “{field}” must be text."), field="generator"
            )
        )
        generator = ""
    scope = document.get("scope", {})
    if not isinstance(scope, dict):
        problems.append(shape_problem(pointer("scope"), "scope"))
        scope = {}
    package = document.get("package")
    if package is not None and not isinstance(package, dict):
        problems.append(shape_problem(pointer("package"), "package"))
        package = None
    if kind in (KIND_PACKAGE, KIND_RETURN):
        package = _check_package(package, problems)
    tables = _tables_of(document, path, limits, problems, checked_tables)
    if problems:
        raise ImportRefused(problems)
    assert isinstance(kind, str) and isinstance(created, str)
    return ArchiveFile(
        source=str(path),
        kind=kind,
        version=version,
        created_at=created,
        generator=generator,
        scope=scope,
        package=package,
        tables=tables,
        blob_entries=blobs,
        zipped=zipped,
        limits=limits,
    )


def check_head(
    document: dict[str, Any],
    tables: dict[str, list[dict[str, Any]]],
    path: Path,
    limits: Limits,
    *,
    zipped: bool,
    blobs: frozenset[str],
) -> ArchiveFile | None:
    """The file whose ``tables`` are still being read, when what came before them is good.

    None when it is not: the check of the whole document, at its end, says why.
    """
    try:
        head = check_document(
            {**document, "tables": {}},
            path,
            limits,
            zipped=zipped,
            blobs=blobs,
            checked_tables=CheckedTables({}, []),
        )
    except (ArchiveFileError, ImportRefused):
        return None
    return replace(head, tables=tables)


def _check_version(document: Any, path: Path) -> int:
    """The format version of a Kenes exchange document this Kenes reads; else refused at once."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise file_error(N_("{name} is not a Kenes exchange file."), path)
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise file_error(N_("{name} names no format version Kenes knows."), path)
    if version > FORMAT_VERSION:
        raise file_error(
            N_(
                "{name} was written in exchange format version {version}, which this Kenes does "
                "not know (it reads versions up to {supported}). Install a newer Kenes to "
                "import it."
            ),
            path,
            version=version,
            supported=FORMAT_VERSION,
        )
    return version


def _tables_of(
    document: dict[str, Any],
    path: Path,
    limits: Limits,
    problems: list[Problem],
    checked: CheckedTables | None,
) -> dict[str, list[dict[str, Any]]]:
    """The document's tables checked, here or as they were read; their problems added
    (those of the identifiers last)."""
    if checked is None:
        tables = _check_tables(document.get("tables", {}), path, limits, problems)
        _check_identifiers(tables, problems)
        return tables
    problems.extend(checked.problems)
    if checked.identifiers is None:
        _check_identifiers(checked.tables, problems)
    else:
        checked.identifiers.end_table()
        problems.extend(checked.identifiers.problems)
    return checked.tables


def _check_tables(
    tables_raw: Any, path: Path, limits: Limits, problems: list[Problem]
) -> dict[str, list[dict[str, Any]]]:
    """Every table's records checked; too many records in all refuse the file at once."""
    tables: dict[str, list[dict[str, Any]]] = {}
    if not isinstance(tables_raw, dict):
        problems.append(shape_problem(pointer("tables"), "tables"))
        tables_raw = {}
    total = 0
    for name, rows in tables_raw.items():
        spec = TABLE_BY_NAME.get(name)
        where = pointer("tables", name)
        if spec is None:
            problems.append(problem_at(where, N_("Unknown table “{table}”."), table=name))
            continue
        if not isinstance(rows, list):
            problems.append(shape_problem(where, name))
            continue
        total += len(rows)
        if total > limits.max_records:
            raise file_error(
                N_("{name} holds too many records ({count}; at most {limit})."),
                path,
                count=total,
                limit=limits.max_records,
            )
        tables[name] = [
            check_record(spec, row, ("tables", name, index), problems)
            for index, row in enumerate(rows)
        ]
    return tables


def _check_package(package: dict[str, Any] | None, problems: list[Problem]) -> dict[str, Any]:
    where = pointer("package")
    if package is None:
        problems.append(problem_at("", N_("The field “{field}” is missing."), field="package"))
        return {}
    for key in package:
        if key not in ("id", "meeting", "made_at", "base"):
            problems.append(
                problem_at(pointer("package", key), N_("Unknown field “{field}”."), field=key)
            )
    for key in ("id", "meeting"):
        value = package.get(key)
        if not isinstance(value, str) or not UID_PATTERN.match(value):
            problems.append(
                problem_at(
                    pointer("package", key),
                    N_("“{value}” is not a stable identifier (32 hexadecimal digits)."),
                    value=str(value)[:60],
                )
            )
    made = package.get("made_at")
    if not isinstance(made, str) or not is_moment(made):
        problems.append(
            problem_at(
                pointer("package", "made_at"),
                N_("The moment of an action must be a date and time with a time zone."),
            )
        )
    base = package.get("base")
    if not isinstance(base, dict):
        problems.append(shape_problem(pointer("package", "base"), "base"))
        return {**package, "base": {}}
    for key, value in base.items():
        table, _sep, uid = key.partition("/")
        if (
            table not in TABLE_BY_NAME
            or not UID_PATTERN.match(uid)
            or not isinstance(value, str)
            or not SHA256_PATTERN.match(value)
        ):
            problems.append(shape_problem(pointer("package", "base", key), "base"))
    del where
    return package


NESTED_UNIQUE = {
    "ballots": ("person",),
    "protocol_narratives": ("item", "lang"),
    "issued_documents": ("lang",),
}


def _check_identifiers(tables: Mapping[str, list[dict[str, Any]]], problems: list[Problem]) -> None:
    """Each uid once per table (a record named twice is ambiguous); nested entries once each."""
    check = IdentifierCheck()
    for name, rows in tables.items():
        check.add(name, rows, 0)
    check.end_table()
    problems.extend(check.problems)


class IdentifierCheck:
    """The check of identifiers, made as a table's records come (they may come in parts).

    :attr:`problems` are in the order a check of the whole document finds them: for each
    table, its nested entries named twice, then its uids named twice.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._table = ""
        self._first: dict[str, int] = {}
        self._twice: list[Problem] = []  # of the table read now, added when it ends

    @property
    def found(self) -> bool:
        """Whether a problem was found so far (in the table read now, too)."""
        return bool(self.problems or self._twice)

    def add(self, name: str, rows: list[dict[str, Any]], start: int) -> None:
        """Check ``rows[start:]``, the records of table ``name`` that came last."""
        if name != self._table:
            self.end_table()
            self._table = name
        spec = TABLE_BY_NAME[name]
        nested = [
            (f.name, f.nested.name, NESTED_UNIQUE[f.nested.name])
            for f in spec.fields
            if f.nested is not None and f.nested.name in NESTED_UNIQUE
        ]
        for index in range(start, len(rows)):
            row = rows[index]
            for field_name, nested_name, keys in nested:
                self._nested_once(name, index, field_name, nested_name, keys, row)
            uid = row.get("uid")
            if not isinstance(uid, str):
                continue
            if uid in self._first:
                self._twice.append(
                    problem_at(
                        pointer("tables", name, index, "uid"),
                        N_("The identifier {uid} appears twice in “{table}” (first at {first})."),
                        uid=uid,
                        table=name,
                        first=pointer("tables", name, self._first[uid]),
                    )
                )
            else:
                self._first[uid] = index

    def end_table(self) -> None:
        """The table read now has ended: its uids named twice follow its other problems."""
        self.problems.extend(self._twice)
        self._twice = []
        self._first = {}
        self._table = ""

    def _nested_once(
        self,
        name: str,
        index: int,
        field_name: str,
        nested_name: str,
        keys: tuple[str, ...],
        row: dict[str, Any],
    ) -> None:
        seen: set[tuple[Any, ...]] = set()
        for j, child in enumerate(row.get(field_name) or []):
            key = tuple(child.get(k) for k in keys)
            if key in seen:
                where = pointer("tables", name, index, field_name, j)
                if nested_name == "ballots":
                    self.problems.append(problem_at(where, DUPLICATE_BALLOT, voter_id=str(key[0])))
                else:
                    self.problems.append(
                        problem_at(
                            where,
                            N_("The same entry appears twice ({key})."),
                            key=", ".join(str(k) for k in key),
                        )
                    )
            seen.add(key)
