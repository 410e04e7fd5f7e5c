"""app/formats/exchange_schema.py: the layout agrees with the database and with itself."""

from __future__ import annotations

import doctest

import pytest

import app.models.registry  # noqa: F401 - every model on the metadata
from app.domain.composition import Role, SeatKind, Side
from app.domain.council import CouncilKind
from app.domain.meeting import MeetingKind, MeetingState
from app.domain.protocol import ProtocolState
from app.formats import exchange_schema
from app.formats.exchange_schema import (
    ENUM,
    LIST,
    REF,
    TABLE_BY_NAME,
    TABLES,
    UID,
    TableSpec,
)
from app.formats.exchange_values import NESTED_SORT
from app.models.base import Base


def every_spec() -> list[TableSpec]:
    nested = [f.nested for t in TABLES for f in t.fields if f.nested is not None]
    return [*TABLES, *nested]


@pytest.mark.parametrize("spec", every_spec(), ids=lambda s: s.name)
def test_every_field_fills_a_column_of_its_table(spec: TableSpec) -> None:
    columns = Base.metadata.tables[spec.name].c
    missing = [f.name for f in spec.fields if f.kind != LIST and f.attr not in columns]
    assert not missing
    assert len(set(spec.names)) == len(spec.names)


def test_a_keyed_record_names_itself_first_and_a_nested_one_has_a_fixed_order() -> None:
    for spec in TABLES:
        assert spec.keyed and spec.fields[0].name == "uid" and spec.fields[0].kind == UID
    for spec in every_spec()[len(TABLES) :]:
        assert not spec.keyed and "uid" not in spec.names
        assert spec.name in NESTED_SORT  # hashed in an order no database id decides


def test_every_reference_points_to_a_table_written_before_or_itself() -> None:
    order = [t.name for t in TABLES]
    for spec in every_spec():
        for field in spec.fields:
            if field.kind == REF:
                assert field.target in TABLE_BY_NAME, (spec.name, field.name)
                if spec.keyed:
                    assert order.index(field.target) <= order.index(spec.name), field.name


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("councils", "kind", CouncilKind),
        ("seats", "role", Role),
        ("seats", "kind", SeatKind),
        ("seats", "side", Side),
        ("meetings", "kind", MeetingKind),
        ("meetings", "state", MeetingState),
        ("protocols", "state", ProtocolState),
    ],
)
def test_the_choices_are_the_domain_values(table: str, field: str, values: type) -> None:
    spec = TABLE_BY_NAME[table].field(field)
    assert spec.kind == ENUM
    assert spec.choices == tuple(v.value for v in values)


def test_an_optional_field_has_a_default_and_an_unknown_field_is_a_key_error() -> None:
    optional = [f for t in every_spec() for f in t.fields if f.optional]
    assert optional and all(f.nullable or f.default is not None for f in optional)
    with pytest.raises(KeyError):
        TABLE_BY_NAME["seats"].field("password")


def test_the_docstring_example_holds() -> None:
    assert doctest.testmod(exchange_schema).failed == 0
