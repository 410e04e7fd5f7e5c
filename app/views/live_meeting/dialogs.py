"""Small dialogs of the live meeting screen.

Each dialog only collects what the user typed.  On OK it hands the data to
the ``submit`` callback the window gave it; the window runs the service
action (showing any refusal in the one place refusals are shown) and returns
whether it was saved.  A refused dialog stays open with the input kept.  The
window opens them with ``open()``, never ``exec()``, so nothing blocks and
tests can fill the fields and call :meth:`accept`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.absence import ABSENCE_KINDS, OTHER
from app.domain.regulation import TieBreak
from app.domain.voting import Choice
from app.i18n import LANGUAGES, N_, _, interface_language, ngettext
from app.services.conduct.decisions import InstructionData, InstructionInfo
from app.services.conduct.invited import INVITED_ROLE_LABELS, InvitedData, InvitedRole
from app.views.form_widgets import (
    ChoiceCombo,
    DateEdit,
    Label,
    OptionalDateEdit,
    Texts,
    ok_cancel,
)
from app.views.live_meeting.models import CHOICE_LABELS
from app.views.retranslate import Retranslatable

T = TypeVar("T")
Submit = Callable[[T], bool]
People = Sequence[tuple[int, str]]  # (person id, name in the interface language)


def _named(name: str) -> Callable[[], str]:
    """A combo label that is a name, never translated."""
    return lambda: name


def people_choices(people: People, none_label: str | None = None) -> list[tuple[Any, Label]]:
    choices: list[tuple[Any, Label]] = [] if none_label is None else [(None, none_label)]
    choices += [(pid, _named(name)) for pid, name in people]
    return choices


class LanguageFields(QWidget):
    """One text in Kazakh, Russian and English, each language named in itself."""

    def __init__(self, *, multiline: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        for lang in LANGUAGES:
            editor: QLineEdit | QPlainTextEdit
            if multiline:
                editor = QPlainTextEdit()
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 14)
            else:
                editor = QLineEdit()
            editor.setObjectName(f"text_{lang.code}")
            self.editors[lang.code] = editor
            layout.addRow(QLabel(lang.native_name), editor)

    def values(self) -> dict[str, str]:
        return {
            code: e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()
            for code, e in self.editors.items()
        }

    def set_values(self, values: Mapping[str, str]) -> None:
        for code, editor in self.editors.items():
            text = values.get(code, "")
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(text)
            else:
                editor.setText(text)

    def focus_interface_language(self) -> None:
        self.editors.get(interface_language(), self.editors["kk"]).setFocus()


class SubmitDialog(Retranslatable, QDialog, Generic[T]):
    """OK hands :meth:`value` to ``submit``; the dialog closes only when it was saved."""

    title = ""  # msgid, marked with N_

    def __init__(self, submit: Submit[T], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.texts = Texts()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(ok_cancel(self))

    def row(self, msgid: str, widget: QWidget) -> None:
        self.form.addRow(self.texts.label(msgid), widget)

    # Each dialog defines how its fields become the value it submits.
    value: Callable[[], T]

    def accept(self) -> None:
        if self._submit(self.value()):
            super().accept()

    def finish(self) -> None:
        """Call at the end of a subclass's constructor."""
        self.retranslate_ui()
        self.resize(max(480, self.sizeHint().width()), self.sizeHint().height())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title))
        self.texts.apply()
        for child in self.findChildren(ChoiceCombo):
            child.retranslate()


# -- decision points ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointEntry:
    texts: dict[str, str]
    counts_only: bool


class PointDialog(SubmitDialog[PointEntry]):
    """A decision point's wording in the three languages, and how it is voted."""

    title = N_("Decision point")

    def __init__(
        self,
        submit: Submit[PointEntry],
        texts: Mapping[str, str] | None = None,
        counts_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("pointDialog")
        self.decision = LanguageFields(multiline=True)
        self.decision.set_values(texts or {})
        self.counts_only = QCheckBox()
        self.counts_only.setObjectName("countsOnly")
        self.counts_only.setChecked(counts_only)
        self.row(N_("Decision"), self.decision)
        self.row(N_("Voting"), self.counts_only)
        self.finish()
        self.decision.focus_interface_language()

    def value(self) -> PointEntry:
        return PointEntry(self.decision.values(), self.counts_only.isChecked())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.counts_only.setText(_("Counts only (a show of hands without names)"))


# -- protocol instructions -------------------------------------------------------------------------


class InstructionDialog(SubmitDialog[InstructionData]):
    """A protocol instruction: what, the executor, the deadline, the form of completion."""

    title = N_("Protocol instruction")

    def __init__(
        self,
        submit: Submit[InstructionData],
        people: People,
        instruction: InstructionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("instructionDialog")
        self.instruction = LanguageFields(multiline=True)
        self.executor_person = ChoiceCombo(people_choices(people, N_("an organisation (below)")))
        self.executor_person.setObjectName("executorPerson")
        self.executor = LanguageFields()
        self.deadline = OptionalDateEdit()
        self.deadline.setObjectName("deadline")
        self.completion_form = LanguageFields()
        self.row(N_("Instruction"), self.instruction)
        self.row(N_("Responsible executor"), self.executor_person)
        self.row(N_("Executor (organisation)"), self.executor)
        self.row(N_("Deadline"), self.deadline)
        self.row(N_("Form of completion"), self.completion_form)
        if instruction is not None:
            self.instruction.set_values(instruction.texts)
            self.executor_person.set_value(instruction.executor_person_id)
            self.executor.set_values(instruction.executors)
            self.deadline.set_day(instruction.deadline)
            self.completion_form.set_values(instruction.completion_forms)
        self.finish()
        self.instruction.focus_interface_language()

    def value(self) -> InstructionData:
        return InstructionData(
            texts=self.instruction.values(),
            executor_person_id=self.executor_person.value(),
            executors=self.executor.values(),
            deadline=self.deadline.day(),
            completion_forms=self.completion_form.values(),
        )


# -- invited persons ------------------------------------------------------------------------------


INVITED_ROLE_CHOICES: list[tuple[Any, Label]] = [
    (role, INVITED_ROLE_LABELS[role]) for role in InvitedRole
]


class InvitedDialog(SubmitDialog[InvitedData]):
    """Someone who attends without being a member: never counted for quorum, never votes."""

    title = N_("Invited person")

    def __init__(
        self,
        submit: Submit[InvitedData],
        people: People,
        absent_members: People,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("invitedDialog")
        self.role = ChoiceCombo(INVITED_ROLE_CHOICES)
        self.role.setObjectName("invitedRole")
        self.person = ChoiceCombo(people_choices(people, N_("not in the directory")))
        self.person.setObjectName("invitedPerson")
        self.name = QLineEdit()
        self.name.setObjectName("invitedName")
        self.latin_name = QLineEdit()
        self.position = LanguageFields()
        self.organisation = LanguageFields()
        self.instead_of = ChoiceCombo(people_choices(absent_members))
        self.instead_of.setObjectName("insteadOf")
        self.row(N_("Invited as"), self.role)
        self.row(N_("Person"), self.person)
        self.row(N_("Name"), self.name)
        self.row(N_("Name in Latin letters"), self.latin_name)
        self.row(N_("Position"), self.position)
        self.row(N_("Organisation"), self.organisation)
        self.row(N_("Attended instead of"), self.instead_of)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.note.show()
        self._role_changed()
        self.finish()

    def _role_changed(self) -> None:
        self.instead_of.setEnabled(self.role.value() is InvitedRole.SUBSTITUTE)

    def value(self) -> InvitedData:
        role = self.role.value()
        substitute = role is InvitedRole.SUBSTITUTE
        return InvitedData(
            role=role,
            person_id=self.person.value(),
            name=self.name.text(),
            latin_name=self.latin_name.text(),
            positions=self.position.values(),
            organisations=self.organisation.values(),
            instead_of_person_id=self.instead_of.value() if substitute else None,
        )

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.note.setText(
            _(
                "Members take part without the right of substitution: an invited person, "
                "even one who came instead of a member, is never counted for the quorum "
                "and never votes."
            )
        )
        self.name.setPlaceholderText(_("when the person is not in the directory"))


# -- dissenting opinions --------------------------------------------------------------------------


@dataclass(frozen=True)
class DissentEntry:
    person_id: int | None
    text: str
    language: str
    received_on: date


LANGUAGE_CHOICES: list[tuple[Any, Label]] = [
    (lang.code, _named(lang.native_name)) for lang in LANGUAGES
]


class DissentDialog(SubmitDialog[DissentEntry]):
    """A member's dissenting opinion on a decision (000 §16): text, its language, date received."""

    title = N_("Dissenting opinion")

    def __init__(
        self,
        submit: Submit[DissentEntry],
        voters: People,
        *,
        person_id: int | None,
        received_on: date,
        text: str = "",
        language: str | None = None,
        editing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("dissentDialog")
        self.person = ChoiceCombo(people_choices(voters))
        self.person.setObjectName("dissentPerson")
        self.person.set_value(person_id)
        self.language = ChoiceCombo(LANGUAGE_CHOICES)
        self.language.setObjectName("dissentLanguage")
        self.language.set_value(language or interface_language())
        self.received_on = DateEdit(received_on)
        self.received_on.setObjectName("receivedOn")
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("dissentText")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 6)
        self.row(N_("Member"), self.person)
        self.row(N_("Language"), self.language)
        self.row(N_("Received on"), self.received_on)
        self.row(N_("Text"), self.text)
        if editing:
            self.person.setEnabled(False)
            self.received_on.setEnabled(False)
        self.finish()
        self.text.setFocus()

    def value(self) -> DissentEntry:
        return DissentEntry(
            self.person.value(),
            self.text.toPlainText(),
            self.language.value(),
            self.received_on.day(),
        )


# -- reopening a voting and the reason of an absence -----------------------------------------------


class ReasonDialog(SubmitDialog[str]):
    """One required line of text: why a voting is reopened, why a member is absent."""

    def __init__(
        self,
        submit: Submit[str],
        *,
        title: str,
        prompt: Callable[[], str],
        label: str,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.title = title
        self._prompt = prompt
        self.reason = QLineEdit(reason)
        self.reason.setObjectName("reason")
        self.row(label, self.reason)
        self.note.show()
        self.finish()
        self.reason.setFocus()

    def value(self) -> str:
        return self.reason.text()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.note.setText(self._prompt())


class ReopenDialog(ReasonDialog):
    """Reopening a closed voting is an explicit, recorded action with a reason."""

    def __init__(self, submit: Submit[str], number: int, parent: QWidget | None = None) -> None:
        super().__init__(
            submit,
            title=N_("Reopen voting"),
            prompt=lambda: _(
                "Voting on decision point {number} is closed. Reopening it is recorded "
                "with its reason, and the closed result is kept in the record."
            ).format(number=number),
            label=N_("Reason"),
            parent=parent,
        )
        self.setObjectName("reopenDialog")


@dataclass(frozen=True)
class AbsenceEntry:
    """Why a member is absent: a reason of the list, and for "other" a text per language."""

    kind: str
    reasons: dict[str, str]


class AbsenceDialog(SubmitDialog[AbsenceEntry]):
    """Mark a member absent with a reason from the translated list, or "other" in each language.

    A protocol prints a listed reason in its own language; only "other" is
    written by hand, once per language, so no Kazakh word lands in a Russian
    protocol.
    """

    title = N_("Absent")

    def __init__(
        self,
        submit: Submit[AbsenceEntry],
        name: str,
        kind: str = "",
        reasons: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("absenceDialog")
        self._name = name
        self.kind = ChoiceCombo([("", N_("Not given")), *ABSENCE_KINDS.items()])
        self.kind.setObjectName("absenceKind")
        self.kind.set_value(kind if kind in ABSENCE_KINDS else "")
        self.other = LanguageFields()
        self.other.setObjectName("absenceOther")
        self.other.set_values(reasons or {})
        self.kind.currentIndexChanged.connect(self._update)
        self.row(N_("Reason of absence"), self.kind)
        self.row(N_("Other reason"), self.other)
        self.note.show()
        self._update()
        self.finish()
        self.kind.setFocus()

    def _update(self) -> None:
        self.other.setEnabled(self.kind.value() == OTHER)

    def value(self) -> AbsenceEntry:
        kind = str(self.kind.value() or "")
        texts = self.other.values() if kind == OTHER else {}
        return AbsenceEntry(kind, {code: text for code, text in texts.items() if text.strip()})

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.note.setText(
            _("{name} is absent from the meeting.").format(name=self._name)
            + " "
            + _("For another reason, write it in each language the protocol is issued in.")
        )


# -- counts only ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountsEntry:
    for_: int
    against: int
    abstained: int
    casting_choice: Choice | None  # the tie-breaker's own vote, when a tie needs it


CASTING_CHOICES: list[tuple[Any, Label]] = [
    (None, N_("not recorded")),
    *((choice, CHOICE_LABELS[choice]) for choice in Choice),
]


class CountsDialog(SubmitDialog[CountsEntry]):
    """A show of hands recorded as numbers; on a tie, how the casting voter voted."""

    title = N_("Counts of the show of hands")

    def __init__(
        self,
        submit: Submit[CountsEntry],
        *,
        present: int,
        tie_break: TieBreak,
        counts: tuple[int, int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, parent)
        self.setObjectName("countsDialog")
        self._present = present
        self._tie_break = tie_break
        self.for_ = self._spin("countFor")
        self.against = self._spin("countAgainst")
        self.abstained = self._spin("countAbstained")
        if counts is not None:
            for spin, value in zip((self.for_, self.against, self.abstained), counts, strict=True):
                spin.setValue(value)
        self.casting = ChoiceCombo(CASTING_CHOICES)
        self.casting.setObjectName("castingChoice")
        self.row(N_("For"), self.for_)
        self.row(N_("Against"), self.against)
        self.row(N_("Abstained"), self.abstained)
        casting_label = (
            N_("The chair voted")
            if tie_break is TieBreak.CHAIR
            else N_("The presiding member voted")
        )
        self.row(casting_label, self.casting)
        if tie_break is TieBreak.NONE:
            self.casting.setEnabled(False)
        self.note.show()
        self.finish()
        self.for_.setFocus()
        self.for_.selectAll()

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, self._present)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def value(self) -> CountsEntry:
        return CountsEntry(
            self.for_.value(), self.against.value(), self.abstained.value(), self.casting.value()
        )

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.note.setText(
            ngettext(
                "{n} member with a vote is present; whoever is not counted did not vote. "
                "On a tie, record how the casting voter voted.",
                "{n} members with a vote are present; whoever is not counted did not vote. "
                "On a tie, record how the casting voter voted.",
                self._present,
            ).format(n=self._present)
        )
