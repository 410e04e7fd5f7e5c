"""The council editor: names, kind, parent council, act, working body and regulation profile.

OK calls ``councils.create_council`` or ``councils.update_council`` (with the
version read, so a change made meanwhile elsewhere is refused, not
overwritten), through the operation runner (:func:`app.views.operations.run`): a
refusal is shown and the dialog stays open with everything typed kept.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.council import COUNCIL_KIND_LABELS, CouncilKind
from app.domain.regulation import profile_to_dict
from app.i18n import N_, _, interface_language
from app.services.base import Actor
from app.services.councils import (
    CouncilData,
    CouncilInfo,
    create_council,
    get_council,
    list_councils,
    update_council,
)
from app.services.handles import Database
from app.services.people import ActData
from app.services.profile_history import ProfileAct
from app.views.conflict_dialog import language_rows, resolve_conflict
from app.views.operations import run
from app.views.profile_editor import ProfileEditor
from app.views.retranslate import Retranslatable
from app.views.seat_dialog import (
    ActFields,
    ChoiceCombo,
    Label,
    OptionalDateEdit,
    Texts,
    ok_cancel,
)


def _council_name(council: CouncilInfo) -> str:
    return council.name(interface_language())


KIND_CHOICES: list[tuple[Any, Label]] = [(kind, COUNCIL_KIND_LABELS[kind]) for kind in CouncilKind]


class CouncilDialog(Retranslatable, QDialog):
    """Create a council (``council`` None) or edit one."""

    saved = Signal(object)  # CouncilInfo

    def __init__(
        self,
        db: Database,
        actor: Actor,
        council: CouncilInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("councilDialog")
        self._db = db
        self._actor = actor
        self._original = council
        self.council: CouncilInfo | None = None
        self.texts = Texts()

        self.names: dict[str, QLineEdit] = {}
        self.working_body: dict[str, QLineEdit] = {}
        self.names_box = QGroupBox()
        self.working_body_box = QGroupBox()
        names_form = QFormLayout(self.names_box)
        body_form = QFormLayout(self.working_body_box)
        for lang in i18n.LANGUAGES:
            # Language names are shown in their own language, as in the language menu.
            self.names[lang.code] = QLineEdit()
            self.names[lang.code].setObjectName(f"name_{lang.code}")
            self.working_body[lang.code] = QLineEdit()
            names_form.addRow(lang.native_name, self.names[lang.code])
            body_form.addRow(lang.native_name, self.working_body[lang.code])

        self.kind = ChoiceCombo(KIND_CHOICES)
        others = [c for c in list_councils(db) if council is None or c.id != council.id]
        parent_choices: list[tuple[Any, Label]] = [(None, N_("(none)"))]
        parent_choices += [(c.id, partial(_council_name, c)) for c in others]
        self.parent_council = ChoiceCombo(parent_choices)
        self.parent_council.setMinimumContentsLength(40)
        self.act = ActFields()
        self.act_box = QGroupBox()
        QVBoxLayout(self.act_box).addWidget(self.act)

        general = QWidget()
        form = QFormLayout()
        form.addRow(self.texts.label(N_("Kind")), self.kind)
        form.addRow(self.texts.label(N_("Works for the council")), self.parent_council)
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(self.names_box)
        general_layout.addLayout(form)
        general_layout.addWidget(self.act_box)
        general_layout.addWidget(self.working_body_box)
        general_layout.addStretch(1)

        profile_tab = self._profile_tab()
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "")
        self.tabs.addTab(profile_tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(ok_cancel(self))

        if council is not None:
            self._load(council)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.profile_editor.changed.connect(self._profile_edited)
        self._profile_edited()
        self.resize(780, 640)
        self.retranslate_ui()

    def _profile_tab(self) -> QWidget:
        """The regulation profile, and the date and act of a change to it."""
        self.profile_editor = ProfileEditor()
        # A changed profile takes effect from a date, by an act: never over a closed vote.
        self.change_box = QGroupBox()
        self.change_box.setObjectName("profileChange")
        self.effective_from = OptionalDateEdit()
        self.effective_from.setObjectName("profileEffectiveFrom")
        self.change_act_title = QLineEdit()
        self.change_act_title.setObjectName("profileActTitle")
        self.change_act_number = QLineEdit()
        self.change_act_number.setObjectName("profileActNumber")
        self.change_act_number.setMaximumWidth(160)
        self.change_act_date = OptionalDateEdit()
        self.change_act_date.setObjectName("profileActDate")
        change_form = QFormLayout(self.change_box)
        change_form.addRow(self.texts.label(N_("Takes effect from")), self.effective_from)
        change_form.addRow(self.texts.label(N_("Act that changes it")), self.change_act_title)
        change_form.addRow(self.texts.label(N_("Act number")), self.change_act_number)
        change_form.addRow(self.texts.label(N_("Act date")), self.change_act_date)
        self.change_note = QLabel()
        self.change_note.setWordWrap(True)
        change_form.addRow(self.change_note)
        profile_tab = QWidget()
        profile_layout = QVBoxLayout(profile_tab)
        profile_layout.setContentsMargins(0, 0, 0, 0)
        profile_layout.addWidget(self.profile_editor, 1)
        profile_layout.addWidget(self.change_box)
        return profile_tab

    def _load(self, council: CouncilInfo) -> None:
        for code, edit in self.names.items():
            edit.setText(council.names.get(code, ""))
        for code, edit in self.working_body.items():
            edit.setText(council.working_body.get(code, ""))
        self.kind.set_value(council.kind)
        self.parent_council.set_value(council.parent_id)
        self.act.set_act(ActData(council.act_title, council.act_number, council.act_date))
        self.profile_editor.set_profile(council.profile, council.preset_key)

    def profile_changed(self) -> bool:
        """Whether the profile differs from the council's: then it needs a date and an act."""
        if self._original is None:
            return False
        return profile_to_dict(self.profile_editor.profile()) != profile_to_dict(
            self._original.profile
        )

    def _profile_edited(self) -> None:
        self.change_box.setVisible(self.profile_changed())

    def _kind_changed(self) -> None:
        self.parent_council.setEnabled(self.kind.value() is CouncilKind.WORKING_GROUP)

    def council_data(self) -> CouncilData:
        kind = self.kind.value()
        changed = self.profile_changed()
        act = self.act.act()
        return CouncilData(
            name_kk=self.names["kk"].text(),
            name_ru=self.names["ru"].text(),
            name_en=self.names["en"].text(),
            kind=kind,
            parent_id=self.parent_council.value() if kind is CouncilKind.WORKING_GROUP else None,
            act_title=act.title,
            act_number=act.number,
            act_date=act.act_date,
            working_body_kk=self.working_body["kk"].text(),
            working_body_ru=self.working_body["ru"].text(),
            working_body_en=self.working_body["en"].text(),
            preset_key=self.profile_editor.preset_key(),
            profile=self.profile_editor.profile(),
            profile_from=self.effective_from.day() if changed else None,
            profile_act=ProfileAct(
                title=self.change_act_title.text(),
                number=self.change_act_number.text(),
                act_date=self.change_act_date.day(),
            )
            if changed
            else None,
        )

    def _save(self) -> CouncilInfo:
        if self._original is None:
            return create_council(self._db, self._actor, self.council_data())
        return update_council(
            self._db,
            self._actor,
            self._original.id,
            self.council_data(),
            expected_version=self._original.version,
        )

    def conflict_rows(self, saved: CouncilInfo) -> list[tuple[str, str, str]]:
        """Field, the version saved meanwhile, this dialog's: for the conflict dialog."""
        mine = self.council_data()
        names = {code: getattr(mine, f"name_{code}") for code in ("kk", "ru", "en")}
        bodies = {code: getattr(mine, f"working_body_{code}") for code in ("kk", "ru", "en")}
        return [
            *language_rows(_("Name"), saved.names, names),
            *language_rows(_("Working body"), saved.working_body, bodies),
            (_("Act"), saved.act_title, mine.act_title),
        ]

    def _resolve_conflict(self) -> CouncilInfo | None:
        """Someone saved this council meanwhile: keep theirs (refill) or save ours over it."""
        assert self._original is not None
        saved = get_council(self._db, self._original.id)

        def keep() -> None:
            self._original = saved
            self._load(saved)

        def save_over() -> CouncilInfo | None:
            self._original = saved
            return run(self, self._save)

        return resolve_conflict(self, self.conflict_rows(saved), keep, save_over)

    def accept(self) -> None:
        # No change announced here: the councils page announces it when the dialog saves.
        council = run(self, self._save, on_conflict=self._resolve_conflict)
        if council is None:
            return
        self.council = council
        self.saved.emit(self.council)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New council") if self._original is None else _("Council"))
        self.texts.apply()
        self.kind.retranslate()
        self.parent_council.retranslate()
        self.names_box.setTitle(_("Name of the council"))
        self.working_body_box.setTitle(_("Working body"))
        self.act_box.setTitle(_("Act that establishes the council"))
        self.tabs.setTabText(0, _("Council"))
        self.tabs.setTabText(1, _("Regulation profile"))
        self.change_box.setTitle(_("The change of the regulation profile"))
        self.change_note.setText(
            _(
                "Votes already closed keep the rules they were counted under. The new rules "
                "apply to meetings from this date (by default the act's date), and only after "
                "the last meeting with a closed vote or a signed protocol."
            )
        )
        self.parent_council.setToolTip(_("Only a working group works for another council"))
