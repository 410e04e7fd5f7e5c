"""The user guide (docs/guide): the same chapters and sections in kk, ru and en, nothing missing.

F1 opens a chapter and a section by name (app/views/help_window.py), so each
language must have every chapter file and every section marker; each picture
and each link between chapters must exist; the shortcuts chapter must list
every shortcut the windows define.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
LANGUAGES = ("kk", "ru", "en")
MARKER = re.compile(r"^<!--\s*help:\s*([\w-]+)\s*-->\s*\n#+ .+$", re.MULTILINE)
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#]+\.md)(?:#[\w-]+)?\)")
SHORTCUT = re.compile(
    r'"((?:Ctrl|Alt|Shift)\+[A-Za-z0-9+]+|F\d+|Insert|Delete|PgUp|PgDown|Return|Enter)"'
)


def chapter_files(lang: str) -> list[str]:
    return sorted(p.name for p in (GUIDE / lang).glob("[0-9][0-9]-*.md"))


def test_every_chapter_exists_in_every_language() -> None:
    english = chapter_files("en")
    assert len(english) >= 8
    for lang in LANGUAGES:
        assert chapter_files(lang) == english, lang
        assert (GUIDE / lang / "README.md").is_file()


@pytest.mark.parametrize("name", chapter_files("en"))
def test_each_chapter_has_the_same_sections_in_every_language(name: str) -> None:
    sections = {
        lang: MARKER.findall((GUIDE / lang / name).read_text("utf-8")) for lang in LANGUAGES
    }
    assert sections["kk"] == sections["ru"] == sections["en"]
    assert len(set(sections["en"])) == len(sections["en"])  # no section named twice


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_picture_and_link_exists(lang: str) -> None:
    for path in [*(GUIDE / lang).glob("*.md"), GUIDE / "README.md"]:
        text = path.read_text("utf-8")
        for target in IMAGE.findall(text) + LINK.findall(text):
            assert (path.parent / target).resolve().is_file(), f"{path.name}: {target}"
        if path.parent.name == lang:
            pictures = IMAGE.findall(text)
            assert all(f"/images/{lang}/" in p for p in pictures), f"{path.name}: {pictures}"


def test_the_russian_guide_writes_no_yo() -> None:
    for path in (GUIDE / "ru").glob("*.md"):
        assert "ё" not in path.read_text("utf-8").lower(), path.name


def test_the_shortcuts_chapter_lists_every_shortcut_of_the_windows() -> None:
    found: set[str] = set()
    for source in (ROOT / "app" / "views").rglob("*.py"):
        found.update(SHORTCUT.findall(source.read_text("utf-8")))
    aliases = {"Ctrl+Return": "Ctrl+Enter", "PgDown": "PgDn", "Return": "Enter"}
    chapter = (GUIDE / "en" / "07-shortcuts.md").read_text("utf-8")
    missing = sorted(k for k in found if aliases.get(k, k) not in chapter)
    assert not missing, f"shortcuts missing from docs/guide/en/07-shortcuts.md: {missing}"
    rows = {
        lang: (GUIDE / lang / "07-shortcuts.md").read_text("utf-8").count("\n| ")
        for lang in LANGUAGES
    }
    assert rows["kk"] == rows["ru"] == rows["en"]
