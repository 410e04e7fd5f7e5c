"""The council's act, named in full where a document first refers to it.

Every later citation in the document uses the short name ("п. 15 Положения"),
so the protocol says once which Regulation that is:

* kk «Құқықтық негіз: Қазақстан Республикасы Үкіметінің 2017 жылғы 31 қазандағы
  № 690 қаулысымен бекітілген ... туралы ереже (бұдан әрі – Ереже).»
* ru «Правовая основа: Положение о ..., утвержденное постановлением Правительства
  Республики Казахстан от 31 октября 2017 года № 690 (далее – Положение).»
* en "Legal basis: the Regulation on ..., approved by Decree of the Government of
  the Republic of Kazakhstan No. 690 of 31 October 2017 (the Regulation)."
"""

from __future__ import annotations

import gettext

from app.domain.citation import ActKind
from app.domain.council import pick
from app.domain.regulation import Act
from app.domain.translation import N_
from app.formatting import legal_date

# Translators: the act named in full, once, then called by its short name. Reorder as the
# language needs; {date} is the legal date in its attributive form (kk "2017 жылғы 31
# қазандағы"). kk: "{issuer} {date} № {number} {instrument} бекітілген {title} (бұдан әрі –
# Ереже)"; ru: "{title}, утвержденное {instrument} {issuer} от {date} № {number} (далее –
# Положение)".
FULL_NAME = {
    ActKind.REGULATION: N_(
        "{title}, approved by {instrument} of {issuer} No. {number} of {date} (the Regulation)"
    ),
    ActKind.RULES: N_(
        "{title}, approved by {instrument} of {issuer} No. {number} of {date} (the Rules)"
    ),
}
FULL_NAME_UNDATED = {
    ActKind.REGULATION: N_(
        "{title}, approved by {instrument} of {issuer} No. {number} (the Regulation)"
    ),
    ActKind.RULES: N_("{title}, approved by {instrument} of {issuer} No. {number} (the Rules)"),
}
LEGAL_BASIS = N_("Legal basis: {act}.")


def act_full_name(act: Act, lang: str, t: gettext.NullTranslations) -> str:
    """The act named in full in ``lang``, ending with the short name later citations use."""
    title = pick(act.titles, lang)
    if not title:
        return ""
    if not (act.number and pick(act.issuers, lang) and pick(act.instruments, lang)):
        return title
    values = {
        "title": title,
        "instrument": pick(act.instruments, lang),
        "issuer": pick(act.issuers, lang),
        "number": act.number,
    }
    if act.approved_on is None:
        return t.gettext(FULL_NAME_UNDATED[act.kind]).format(**values)
    return t.gettext(FULL_NAME[act.kind]).format(date=legal_date(act.approved_on, lang), **values)


def legal_basis_line(act: Act | None, lang: str, t: gettext.NullTranslations) -> str:
    """ "Legal basis: ..." for the protocol's head, or ``""`` when the profile names no act."""
    if act is None:
        return ""
    name = act_full_name(act, lang, t)
    return t.gettext(LEGAL_BASIS).format(act=name) if name else ""
