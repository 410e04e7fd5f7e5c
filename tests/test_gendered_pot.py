"""Extraction gives every GN_ message its "male" and "female" entries (tools/gendered_pot.py)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from tools.gendered_pot import gendered_entries, gendered_messages, main


def test_the_sources_mark_gendered_messages() -> None:
    messages = gendered_messages()
    assert "{name} stated a dissenting opinion (see annex 2)." in messages
    assert ("female", "{name} stated a dissenting opinion (see annex 2).") in gendered_entries()


def test_the_template_gains_the_context_entries(tmp_path: Path) -> None:
    source = tmp_path / "app"
    source.mkdir()
    (source / "m.py").write_text(
        'from app.domain.translation import GN_, N_\nA = GN_("{name} left")\nB = N_("Plain")\n',
        encoding="utf-8",
    )
    pot = tmp_path / "kenes.pot"
    catalog = Catalog()
    catalog.add("{name} left")
    catalog.add("Plain")
    with pot.open("wb") as fh:
        write_po(fh, catalog)
    assert main(str(pot), source) == 0
    with pot.open("rb") as fh:
        keys = {(m.context, m.id) for m in read_po(fh) if m.id}
    assert keys == {
        (None, "{name} left"),
        ("male", "{name} left"),
        ("female", "{name} left"),
        (None, "Plain"),
    }
