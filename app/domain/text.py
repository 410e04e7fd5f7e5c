"""The one rule for a stored text: normalised, bounded, free of control characters.

It lives in the domain because the services check what a user types with it
and the exchange format (a pure reader in ``app/formats``) checks what a file
brings with the same rule, so the two can never drift apart.

>>> clean_text("  Ұлы\u202e дала ", "name")
'Ұлы дала'
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.errors import DomainError, Term
from app.domain.translation import N_

MAX_SHORT_TEXT = 500
# Bidirectional controls, removed from every stored text (see clean_text).
_BIDI_CONTROLS: dict[int, None] = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# What clean_text acts on, found in C: bidirectional controls, and the control characters
# (Unicode's category Cc is exactly U+0000-U+001F and U+007F-U+009F).  A text without any
# of them skips the translation; the control check is this search, not a loop in Python.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(
    value: object,
    field: str,
    *,
    required: bool = False,
    limit: int = MAX_SHORT_TEXT,
    multiline: bool = False,
) -> str:
    """Strip, normalise (NFC) and check a text field; refuse control characters.

    Bidirectional controls (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) are
    removed: they are invisible, never needed in Kazakh or Russian, and make a
    name show other than it is ("…pdf\\u202egpj.exe" reads "…exe.jpg"). Other
    control characters (C0, DEL, C1) are refused.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(N_("The field “{field}” must be text."), field=Term(field))
    if _BIDI.search(value) is not None:
        value = value.translate(_BIDI_CONTROLS)
    text = unicodedata.normalize("NFC", value).strip()
    controls = _CONTROL_MULTILINE if multiline else _CONTROL
    if controls.search(text) is not None:
        raise DomainError(N_("The field “{field}” contains control characters."), field=Term(field))
    if len(text) > limit:
        raise DomainError(
            N_("The field “{field}” is too long ({length} characters; at most {limit})."),
            field=Term(field),
            length=len(text),
            limit=limit,
        )
    if required and not text:
        raise DomainError(N_("The field “{field}” must not be empty."), field=Term(field))
    return text
