#!/usr/bin/env python3
"""Fill kk/ru catalog entries from a JSON file of translations (a translator's helper).

    .venv/bin/python tools/po_fill.py translations.json

The JSON maps a msgid to {"kk": "...", "ru": "..."}; a plural entry is keyed
"singular\\u0000plural" and maps to lists ({"kk": [one, other], "ru": [one, few, many]});
an entry with a gettext context is keyed "context\\u0004msgid" (e.g. "female\\u0004{name} left",
the gendered entries of app/domain/translation.py).
Existing translations are replaced; fuzzy marks are cleared for filled entries.
Prints the msgids that are still untranslated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main(path: str) -> int:
    data: dict[str, dict[str, object]] = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = 0
    for lang in ("kk", "ru"):
        po_path = ROOT / "translations" / lang / "LC_MESSAGES" / "kenes.po"
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            key: str = (
                "\u0000".join(message.id) if isinstance(message.id, tuple) else str(message.id)
            )
            if message.context:
                key = f"{message.context}\u0004{key}"
            entry = data.get(key)
            if entry is not None and lang in entry:
                value = entry[lang]
                message.string = tuple(value) if isinstance(value, list) else value  # type: ignore[assignment]
                message.flags.discard("fuzzy")
            if not message.string or (
                isinstance(message.string, tuple) and not all(message.string)
            ):
                missing += 1
                print(f"[{lang}] untranslated: {key!r}")
        with po_path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
