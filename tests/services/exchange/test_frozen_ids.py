"""The people of a frozen vote record survive the trip to a file and back."""

from __future__ import annotations

from app.services.exchange.frozen_ids import frozen_in, frozen_out

IDS = {7: "uid-seven", 9: "uid-nine", 11: "uid-eleven"}
UIDS = {uid: id_ for id_, uid in IDS.items()}

FROZEN = {
    "entitled_present": [7, 9, 11],
    "presiding_id": 7,
    "chair_id": 9,
    "ballots": {"7": "for", "9": "against", "11": "abstained"},
    "result": {"adopted": True, "deciding_voter_id": 7},
    "quorum": {"has_quorum": True},
}


def uid_of(table: str, record_id: int | None) -> str | None:
    assert table == "people"
    return IDS.get(record_id) if record_id is not None else None


def id_of(table: str, uid: str | None) -> int | None:
    assert table == "people"
    return UIDS.get(uid) if uid is not None else None


def test_out_names_people_by_uid_and_in_reads_them_back() -> None:
    out = frozen_out(FROZEN, uid_of)
    assert out["entitled_present"] == ["uid-seven", "uid-nine", "uid-eleven"]
    assert (out["presiding_id"], out["chair_id"]) == ("uid-seven", "uid-nine")
    assert out["ballots"] == {"uid-seven": "for", "uid-nine": "against", "uid-eleven": "abstained"}
    assert out["result"] == {"adopted": True, "deciding_voter_id": "uid-seven"}
    assert out["quorum"] == FROZEN["quorum"]
    assert frozen_in(out, id_of) == FROZEN


def test_what_is_not_a_record_passes_unchanged() -> None:
    for value in (None, [], "text", 3):
        assert frozen_out(value, uid_of) == value
        assert frozen_in(value, id_of) == value


def test_an_unknown_or_malformed_person_becomes_none() -> None:
    assert frozen_in({"presiding_id": "nobody", "chair_id": 5}, id_of) == {
        "presiding_id": None,
        "chair_id": None,
    }
    assert frozen_out({"presiding_id": "7", "ballots": {"x": "for"}}, uid_of) == {
        "presiding_id": None,
        "ballots": {"x": "for"},
    }
