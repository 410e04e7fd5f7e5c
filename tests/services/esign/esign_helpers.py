"""An electronically issued protocol of the demo board, signed by a secretary and a chair."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from app.domain.regulation import Signers
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import get_council, set_profile
from app.services.demo import create_demo
from app.services.protocols.actions import Signing, create_protocol, sign_protocol
from tests.services.conduct_helpers import ME
from tests.services.esign.pki import Issued, make_ca, make_signer
from tests.services.protocol_helpers import held_meeting

PASSWORD = "сынақ-құпия"


@dataclass(frozen=True)
class Pki:
    ca: Issued
    secretary: Issued
    chair: Issued


def make_pki() -> Pki:
    ca = make_ca()
    return Pki(ca, make_signer(ca, "ЖАҚСЫЛЫҚОВ АСХАТ"), make_signer(ca, "ӘБЕНОВ НҰРЛАН"))


def issued_electronically(
    db: Database, *, two_signers: bool = True, method: str = "electronic"
) -> int:
    """The id of the protocol issued in kk, ru and en, ready for electronic signatures."""
    create_demo(db, SYSTEM)
    if two_signers:
        profile = get_council(db, 1).profile
        set_profile(
            db,
            ME,
            1,
            dataclasses.replace(profile, signers=Signers.PRESIDING_AND_SECRETARY),
            effective_from=date(2024, 1, 1),
        )
    held = held_meeting(db)
    protocol = create_protocol(db, ME, held.board.meeting_id)
    sign_protocol(db, ME, protocol.id, Signing(date(2024, 3, 20), method, ("kk", "ru", "en"), True))
    return protocol.id
