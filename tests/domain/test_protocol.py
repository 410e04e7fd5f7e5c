"""app/domain/protocol.py: a protocol snapshot survives JSON storage to the same digest."""

from __future__ import annotations

import dataclasses
import json

import pytest

from app import i18n
from app.domain.protocol import (
    PROTOCOL_STATE_LABELS,
    ProtocolSnapshot,
    ProtocolState,
)
from tests.reports.protocol_samples import sample_snapshot


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_snapshot_stored_as_json_reads_back_equal(lang: str) -> None:
    snapshot = sample_snapshot(lang, items=3, members=9, revision=True)

    stored = json.loads(json.dumps(snapshot.to_dict(), ensure_ascii=False))
    again = ProtocolSnapshot.from_dict(stored)

    assert again == snapshot
    assert again.digest() == snapshot.digest()
    assert isinstance(again.items[0].decisions, tuple)
    assert isinstance(again.roll_calls[0].rows[0], type(snapshot.roll_calls[0].rows[0]))


def test_the_digest_follows_what_the_protocol_says() -> None:
    snapshot = sample_snapshot("ru", items=2, members=9)
    moved = dataclasses.replace(snapshot, place=snapshot.place + " ")

    assert len(snapshot.digest()) == 64
    assert sample_snapshot("ru", items=2, members=9).digest() == snapshot.digest()
    assert moved.digest() != snapshot.digest()


def test_an_older_or_newer_snapshot_still_reads() -> None:
    data = sample_snapshot("kk", items=1, members=9).to_dict()
    del data["document_date"]  # older: written before the field
    data["added_later"] = "ignored"  # newer: a field this version does not know

    snapshot = ProtocolSnapshot.from_dict(data)

    assert snapshot.document_date == ""
    assert not hasattr(snapshot, "added_later")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_state_has_a_translated_label(lang: str) -> None:
    assert set(PROTOCOL_STATE_LABELS) == set(ProtocolState)
    t = i18n.translations(lang)
    for label in PROTOCOL_STATE_LABELS.values():
        assert t.gettext(label) != label
