"""Citing the council's own act in each language's legal form.

A regulation profile names the act the council works under (see
:class:`app.domain.regulation.Act`) and, for each rule, the paragraph it comes
from: ``"15"``, or ``"9.4"`` for subparagraph 4) of paragraph 9.  A document or
a message cites it the way a records clerk would write it:

* kk «Ереженің 15-тармағы», «Ереженің 9-тармағының 4) тармақшасы»;
* ru «п. 15 Положения», «подп. 4) п. 9 Положения»;
* en "paragraph 15 of the Regulation", "subparagraph 4 of paragraph 9 of the Regulation".

The act itself is named in full once, where a document first refers to it
(the protocol's legal-basis line); every later citation uses the short name
("the Regulation"), as Kazakh and Russian legal texts do with «бұдан әрі –
Ереже» / «далее – Положение».

Profiles and frozen results written before acts were named carry the
project's internal shorthand (``"000 §15"``: seed file and paragraph).  Users
never read it: :func:`paragraph_of` keeps only the paragraph, and
:func:`legacy_act_key` tells which preset's act it meant.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain import translation
from app.domain.translation import N_


class ActKind(StrEnum):
    """What kind of act the council's rules are: it decides the noun of a citation."""

    REGULATION = "regulation"  # Ереже / Положение / Regulation
    RULES = "rules"  # Қағидалар / Правила / Rules


# Translators: a citation of a paragraph of the council's Regulation, in the legal form
# used in parentheses after a rule: kk "Ереженің {number}-тармағы", ru "п. {number} Положения".
_PARAGRAPH = {
    ActKind.REGULATION: N_("paragraph {number} of the Regulation"),
    ActKind.RULES: N_("paragraph {number} of the Rules"),
}
# Translators: kk "Ереженің {number}-тармағының {sub}) тармақшасы", ru "подп. {sub}) п. {number}
# Положения".
_SUBPARAGRAPH = {
    ActKind.REGULATION: N_("subparagraph {sub} of paragraph {number} of the Regulation"),
    ActKind.RULES: N_("subparagraph {sub} of paragraph {number} of the Rules"),
}
_LEGACY = re.compile(r"^\s*(?P<act>\d{3})\s*§\s*(?P<paragraph>\d+(?:\.\d+)?)\s*$")
_PARAGRAPH_TEXT = re.compile(r"^\d+(?:\.\d+)?$")


def paragraph_of(source: str) -> str:
    """The paragraph a stored source names: ``"15"`` for ``"15"`` and for legacy ``"000 §15"``.

    Anything else (free text a user typed in an old version) yields ``""``: an
    unknown reference is better left out than printed as shorthand.
    """
    text = source.strip()
    if _PARAGRAPH_TEXT.match(text):
        return text
    legacy = _LEGACY.match(text)
    return legacy.group("paragraph") if legacy else ""


def legacy_act_key(source: str) -> str:
    """The seed an old ``"000 §15"`` source referred to (``"000"``), or ``""``."""
    legacy = _LEGACY.match(source)
    return legacy.group("act") if legacy else ""


@dataclass(frozen=True)
class Citation:
    """A paragraph of the council's act, rendered in whatever language shows it.

    It is also a message parameter: :class:`app.domain.errors.KenesError`
    renders it in the language of the message it stands in.
    """

    paragraph: str
    kind: ActKind = ActKind.REGULATION

    @classmethod
    def of(cls, source: str, kind: ActKind | str = ActKind.REGULATION) -> Citation | None:
        """The citation of a stored source, or None when it names no paragraph."""
        paragraph = paragraph_of(source)
        if not paragraph:
            return None
        try:
            act_kind = ActKind(kind)
        except ValueError:
            act_kind = ActKind.REGULATION
        return cls(paragraph, act_kind)

    def render(self, translations: gettext.NullTranslations | None = None) -> str:
        t = translations if translations is not None else translation.current()
        number, _, sub = self.paragraph.partition(".")
        if sub:
            return t.gettext(_SUBPARAGRAPH[self.kind]).format(number=number, sub=sub)
        return t.gettext(_PARAGRAPH[self.kind]).format(number=number)

    def __str__(self) -> str:
        return self.render()


def cite(
    t: gettext.NullTranslations, text: str, source: str, kind: ActKind | str = ActKind.REGULATION
) -> str:
    """Append the paragraph a rule comes from: "... (п. 15 Положения)"; nothing if unknown."""
    citation = Citation.of(source, kind)
    return f"{text} ({citation.render(t)})" if citation else text
