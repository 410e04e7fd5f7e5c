"""The reading check list of the protocol's sentences is generated from the code and current."""

from __future__ import annotations

import re

from tools import protocol_phrases


def test_the_check_list_is_current() -> None:
    assert protocol_phrases.OUTPUT.read_text(encoding="utf-8") == protocol_phrases.render(), (
        "docs/protocol-phrases.md is out of date: run .venv/bin/python tools/protocol_phrases.py"
    )


def test_the_check_list_has_no_shorthand_and_every_language() -> None:
    text = protocol_phrases.render()
    assert "§" not in text and not re.search(r"\b00[0-4]\b", text)
    examples = text.split("## 2. Worked examples", 1)[1]
    for lang in ("kk", "ru", "en"):
        assert f"- **{lang}**:" in examples
