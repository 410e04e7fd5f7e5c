#!/usr/bin/env python3
"""Write the reading check list of the protocol: every sentence pattern, in kk, ru and en.

    .venv/bin/python tools/protocol_phrases.py          # rewrite docs/protocol-phrases.md
    .venv/bin/python tools/protocol_phrases.py --check  # exit 1 when the file is out of date

The list is generated from the code, so it cannot drift from what Kenes prints:

1. every message of the modules that write protocol text, with its Kazakh and
   Russian translation (each plural form; each gendered form);
2. worked examples: whole sentences the real functions produce for a matrix of
   results (majorities, ties under each tie-break and reading, quorum, citations,
   the act named in full), in each language.

A native reader reviews it line by line; ``tests/test_protocol_phrases.py`` fails
when the code changes a pattern and the list was not written again, so the review
is the reference for later changes.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.extract import extract_from_file  # noqa: E402

OUTPUT = ROOT / "docs" / "protocol-phrases.md"
LANGS = ("kk", "ru", "en")

# The modules whose messages a protocol, the composition list or a notice prints.
MODULES = (
    "app/services/protocols/labels.py",
    "app/services/protocols/snapshot.py",
    "app/services/protocols/legal_basis.py",
    "app/services/protocols/item_attendance.py",
    "app/services/protocols/form.py",
    "app/domain/citation.py",
    "app/domain/quorum.py",
    "app/domain/quorum_loss.py",
    "app/domain/voting.py",
    "app/domain/absence.py",
)
KEYWORDS = {
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "NP_": ((1, "c"), 2),
    "GN_": None,
}


def messages() -> Iterator[tuple[str, str | tuple[str, ...], str | None]]:
    """(module, msgid or plural pair, context) in source order, each once."""
    seen: set[object] = set()
    for module in MODULES:
        path = ROOT / module
        if not path.exists():
            continue
        for _line, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            key = (message, context)
            if key in seen:
                continue
            seen.add(key)
            yield module, message, context
            if "GN_(" in _source_line(path, _line):
                for gender in ("male", "female"):
                    seen.add((message, gender))
                    yield module, message, gender


def _source_line(path: Path, line: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[max(0, line - 2) : line])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("\u00a0", " ")


def _translate(
    t: gettext.NullTranslations, message: str | tuple[str, ...], context: str | None, n: int
) -> str:
    if isinstance(message, tuple):
        return t.ngettext(message[0], message[1], n)
    if context:
        return t.pgettext(context, message)
    return t.gettext(message)


def _patterns() -> list[str]:
    from app.i18n import translations

    catalogs = {lang: translations(lang) for lang in LANGS}
    out = [
        "## 1. Patterns",
        "",
        "Every message of the modules that write protocol text; `{…}` are filled in by",
        "the code. Plural messages show each form (kk: one, other; ru: one, few, many,",
        "shown for 1, 3 and 5). Gendered messages show the male, female and neutral form.",
        "",
    ]
    current = ""
    for module, message, context in messages():
        if module != current:
            current = module
            out += [
                "",
                f"### `{module}`",
                "",
                "| English | Қазақша | Русский |",
                "| --- | --- | --- |",
            ]
        if isinstance(message, tuple):
            en = f"{message[0]} / {message[1]}"
            kk = " / ".join(
                dict.fromkeys(_translate(catalogs["kk"], message, None, n) for n in (1, 5))
            )
            ru = " / ".join(_translate(catalogs["ru"], message, None, n) for n in (1, 3, 5))
        else:
            label = f" *({context})*" if context else ""
            en = message + label
            kk = _translate(catalogs["kk"], message, context, 1)
            ru = _translate(catalogs["ru"], message, context, 1)
        out.append(f"| {_cell(en)} | {_cell(kk)} | {_cell(ru)} |")
    return out


def _examples() -> list[str]:
    from app.domain.citation import ActKind, Citation
    from app.domain.quorum import quorum_status
    from app.domain.regulation import (
        ACT_690,
        ACT_881,
        AI_COUNCIL_881,
        MORE_THAN_HALF,
        SUPERVISORY_BOARD_690,
        TieBreak,
        TieReading,
    )
    from app.domain.voting import Ballot, Choice, VotingContext, tally
    from app.i18n import translations
    from app.services.protocols.legal_basis import legal_basis_line

    board, ai = SUPERVISORY_BOARD_690.profile, AI_COUNCIL_881.profile
    no_casting = board.with_changes(tie_break=TieBreak.NONE)
    lenient = board.with_changes(tie_reading=TieReading.FOR_EQUALS_AGAINST)
    with_quorum = board.with_changes(
        quorum=MORE_THAN_HALF, sources={**board.sources, "quorum": "12"}
    )

    def vote(
        for_: int, against: int, abstained: int, present: int, size: int, presiding: Choice | None
    ) -> tuple[list[Ballot], VotingContext]:
        choices = [Choice.FOR] * for_ + [Choice.AGAINST] * against + [Choice.ABSTAINED] * abstained
        members = list(range(1, present + 1))
        ballots = []
        order = list(members)
        if presiding is not None:
            # The presiding member (id 1) casts ``presiding``; the others fill the counts.
            choices.remove(presiding)
            ballots.append(Ballot(1, presiding))
            order = members[1:]
        ballots += [Ballot(voter, choice) for voter, choice in zip(order, choices, strict=False)]
        context = VotingContext(frozenset(members), size, presiding_id=1, chair_id=1)
        return ballots, context

    cases = [
        (
            "11 for, 3 against, 0 abstained of 14 present",
            board,
            (11, 3, 0, 14, 15, Choice.FOR),
        ),
        ("4–4, 1 abstained, presiding votes for", board, (4, 4, 1, 9, 15, Choice.FOR)),
        ("4–4, presiding votes against", board, (4, 4, 0, 8, 15, Choice.AGAINST)),
        ("1–1–1 of 3 present, presiding votes for", board, (1, 1, 1, 3, 15, Choice.FOR)),
        ("3–3–3 of 9 present, presiding votes for", board, (3, 3, 3, 9, 15, Choice.FOR)),
        (
            "1–1–1 of 3 present, presiding votes for, lenient reading of a tie",
            lenient,
            (1, 1, 1, 3, 15, Choice.FOR),
        ),
        ("5–5, chair votes for; recommendations (AI council)", ai, (5, 5, 0, 10, 12, Choice.FOR)),
        ("2–2 with no casting vote in the regulation", no_casting, (2, 2, 0, 4, 7, Choice.FOR)),
        ("2 for, 5 against of 9 present, 2 did not vote", board, (2, 5, 0, 9, 15, Choice.AGAINST)),
    ]
    out = [
        "## 2. Worked examples",
        "",
        "Whole sentences as the real functions write them, for a matrix of results.",
        "",
    ]
    for title, profile, (f, a, ab, present, size, presiding) in cases:
        ballots, context = vote(f, a, ab, present, size, presiding)
        result = tally(ballots, context, profile)
        out += [f"### {title}", ""]
        for lang in LANGS:
            out.append(f"- **{lang}**: {_cell(result.explain(translations(lang)))}")
        out.append("")
    out += ["### Quorum (a profile with a quorum of more than half, paragraph 12)", ""]
    for present in (8, 7):
        status = quorum_status(present, 15, with_quorum)
        for lang in LANGS:
            out.append(f"- **{lang}**: {_cell(status.explain(translations(lang)))}")
    status = quorum_status(14, 15, board)
    for lang in LANGS:
        out.append(f"- **{lang}** (no quorum set): {_cell(status.explain(translations(lang)))}")
    out += ["", "### Citations and the act named in full", ""]
    for lang in LANGS:
        t = translations(lang)
        cited = ", ".join(
            Citation(p, kind).render(t)
            for p, kind in (
                ("15", ActKind.REGULATION),
                ("9.4", ActKind.REGULATION),
                ("12", ActKind.RULES),
            )
        )
        out.append(f"- **{lang}**: {_cell(cited)}")
    for act in (ACT_690, ACT_881):
        for lang in LANGS:
            out.append(f"- **{lang}**: {_cell(legal_basis_line(act, lang, translations(lang)))}")
    return out


def render() -> str:
    lines = [
        "# The protocol's sentences: a reading check list",
        "",
        "Generated by `tools/protocol_phrases.py` from the code; do not edit by hand.",
        "Every sentence pattern the kk, ru and en protocols can print, for a native",
        "reader and a records clerk to review line by line. A test fails when the code",
        "changes a pattern and this file was not generated again.",
        "",
        *_patterns(),
        "",
        *_examples(),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run tools/protocol_phrases.py")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
