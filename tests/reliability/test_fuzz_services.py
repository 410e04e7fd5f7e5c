"""Every service entry point, called with random and hostile values.

Each call either succeeds or raises a :class:`KenesError` whose message is in
the catalogs; a refused call leaves the database exactly as it was.  Entry
points are discovered from ``app/services`` (every public function taking a
``Database`` and an ``Actor``), so new services are fuzzed without being listed.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import importlib
import inspect
import pkgutil
import shutil
import types
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.services
from app.domain.errors import KenesError
from app.domain.regulation import PRESETS, RegulationProfile
from app.i18n import translations
from app.models.database import Database, open_database
from app.services.base import SYSTEM, Actor
from app.services.demo import create_demo

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "   ",
            "\x00",
            "a\x07b",
            "\u202eabc\u202c",
            "Ә\u200f",
            "x" * 100_000,
            "Қаулы № 27",
            "'; DROP TABLE councils; --",
            "\ud7ff\uffff",
        ]
    ),
)
IDS = st.one_of(st.integers(min_value=-3, max_value=20), st.sampled_from([0, 2**63, 10**12]))
DATES = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
)
WRONG = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.just([1]), st.just(3.5))


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """Values of roughly the right type, with hostile ones and wrong types mixed in."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy_for(arg) for arg in typing.get_args(tp)))
    if origin is list:
        (item,) = typing.get_args(tp)
        return st.lists(strategy_for(item), max_size=4) | WRONG
    if tp is type(None):
        return st.none()
    if tp is bool:
        return st.booleans() | WRONG
    if tp is int:
        return IDS | WRONG
    if tp is str:
        return HOSTILE_TEXT | WRONG
    if tp is date:
        return DATES | WRONG
    if tp is RegulationProfile:
        return st.sampled_from([p.profile for p in PRESETS.values()]) | WRONG
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp)) | WRONG
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(tp) if f.init}
        return st.builds(_build_or_wrong(tp), st.fixed_dictionaries(fields)) | WRONG
    return WRONG


def _build_or_wrong(tp: type) -> Callable[[dict[str, Any]], Any]:
    def build(values: dict[str, Any]) -> Any:
        try:
            return tp(**values)
        except (KenesError, ValueError, TypeError):
            return values  # a dict where a dataclass belongs: a wrong type

    return build


def hints_of(func: Callable[..., Any]) -> dict[str, Any]:
    """Type hints, also where a service names a report type imported only when used."""
    try:
        return typing.get_type_hints(func)
    except NameError:
        names: dict[str, Any] = {}
        for module in ("app.reports.composition_pdf", "app.reports.agenda_notice_pdf"):
            names.update(vars(importlib.import_module(module)))
        return typing.get_type_hints(func, localns=names)


def entry_points() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for module_info in pkgutil.walk_packages(app.services.__path__, "app.services."):
        module = importlib.import_module(module_info.name)
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or func.__module__ != module.__name__:
                continue
            hints = hints_of(func)
            params = list(inspect.signature(func).parameters)
            if (
                len(params) >= 2
                and hints.get(params[0]) is Database
                and hints.get(params[1]) is Actor
            ):
                found.append((f"{module.__name__}.{name}", func))
    return sorted(found, key=lambda pair: pair[0])


ENTRY_POINTS = entry_points()


def fingerprint(db: Database) -> str:
    digest = hashlib.sha256()
    with db.reading() as session:
        conn = session.connection()
        tables = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        for table in tables:  # sorted in Python: FTS5's shadow tables have no rowid
            rows = sorted(repr(tuple(row)) for row in conn.exec_driver_sql(
                f'SELECT * FROM "{table}"'))
            digest.update(table.encode())
            for row in rows:
                digest.update(row.encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "template.sqlite3"
    db = open_database(path)
    create_demo(db, SYSTEM)
    db.close()
    return path


def catalog_ids(lang: str) -> set[str]:
    t = translations(lang)
    return {k if isinstance(k, str) else k[0] for k in getattr(t, "_catalog", {})}


RU_IDS: set[str] = set()


def test_entry_points_are_discovered() -> None:
    names = {name for name, _ in ENTRY_POINTS}
    assert "app.services.councils.create_council" in names
    assert "app.services.seats.add_seat" in names
    assert len(names) >= 15


@pytest.mark.slow
@pytest.mark.parametrize(("name", "func"), ENTRY_POINTS, ids=[n for n, _ in ENTRY_POINTS])
def test_service_survives_hostile_input(
    name: str, func: Callable[..., Any], template: Path, tmp_path: Path
) -> None:
    signature = inspect.signature(func)
    hints = hints_of(func)
    params = list(signature.parameters.values())[2:]
    strategies = {p.name: strategy_for(hints.get(p.name, Any)) for p in params}
    if not RU_IDS:
        RU_IDS.update(catalog_ids("ru"))

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(st.fixed_dictionaries(strategies))
    def call(kwargs: dict[str, Any]) -> None:
        path = tmp_path / "case.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        shutil.copy(template, path)
        db = open_database(path)
        try:
            before = fingerprint(db)
            try:
                func(db, SYSTEM, **kwargs)
            except KenesError as exc:
                assert exc.message(translations("ru")), name
                assert exc.msgid in RU_IDS, f"untranslated refusal: {exc.msgid!r}"
                assert fingerprint(db) == before, f"{name} refused but changed the database"
        finally:
            db.close()

    call()
