"""Read one protocol as it stands: what the protocol editor opens and shows again after saving."""

from __future__ import annotations

from app.models.database import Database
from app.services.accounts.scope import check_protocol
from app.services.protocols.common import ProtocolInfo, load_protocol, protocol_info


def read_protocol(db: Database, protocol_id: int) -> ProtocolInfo:
    """The protocol ``protocol_id`` as plain data (refused if there is none)."""
    with db.reading() as session:
        row = load_protocol(session, protocol_id)
        check_protocol(session, row)
        return protocol_info(session, row)
