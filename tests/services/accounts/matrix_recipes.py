"""A valid call of every public write service in the matrix world (``matrix_world.World``).

A recipe is ``call(db, actor, world, prepared)``, with an optional ``prepare(db, world)``
run by the probe (an account holding every role) first, in the same copy of the world.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.domain.composition import Side
from app.domain.invited import InvitedRole
from app.domain.regulation import PRESETS
from app.domain.voting import Choice
from app.models.composition import Person
from app.models.database import Database, open_database
from app.models.meeting import Meeting
from app.services import people
from app.services.accounts.add_account import add_account
from app.services.accounts.change_password import change_password
from app.services.accounts.disable_account import disable_account
from app.services.accounts.reset_password import reset_password
from app.services.accounts.set_role import set_role
from app.services.agenda.add_item import add_item
from app.services.agenda.add_speaker import SpeakerData, add_speaker
from app.services.agenda.attach_material import attach_material
from app.services.agenda.common import ItemData
from app.services.agenda.move_item import move_item
from app.services.agenda.remove_item import remove_item
from app.services.agenda.remove_material import remove_material
from app.services.agenda.remove_speaker import remove_speaker
from app.services.agenda.undo_step import apply_undo_step
from app.services.agenda.undo_steps import WithdrawItem, stamp_of
from app.services.agenda.update_item import update_item
from app.services.base import Actor
from app.services.calendar_overrides import add_calendar_override, remove_calendar_override
from app.services.compositions.add_member import MemberData, add_member
from app.services.compositions.export_composition_xlsx import export_composition_xlsx
from app.services.compositions.import_composition import import_composition
from app.services.compositions.read_composition_file import read_composition_file
from app.services.conduct import attendance, decisions, dissent, invited, voting
from app.services.conduct.invited import InvitedData
from app.services.councils import (
    CouncilData,
    archive_council,
    create_council,
    set_profile,
    update_council,
)
from app.services.esign.add_revocation_list import add_revocation_list
from app.services.esign.add_trust_root import add_trust_root
from app.services.esign.sign_issued import sign_issued_pdf
from app.services.esign.signers import Pkcs12Signer
from app.services.exchange.apply_import import apply_import, import_at_once
from app.services.exchange.apply_return import apply_return
from app.services.exchange.export_package import export_meeting_package
from app.services.exchange.plan_import import plan_import
from app.services.exchange.plan_return import plan_return
from app.services.exchange.read_archive import read_archive
from app.services.meetings.approve_agenda import approve_agenda
from app.services.meetings.cancel_meeting import cancel_meeting
from app.services.meetings.close_meeting import close_meeting
from app.services.meetings.mark_held import mark_held
from app.services.meetings.notify_members import notify_members
from app.services.meetings.plan_meeting import plan_meeting
from app.services.meetings.postpone_meeting import postpone_meeting
from app.services.meetings.replan_meeting import replan_meeting
from app.services.meetings.update_meeting import update_meeting
from app.services.people import PersonData, PositionData
from app.services.protocols import actions
from app.services.protocols.actions import Narrative, ProtocolDetails, Signing
from app.services.protocols.restore_narrative import restore_narrative
from app.services.review.answer_remark import answer_remark
from app.services.review.return_with_remarks import return_with_remarks
from app.services.seats import add_seat, end_seat, record_new_edition, update_seat_details
from tests.services.accounts.matrix_world import (
    AT,
    CITIES,
    DECISION,
    EDITION_ACT,
    PASSWORD,
    PROBE,
    World,
    new_edition,
    seat_data,
    week,
)
from tests.services.esign.esign_helpers import PASSWORD as ESIGN_PASSWORD
from tests.services.esign.esign_helpers import Pki, make_pki
from tests.services.esign.pki import Issued, make_ca, make_crl
from tests.services.meeting_helpers import meeting_data

Call = Callable[[Database, Actor, World, Any], Any]
Prepare = Callable[[Database, World], Any]


@dataclass(frozen=True)
class Recipe:
    call: Call
    prepare: Prepare | None = None


ITEM = ItemData(title_kk="Жаңа мәселе", title_ru="Новый вопрос", title_en="New item")
NEW_PASSWORD = "another long passphrase"
INSTRUCTION = decisions.InstructionData(
    texts={"kk": "Ақпарат беру.", "ru": "Представить информацию.", "en": "Report."},
    executors={"kk": "Министрлік", "ru": "Министерство", "en": "Ministry"},
    deadline=date(2024, 6, 1),
)
PREFIX = "app.services."


def _signed(db: Database, w: World) -> None:
    actions.sign_protocol(db, PROBE, w.protocol, Signing(date(2024, 3, 20), languages=("kk",)))


def _copied(db: Database, w: World) -> None:
    _signed(db, w)
    actions.record_copy(db, PROBE, w.protocol, date(2024, 3, 21), recipient="Members")


def _import_plan(db: Database, w: World) -> Any:
    return plan_import(db, read_archive(w.archive_file))


def _remark(db: Database, w: World) -> Any:
    return return_with_remarks(db, PROBE, w.planned, "agenda", "Баяндамашыны көрсетіңіз.")


def _all_voted(db: Database, w: World) -> None:
    for someone in w.voters:
        voting.cast_ballot(db, PROBE, w.open_point, someone, Choice.FOR)


def _by_counts(db: Database, w: World) -> None:
    decisions.set_voting_mode(db, PROBE, w.open_point, "counts")


@functools.cache
def _ca() -> Issued:
    return make_ca()


def _brought_back(db: Database, w: World) -> Any:
    """The notified meeting taken to a fresh laptop, an absence recorded there, brought back."""
    folder = Path(tempfile.mkdtemp(dir=w.folder))
    export_meeting_package(db, w.notified, folder / "package.kenes.zip", actor=PROBE)
    laptop = open_database(folder / "laptop.sqlite3")
    try:
        apply_import(laptop, PROBE, plan_import(laptop, read_archive(folder / "package.kenes.zip")))
        with laptop.reading() as session:
            meeting = session.scalars(select(Meeting.id)).one()
            person = session.scalar(select(Person.id).where(Person.uid == w.member_uid))
        assert person is not None
        attendance.record_attendance(laptop, PROBE, meeting, person, False, "іссапар")
        export_meeting_package(laptop, meeting, folder / "back.kenes.zip")
    finally:
        laptop.close()
    return plan_return(db, read_archive(folder / "back.kenes.zip"))


def _added(db: Database, w: World) -> Any:
    return add_item(db, PROBE, w.planned, ITEM)


def _composition_file(db: Database, w: World) -> Any:
    folder = Path(tempfile.mkdtemp(dir=w.folder))
    path = export_composition_xlsx(db, w.council, date(2025, 6, 1), folder / "c.xlsx", "en")
    return read_composition_file(path)


@functools.cache
def _pki() -> Pki:
    return make_pki()


def _issued_electronically(db: Database, w: World) -> Any:
    signing = Signing(date(2024, 3, 20), "electronic", ("kk",), True)
    actions.sign_protocol(db, PROBE, w.protocol, signing)
    return Pkcs12Signer(_pki().secretary.p12(ESIGN_PASSWORD), ESIGN_PASSWORD)


RECIPES: dict[str, Recipe] = {
    # accounts
    "accounts.add_account.add_account": Recipe(
        lambda db, a, w, p: add_account(
            db, a, "newcomer", PASSWORD, role="reader", council_id=w.council
        )
    ),
    "accounts.change_password.change_password": Recipe(
        lambda db, a, w, p: change_password(db, a, PASSWORD, NEW_PASSWORD)
    ),
    "accounts.disable_account.disable_account": Recipe(
        lambda db, a, w, p: disable_account(db, a, "reader")
    ),
    "accounts.reset_password.reset_password": Recipe(
        lambda db, a, w, p: reset_password(db, a, "reader", NEW_PASSWORD)
    ),
    "accounts.set_role.set_role": Recipe(
        lambda db, a, w, p: set_role(db, a, "reader", "member", council_id=w.council)
    ),
    # agenda of the planned meeting
    "agenda.add_item.add_item": Recipe(lambda db, a, w, p: add_item(db, a, w.planned, ITEM)),
    "agenda.add_speaker.add_speaker": Recipe(
        lambda db, a, w, p: add_speaker(db, a, w.planned_items[1], SpeakerData(name="Ali Khan"))
    ),
    "agenda.attach_material.attach_material": Recipe(
        lambda db, a, w, p: attach_material(db, a, w.planned_items[1], w.folder / "анықтама.pdf")
    ),
    "agenda.move_item.move_item": Recipe(
        lambda db, a, w, p: move_item(db, a, w.planned_items[1], 0)
    ),
    "agenda.remove_item.remove_item": Recipe(
        lambda db, a, w, p: remove_item(db, a, w.planned_items[1])
    ),
    "agenda.remove_material.remove_material": Recipe(
        lambda db, a, w, p: remove_material(db, a, w.material)
    ),
    "agenda.remove_speaker.remove_speaker": Recipe(
        lambda db, a, w, p: remove_speaker(db, a, w.speaker)
    ),
    "agenda.undo_step.apply_undo_step": Recipe(
        lambda db, a, w, p: apply_undo_step(db, a, WithdrawItem(p.item_id), stamp_of(p)), _added
    ),
    "agenda.update_item.update_item": Recipe(
        lambda db, a, w, p: update_item(db, a, w.planned_items[1], ITEM)
    ),
    # calendar
    "calendar_overrides.add_calendar_override": Recipe(
        lambda db, a, w, p: add_calendar_override(db, a, date(2026, 3, 20), is_working_day=False)
    ),
    "calendar_overrides.remove_calendar_override": Recipe(
        lambda db, a, w, p: remove_calendar_override(db, a, w.override)
    ),
    # conduct: the notified meeting (open point) and the held board meeting (closed points)
    "conduct.attendance.record_attendance": Recipe(
        lambda db, a, w, p: attendance.record_attendance(
            db, a, w.notified, w.members[0], False, "іссапар"
        )
    ),
    "conduct.attendance.record_arrival": Recipe(
        lambda db, a, w, p: attendance.record_arrival(
            db, a, w.notified, w.members[0], w.notified_item, time(10, 20)
        )
    ),
    "conduct.attendance.record_departure": Recipe(
        lambda db, a, w, p: attendance.record_departure(
            db, a, w.notified, w.members[0], w.notified_item, time(11, 20)
        )
    ),
    "conduct.decisions.add_decision_point": Recipe(
        lambda db, a, w, p: decisions.add_decision_point(db, a, w.notified_item, DECISION)
    ),
    "conduct.decisions.add_instruction": Recipe(
        lambda db, a, w, p: decisions.add_instruction(db, a, w.points[0], INSTRUCTION)
    ),
    "conduct.decisions.remove_decision_point": Recipe(
        lambda db, a, w, p: decisions.remove_decision_point(db, a, w.open_point)
    ),
    "conduct.decisions.remove_instruction": Recipe(
        lambda db, a, w, p: decisions.remove_instruction(db, a, w.instruction)
    ),
    "conduct.decisions.set_voting_mode": Recipe(
        lambda db, a, w, p: decisions.set_voting_mode(db, a, w.open_point, "counts")
    ),
    "conduct.decisions.update_decision_point": Recipe(
        lambda db, a, w, p: decisions.update_decision_point(
            db, a, w.open_point, {**DECISION, "en": "Approved."}
        )
    ),
    "conduct.decisions.update_instruction": Recipe(
        lambda db, a, w, p: decisions.update_instruction(db, a, w.instruction, INSTRUCTION)
    ),
    "conduct.dissent.add_dissent": Recipe(
        lambda db, a, w, p: dissent.add_dissent(
            db, a, w.points[1], w.board_members[9], "Қарсымын.", "kk", date(2024, 3, 14)
        )
    ),
    "conduct.dissent.remove_dissent": Recipe(
        lambda db, a, w, p: dissent.remove_dissent(db, a, w.dissent)
    ),
    "conduct.dissent.update_dissent": Recipe(
        lambda db, a, w, p: dissent.update_dissent(db, a, w.dissent, "Мен қарсымын.", "kk")
    ),
    "conduct.invited.add_invited_person": Recipe(
        lambda db, a, w, p: invited.add_invited_person(
            db, a, w.notified, InvitedData(InvitedRole.EXPERT, name="Dana Ray")
        )
    ),
    "conduct.invited.remove_invited_person": Recipe(
        lambda db, a, w, p: invited.remove_invited_person(db, a, w.invited)
    ),
    "conduct.voting.cast_ballot": Recipe(
        lambda db, a, w, p: voting.cast_ballot(db, a, w.open_point, w.members[0], Choice.FOR)
    ),
    "conduct.voting.close_voting": Recipe(
        lambda db, a, w, p: voting.close_voting(db, a, w.open_point), _all_voted
    ),
    "conduct.voting.record_counts": Recipe(
        lambda db, a, w, p: voting.record_counts(db, a, w.open_point, len(w.voters), 0, 0),
        _by_counts,
    ),
    "conduct.voting.reopen_voting": Recipe(
        lambda db, a, w, p: voting.reopen_voting(db, a, w.points[0], "Санау қатесі.")
    ),
    # councils
    "councils.archive_council": Recipe(lambda db, a, w, p: archive_council(db, a, w.council)),
    "councils.create_council": Recipe(
        lambda db, a, w, p: create_council(
            db, a, CouncilData(name_kk="Жаңа кеңес", name_ru="Новый совет")
        )
    ),
    "councils.set_profile": Recipe(
        lambda db, a, w, p: set_profile(
            db, a, w.elsewhere, next(iter(PRESETS.values())).profile, next(iter(PRESETS))
        )
    ),
    "councils.update_council": Recipe(
        lambda db, a, w, p: update_council(
            db,
            a,
            w.council,
            CouncilData(name_kk="Басқа кеңес (жаңа)", name_ru="Другой совет (новый)"),
        )
    ),
    # compositions
    "compositions.add_member.add_member": Recipe(
        lambda db, a, w, p: add_member(db, a, w.council, MemberData(seat_data(w)))
    ),
    "compositions.import_composition.import_composition": Recipe(
        lambda db, a, w, p: import_composition(db, a, w.council, p, date(2026, 2, 1), EDITION_ACT),
        _composition_file,
    ),
    # electronic signatures: trust
    "esign.add_trust_root.add_trust_root": Recipe(
        lambda db, a, w, p: add_trust_root(db, a, _ca().der)
    ),
    "esign.add_revocation_list.add_revocation_list": Recipe(
        lambda db, a, w, p: add_revocation_list(db, a, make_crl(_ca()))
    ),
    "esign.sign_issued.sign_issued_pdf": Recipe(
        lambda db, a, w, p: sign_issued_pdf(db, a, w.protocol, "kk", p), _issued_electronically
    ),
    # exchange
    "exchange.apply_return.apply_return": Recipe(
        lambda db, a, w, p: apply_return(db, a, p), _brought_back
    ),
    "exchange.apply_import.apply_import": Recipe(
        lambda db, a, w, p: apply_import(db, a, p), _import_plan
    ),
    "exchange.apply_import.import_at_once": Recipe(
        lambda db, a, w, p: import_at_once(db, a, w.archive_file)
    ),
    # meetings
    "meetings.approve_agenda.approve_agenda": Recipe(
        lambda db, a, w, p: approve_agenda(db, a, w.planned, at=AT)
    ),
    "meetings.cancel_meeting.cancel_meeting": Recipe(
        lambda db, a, w, p: cancel_meeting(db, a, w.planned, "Мәселе шешілді.")
    ),
    "meetings.close_meeting.close_meeting": Recipe(
        lambda db, a, w, p: close_meeting(db, a, w.held)
    ),
    "meetings.mark_held.mark_held": Recipe(
        lambda db, a, w, p: mark_held(db, a, w.notified, today=week(4))
    ),
    "meetings.notify_members.notify_members": Recipe(
        lambda db, a, w, p: notify_members(db, a, w.approved, "kk", at=AT)
    ),
    "meetings.plan_meeting.plan_meeting": Recipe(
        lambda db, a, w, p: plan_meeting(db, a, w.council, meeting_data(day=week(5)))
    ),
    "meetings.postpone_meeting.postpone_meeting": Recipe(
        lambda db, a, w, p: postpone_meeting(db, a, w.planned, "Төраға іссапарда.")
    ),
    "meetings.replan_meeting.replan_meeting": Recipe(
        lambda db, a, w, p: replan_meeting(db, a, w.postponed, meeting_data(day=week(6)))
    ),
    "meetings.update_meeting.update_meeting": Recipe(
        lambda db, a, w, p: update_meeting(
            db, a, w.planned, meeting_data(day=week(1), place_en="Hall 4")
        )
    ),
    # people and positions (of no council)
    "people.appoint_to_position": Recipe(
        lambda db, a, w, p: people.appoint_to_position(
            db, a, w.spare_position, w.outsider, date(2025, 2, 1)
        )
    ),
    "people.archive_person": Recipe(lambda db, a, w, p: people.archive_person(db, a, w.outsider)),
    "people.archive_position": Recipe(
        lambda db, a, w, p: people.archive_position(db, a, w.spare_position)
    ),
    "people.create_person": Recipe(
        lambda db, a, w, p: people.create_person(
            db, a, PersonData(surname="Нұрланов", given_name="Ерлан")
        )
    ),
    "people.create_position": Recipe(
        lambda db, a, w, p: people.create_position(
            db, a, PositionData(title_kk="Әкім", title_ru="Аким")
        )
    ),
    "people.delete_person": Recipe(
        lambda db, a, w, p: people.delete_person(db, a, w.unused_person)
    ),
    "people.delete_position": Recipe(
        lambda db, a, w, p: people.delete_position(db, a, w.spare_position)
    ),
    "people.end_holding": Recipe(
        lambda db, a, w, p: people.end_holding(db, a, w.holding, date(2025, 6, 1))
    ),
    "people.update_person": Recipe(
        lambda db, a, w, p: people.update_person(
            db, a, w.outsider, PersonData(surname="Келлер", given_name="Анна-Мария")
        )
    ),
    "people.update_position": Recipe(
        lambda db, a, w, p: people.update_position(
            db, a, w.position, PositionData(title_kk="Вице-министр", title_ru="Вице-министр")
        )
    ),
    # protocols: the held board meeting's drafted protocol; the other council's held meeting
    "protocols.actions.create_protocol": Recipe(
        lambda db, a, w, p: actions.create_protocol(db, a, w.held)
    ),
    "protocols.actions.update_protocol": Recipe(
        lambda db, a, w, p: actions.update_protocol(
            db, a, w.protocol, ProtocolDetails("4", CITIES, "kk")
        )
    ),
    "protocols.actions.set_narrative": Recipe(
        lambda db, a, w, p: actions.set_narrative(
            db, a, w.protocol, w.board_items[0], "kk", Narrative("Баяндама тыңдалды!", "", "")
        )
    ),
    "protocols.actions.record_agreement": Recipe(
        lambda db, a, w, p: actions.record_agreement(
            db, a, w.protocol, "Президент Әкімшілігі", date(2024, 3, 18), "—"
        )
    ),
    "protocols.actions.mark_agreed": Recipe(
        lambda db, a, w, p: actions.mark_agreed(db, a, w.protocol),
        lambda db, w: actions.record_agreement(
            db, PROBE, w.protocol, "Президент Әкімшілігі", date(2024, 3, 18), "—"
        ),
    ),
    "protocols.actions.sign_protocol": Recipe(
        lambda db, a, w, p: actions.sign_protocol(
            db, a, w.protocol, Signing(date(2024, 3, 20), languages=("kk",))
        )
    ),
    "protocols.actions.revise_protocol": Recipe(
        lambda db, a, w, p: actions.revise_protocol(db, a, w.protocol, "Дауыс санауындағы қате"),
        _signed,
    ),
    "protocols.actions.record_copy": Recipe(
        lambda db, a, w, p: actions.record_copy(
            db, a, w.protocol, date(2024, 3, 21), recipient="Members"
        ),
        _signed,
    ),
    "protocols.actions.mark_copies_sent": Recipe(
        lambda db, a, w, p: actions.mark_copies_sent(db, a, w.protocol), _copied
    ),
    "protocols.restore_narrative.restore_narrative": Recipe(
        lambda db, a, w, p: restore_narrative(
            db,
            a,
            w.protocol,
            w.board_items[0],
            "kk",
            Narrative("Баяндама тыңдалды.", "", ""),
            Narrative("Қалпына келтірілді.", "", ""),
        )
    ),
    # review
    "review.return_with_remarks.return_with_remarks": Recipe(
        lambda db, a, w, p: return_with_remarks(db, a, w.planned, "agenda", "Баяндамашы?")
    ),
    "review.answer_remark.answer_remark": Recipe(
        lambda db, a, w, p: answer_remark(db, a, p.id, "Баяндамашы қосылды."), _remark
    ),
    # seats of the other council
    "seats.add_seat": Recipe(lambda db, a, w, p: add_seat(db, a, w.council, seat_data(w))),
    "seats.end_seat": Recipe(lambda db, a, w, p: end_seat(db, a, w.deputy_seat, date(2026, 1, 1))),
    "seats.record_new_edition": Recipe(
        lambda db, a, w, p: record_new_edition(
            db, a, w.council, date(2026, 1, 1), EDITION_ACT, new_edition(w)
        )
    ),
    "seats.update_seat_details": Recipe(
        lambda db, a, w, p: update_seat_details(
            db,
            a,
            w.deputy_seat,
            by_agreement=False,
            voting=True,
            side=Side.NONE,
            sort_order=7,
            note="Орынбасар",
        )
    ),
}

#: Services that write nothing or act for no account: they are not in the matrix.
NOT_CHECKED: dict[str, str] = {
    "accounts.abilities.abilities": "read-only: what the account may do, for the views",
    "review.awaiting_review.awaiting_review": "read-only: the chair's review tasks",
}

#: Write services with no recipe yet: the test prints them; each is a gap in the matrix.
NO_RECIPE_YET: dict[str, str] = {
    # Both write only where the demo is missing; the world is built on the demo council
    # and its meeting day, so here they write nothing.  A world without the demo is needed.
    "demo.create_demo": "needs a world without the demo council",
    "demo_meeting.create_demo_meeting": "needs the demo council without its meeting day",
}


def short(name: str) -> str:
    return name.removeprefix(PREFIX)
