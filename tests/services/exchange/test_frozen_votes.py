"""A closed vote travels frozen: compared by its facts, never recounted here, changes in words."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.regulation import RegulationProfile, profile_from_data
from app.formats.exchange_archive import ImportRefused
from app.models.database import open_database
from app.services.base import SYSTEM
from app.services.exchange.apply_import import apply_import
from app.services.exchange.export_archive import export_archive
from app.services.exchange.frozen_votes import (
    PARTS,
    ProfileChangeNote,
    adoption,
    differing_parts,
    frozen_profile,
    profile_change_lines,
)
from app.services.exchange.plan_import import plan_import
from app.services.exchange.read_archive import read_archive
from tests.services.exchange.trip_helpers import document_of, files
from tests.services.protocol_helpers import held_meeting


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The source database of the held meeting (two votes closed) and its exported document."""
    folder = tmp_path_factory.mktemp("frozen")
    db = open_database(folder / "source.sqlite3")
    held_meeting(db)
    export_archive(db, folder / "held.kenes.zip")
    db.close()
    return folder / "held.kenes.zip", document_of(folder / "held.kenes.zip")[0]


def frozen(document: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return copy.deepcopy(document["tables"]["decision_points"][index]["frozen"])


def test_a_record_differs_only_in_the_facts_of_the_vote(
    held: tuple[Path, dict[str, Any]],
) -> None:
    record = frozen(held[1])
    assert differing_parts(record, copy.deepcopy(record)) == []
    worded = copy.deepcopy(record)
    worded["result"]["threshold_source"] = "15.1"  # the paragraph cited is wording, not a fact
    worded["quorum"]["source"] = "12"
    worded["entitled_present"] = list(reversed(record["entitled_present"]))
    assert differing_parts(record, worded) == []
    counted = copy.deepcopy(record)
    counted["result"]["for_"] = 9
    counted["chair_id"] = None
    assert differing_parts(record, counted) == ["chair_id", "result"]
    assert differing_parts(None, record) == list(PARTS)


def test_the_profile_and_the_adoption_of_a_record(held: tuple[Path, dict[str, Any]]) -> None:
    record = frozen(held[1], 1)  # a 7–7 tie the presiding member's vote decided
    in_force = RegulationProfile()
    assert frozen_profile(record, in_force) == profile_from_data(record["profile"])
    assert frozen_profile({**record, "profile": None}, in_force) is in_force
    assert frozen_profile(None, in_force) is in_force
    assert adoption(record) is True
    assert adoption({**record, "result": {**record["result"], "adopted": False}}) is False
    assert adoption({"result": None}) is None and adoption("closed") is None


def test_a_vote_closed_here_never_changes_by_import(
    held: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "target.sqlite3"
    db = open_database(path)
    apply_import(db, SYSTEM, plan_import(db, read_archive(held[0])))
    document = copy.deepcopy(held[1])
    point = document["tables"]["decision_points"][0]
    point["frozen"]["result"]["adopted"] = False
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    before = files(path)
    plan = plan_import(db, read_archive(changed))
    messages = [p.message() for p in plan.problems]
    assert any(
        "The voting on decision point 1 of meeting No. 1 is closed in this database" in m
        for m in messages
    ), messages
    with pytest.raises(ImportRefused):
        apply_import(db, SYSTEM, plan)
    assert files(path) == before


def test_a_change_of_profile_is_said_in_words(held: tuple[Path, dict[str, Any]]) -> None:
    before = frozen(held[1])["profile"]
    after = {**before, "secretary_votes": False}
    council = {"kk": "Қамқоршылық кеңес", "ru": "Попечительский совет", "en": "Supervisory board"}
    dated = ProfileChangeNote(council, date(2024, 9, 1), before, after)
    always = ProfileChangeNote(council, None, before, after)
    [line] = profile_change_lines([dated], "en")
    assert line.startswith("Supervisory board: ") and "takes effect on" in line
    assert "2024-09-01" not in line  # dates in words, never ISO
    [every] = profile_change_lines((always,), "ru")
    assert every.startswith("Попечительский совет: ") and "для всех заседаний" in every
    assert profile_change_lines([ProfileChangeNote(council, None, before, before)], "kk") == []
    senseless = ProfileChangeNote(council, None, before, {"quorum": "many"})
    assert profile_change_lines([senseless], "en") == []
