"""The Councils page: the list of councils, archive, languages, and the people dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import desktop, i18n, settings
from app.domain.errors import KenesError
from app.models.database import Database
from app.services.base import SYSTEM
from app.services.demo import create_demo
from app.services.demo_data import COUNCIL_NAMES
from app.services.people import PersonData, create_person, list_people
from app.views import councils_page, operations, people_dialogs
from app.views.councils_page import CouncilsPage
from app.views.qt_i18n import apply_language
from app.views.shell import COUNCILS, slot
from tests.views.view_helpers import answering

HEADERS = ("Council", "Kind", "Seats now")


@pytest.fixture
def page(qtbot: QtBot, database: Database) -> Iterator[CouncilsPage]:
    create_demo(database, SYSTEM)
    widget = CouncilsPage(database, SYSTEM)
    qtbot.addWidget(widget)
    yield widget
    apply_language("en")


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions asked, each answered yes."""
    return answering(monkeypatch, True, councils_page, people_dialogs)


def headers(page: CouncilsPage) -> list[str]:
    model = page.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def row_texts(page: CouncilsPage, row: int = 0) -> list[str]:
    model = page.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_page_lists_the_demo_council(page: CouncilsPage) -> None:
    assert headers(page) == list(HEADERS)
    assert row_texts(page) == [COUNCIL_NAMES["en"], "Supervisory board", "15"]
    assert page.selected_council() is not None
    assert page.composition.model.rowCount() == 15  # the first council is shown
    assert page.title.objectName() == "pageTitle" and page.title.text() == "Councils"


@pytest.mark.parametrize(
    ("code", "council", "title"),
    [("kk", "Кеңес", "Кеңестер"), ("ru", "Совет", "Советы"), ("en", "Council", "Councils")],
)
def test_switching_the_language_changes_headers_and_names(
    page: CouncilsPage, code: str, council: str, title: str
) -> None:
    apply_language("ru" if code != "ru" else "kk")
    apply_language(code)
    catalog = i18n.translations(code)
    assert headers(page) == [catalog.gettext(h) for h in HEADERS]
    assert headers(page)[0] == council
    assert page.council_names() == [COUNCIL_NAMES[code]]
    assert row_texts(page)[1] == catalog.gettext("Supervisory board")
    assert page.title.text() == title
    assert page.composition.model.headerData(1, Qt.Orientation.Horizontal) == catalog.gettext(
        "Role"
    )


def test_a_missing_name_falls_back_to_another_language(
    page: CouncilsPage, database: Database
) -> None:
    from app.services.councils import CouncilData, create_council

    create_council(database, SYSTEM, CouncilData(name_ru="Экспертный совет"))
    page.refresh()
    apply_language("kk")
    # Shown, but marked as Russian: the Kazakh window does not pass it for Kazakh.
    assert "Экспертный совет (ru)" in page.council_names()


def test_archiving_hides_the_council_and_restore_brings_it_back(
    page: CouncilsPage, answers: list[str], refusals: list[KenesError]
) -> None:
    page.archive_council()
    assert len(answers) == 1 and COUNCIL_NAMES["en"] in answers[0]
    assert refusals == []
    assert page.council_names() == []
    assert page.composition.council_id is None
    assert not page.edit_action.isEnabled()
    page.show_archived_action.setChecked(True)
    assert page.council_names() == [COUNCIL_NAMES["en"]]
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.FontRole).italic()
    assert page.archive_action.text() == "Restore"
    page.archive_council()
    page.show_archived_action.setChecked(False)
    assert page.council_names() == [COUNCIL_NAMES["en"]]


def test_archiving_asks_first(page: CouncilsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(councils_page, "ask", lambda _parent, _question: False)
    page.archive_council()
    assert page.council_names() == [COUNCIL_NAMES["en"]]


def test_a_new_council_from_the_page_is_listed_and_selected(page: CouncilsPage) -> None:
    dialog = page.new_council()
    dialog.names["en"].setText("Expert council on data")
    dialog.accept()
    assert sorted(page.council_names()) == sorted([COUNCIL_NAMES["en"], "Expert council on data"])
    selected = page.selected_council()
    assert selected is not None and selected.name("en") == "Expert council on data"
    assert page.composition.model.rowCount() == 0


def test_editing_from_the_page_renames_the_council(page: CouncilsPage) -> None:
    dialog = page.edit_council()
    assert dialog is not None
    dialog.names["en"].setText("ITP supervisory board")
    dialog.accept()
    assert page.council_names() == ["ITP supervisory board"]


def test_people_can_be_found_added_and_deleted_unless_in_use(
    page: CouncilsPage, database: Database, answers: list[str], refusals: list[KenesError]
) -> None:
    dialog = page.open_people()
    assert dialog.model.rowCount() == 16
    dialog.search.setText("Мұхамед")
    assert [p.surname for p in dialog.model.rows()] == ["Мұхамеджанов"]
    dialog.table.selectRow(0)
    dialog.delete()
    assert len(refusals) == 1 and "archive" in refusals[0].message()
    assert len(list_people(database)) == 16

    dialog.search.clear()
    editor = dialog.add()
    editor.surname.setText("Жаңабаев")  # type: ignore[attr-defined]
    editor.accept()
    assert len(list_people(database)) == 17
    selected = dialog.selected()
    assert selected is not None and selected.surname == "Жаңабаев"
    dialog.delete()
    assert len(refusals) == 1
    assert len(list_people(database)) == 16


def test_a_person_without_a_surname_is_refused(
    page: CouncilsPage, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[KenesError] = []
    monkeypatch.setattr(operations, "show_refusal", lambda _p, error: seen.append(error))
    dialog = page.open_people()
    editor = dialog.add()
    editor.given_name.setText("Әлия")  # type: ignore[attr-defined]
    editor.accept()
    assert len(seen) == 1
    assert editor.isVisible()
    assert editor.given_name.text() == "Әлия"  # type: ignore[attr-defined]
    editor.reject()


def test_archiving_a_person_hides_them_from_the_list(
    page: CouncilsPage, database: Database, refusals: list[KenesError]
) -> None:
    person = create_person(database, SYSTEM, PersonData("Байтұрсынов"))
    dialog = page.open_people()
    dialog.search.setText("Байтұрсын")
    assert [p.id for p in dialog.model.rows()] == [person.id]
    dialog.table.selectRow(0)
    dialog.archive()
    assert dialog.model.rows() == []
    dialog.show_archived.setChecked(True)
    assert [p.archived for p in dialog.model.rows()] == [True]


def test_positions_can_be_edited(page: CouncilsPage, database: Database) -> None:
    dialog = page.open_positions()
    assert dialog.model.rowCount() == 15
    prime_minister = "Prime Minister of the Republic of Kazakhstan"
    row = [p.titles["en"] for p in dialog.model.rows()].index(prime_minister)
    dialog.table.selectRow(row)  # the list is sorted by title in the interface language
    editor = dialog.edit()
    assert editor is not None
    assert editor.titles["en"].text() == prime_minister  # type: ignore[attr-defined]
    editor.organisations["en"].setText("Government of the Republic of Kazakhstan")  # type: ignore[attr-defined]
    editor.accept()
    assert page.composition.model.data(
        page.composition.model.index(0, 2), Qt.ItemDataRole.ToolTipRole
    ).endswith("Government of the Republic of Kazakhstan")


def test_the_main_window_shows_the_councils_page(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    window = desktop.build_main_window(settings.Settings(tmp_path / "config"), database)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(slot(window, COUNCILS).page(), CouncilsPage)
    assert slot(window, COUNCILS).built


@pytest.fixture
def heard() -> Iterator[list[operations.Changes]]:
    """The changes announced on the hub while the test runs."""
    found: list[operations.Changes] = []

    def listen(changes: operations.Changes, _source: object) -> None:
        found.append(changes)

    operations.hub().changed.connect(listen)
    yield found
    operations.hub().changed.disconnect(listen)


def test_archiving_announces_a_change_of_councils(
    page: CouncilsPage, answers: list[str], heard: list[operations.Changes]
) -> None:
    page.archive_council()
    assert heard == [operations.COUNCILS]


def test_a_person_saved_in_the_people_dialog_announces_a_change_of_composition(
    page: CouncilsPage, heard: list[operations.Changes]
) -> None:
    dialog = page.open_people()
    editor = dialog.add()
    editor.surname.setText("Жаңабаев")  # type: ignore[attr-defined]
    editor.accept()
    assert heard == [operations.COMPOSITION]


def test_a_council_added_elsewhere_appears_when_its_change_is_announced(
    qtbot: QtBot, page: CouncilsPage, database: Database
) -> None:
    from app.services.councils import CouncilData, create_council

    page.show()
    create_council(database, SYSTEM, CouncilData(name_en="Expert council on data"))
    assert "Expert council on data" not in page.council_names()
    operations.announce(operations.COUNCILS)  # as an import or another window would
    assert "Expert council on data" in page.council_names()
