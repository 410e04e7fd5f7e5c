#!/usr/bin/env python3
"""Add the gendered entries of every ``GN_`` message to the extracted template.

    .venv/bin/python tools/gendered_pot.py translations/kenes.pot

Babel extracts a ``GN_("...")`` call once, without a context (the neutral
wording).  A message that agrees with a person's gender also needs the entries
with the contexts "male" and "female" (see :mod:`app.domain.translation`);
this adds them to the template, so ``update`` carries them into every catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.translation import GENDER_CONTEXTS  # noqa: E402


def gendered_messages(source: Path = ROOT / "app") -> list[str]:
    """The msgids marked with ``GN_`` under ``source``, sorted."""
    found = {
        message
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            source, method_map=[("**.py", "python")], keywords={"GN_": None}
        )
        if isinstance(message, str)
    }
    return sorted(found)


def gendered_entries(source: Path = ROOT / "app") -> set[tuple[str, str]]:
    """Every (context, msgid) pair the gendered messages need in a catalog."""
    return {(ctx, m) for m in gendered_messages(source) for ctx in GENDER_CONTEXTS}


def main(pot_path: str, source: Path = ROOT / "app") -> int:
    """Add the gendered entries of the messages under ``source`` to the template ``pot_path``."""
    path = Path(pot_path)
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for context, message in sorted(gendered_entries(source)):
        if catalog.get(message, context=context) is None:
            catalog.add(message, context=context)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=76, omit_header=False, sort_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
