"""What the QR code of a paper copy says: which protocol, and the hash of its signed file.

The text is short, ASCII and readable by a person who decodes it with any phone::

    kenes:protocol?meeting=4f0c…&lang=kk&revision=1&sha256=9a3e…

``meeting`` is the meeting's uid (the same in every database that exchanged it),
``lang`` and ``revision`` pick the protocol's issued document, and ``sha256`` is the
SHA-256 of the electronically signed file the copy was printed from.
``kenes protocol verify --qr TEXT`` finds that protocol and compares the hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from app.domain.errors import DomainError
from app.domain.translation import N_

PREFIX = "kenes:protocol?"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_UID = re.compile(r"[0-9a-f]{32}")
LANGS = ("kk", "ru", "en")


@dataclass(frozen=True)
class QrIdentity:
    """The protocol a paper copy stands for, and the signed file it was printed from."""

    meeting_uid: str
    lang: str
    revision: int
    sha256: str

    def text(self) -> str:
        """The payload of the QR code."""
        query = urlencode(
            {
                "meeting": self.meeting_uid,
                "lang": self.lang,
                "revision": self.revision,
                "sha256": self.sha256,
            }
        )
        return PREFIX + query


def parse_payload(text: object) -> QrIdentity:
    """The identity a QR code's text states; a text that is not one Kenes printed is refused."""
    refusal = DomainError(
        N_("This is not the QR code of a Kenes paper copy: it names no protocol and hash.")
    )
    if not isinstance(text, str) or len(text) > 1000:
        raise refusal
    text = text.strip()
    if not text.startswith(PREFIX):
        raise refusal
    fields = parse_qs(text[len(PREFIX) :], strict_parsing=False)
    values = {key: found[0] for key, found in fields.items() if len(found) == 1}
    uid = values.get("meeting", "").lower()
    lang = values.get("lang", "")
    revision = values.get("revision", "")
    sha = values.get("sha256", "").lower()
    if not (_UID.fullmatch(uid) and lang in LANGS and revision.isdigit() and _HEX64.fullmatch(sha)):
        raise refusal
    return QrIdentity(uid, lang, int(revision), sha)
