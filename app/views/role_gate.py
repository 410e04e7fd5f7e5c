"""What the signed-in account may do, for every view: disable an action, say why, before a click.

One gate per process, like the change hub (``operations.hub``).  It holds the account's
abilities (``app/services/accounts/abilities.py``: the services' own table of action →
roles) from the sign-in on; the views never state a rule of their own:

- a menu entry that needs one permission whatever is selected (File → Import archive…,
  Back up now…, For review…) is registered once with :meth:`RoleGate.guard`: the gate owns
  its enabled state and shows the service's reason as its tool tip and status tip;
- a page whose actions also depend on the selected record asks :func:`role_reason` where it
  works out its other reasons (the meetings tool bar, the protocol's path), or calls
  :func:`restrict` after enabling them by its own rules (agenda, councils, composition),
  so both are shown the same way at each selection change.

The guards are evaluated again at each sign-in (:meth:`RoleGate.sign_in`), which also
emits :attr:`RoleGate.changed` for the pages to work out their reasons again.  Without
accounts nothing is ever refused and nothing changes.  The services still check every
write, and the read queries limit what is listed (``app/services/accounts/scope.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from app.services.accounts.abilities import Abilities, abilities
from app.services.base import Actor
from app.services.handles import Database

Target = QAction | QAbstractButton
Council = Callable[[], int | None]


def _everywhere() -> int | None:
    return None


@dataclass
class _Guard:
    target: Target
    permission: str
    council: Council
    tips: tuple[str, str] = ("", "")  # the view's tool and status tips, given back once allowed
    closed: bool = False  # disabled by the gate (not by the view)


class RoleGate(QObject):
    """The signed-in account's abilities, and the actions that wait on them."""

    changed = Signal()  # after a sign-in: pages work out their reasons again

    def __init__(self) -> None:
        super().__init__()
        self.abilities = Abilities("", accounts=False)
        self._guards: list[_Guard] = []

    def sign_in(self, database: Database, actor: Actor | None) -> None:
        """Read what ``actor`` may do in ``database`` (``None``: a database without accounts)."""
        if actor is None:
            self.abilities = Abilities("", accounts=False)
        else:
            self.abilities = abilities(database, actor)
        self.recheck()
        self.changed.emit()

    def reason(self, permission: str, council_id: int | None = None) -> str:
        """The service's refusal of ``permission`` in ``council_id``, or "" when it is allowed."""
        refused = self.abilities.refusal(permission, council_id)
        return refused.message() if refused is not None else ""

    def guard(self, target: Target, permission: str, council: Council = _everywhere) -> None:
        """Disable ``target`` while the account may not take ``permission`` (in ``council()``)."""
        self._guards.append(_Guard(target, permission, council))
        target.destroyed.connect(lambda _obj=None, t=target: self._forget(t))
        self._apply(self._guards[-1])

    def recheck(self) -> None:
        for guard in list(self._guards):
            self._apply(guard)

    def _forget(self, target: object) -> None:
        self._guards = [g for g in self._guards if g.target is not target]

    def _apply(self, guard: _Guard) -> None:
        reason = self.reason(guard.permission, guard.council())
        target = guard.target
        if reason:
            if not guard.closed:
                guard.tips, guard.closed = _own_tips(target), True
            target.setEnabled(False)
            _tips(target, (reason, reason))
        elif guard.closed:
            guard.closed = False
            target.setEnabled(True)
            _tips(target, guard.tips)


def _own_tips(target: Target) -> tuple[str, str]:
    return target.toolTip(), target.statusTip()


def _tips(target: Target, tips: tuple[str, str]) -> None:
    target.setToolTip(tips[0])
    target.setStatusTip(tips[1])


@cache
def gate() -> RoleGate:
    """The process's gate (made on first use, once a QApplication exists)."""
    return RoleGate()


def role_reason(permission: str, council_id: int | None = None) -> str:
    """Why the signed-in account may not take ``permission`` ("" when it may)."""
    return gate().reason(permission, council_id)


_TIP = "roleGateTip"  # the view's own tool tip, kept while the gate shows its reason


def restrict(target: Target, permission: str, council_id: int | None = None) -> bool:
    """After a view enabled ``target`` by its own rules: disable it if the roles refuse.

    For actions that also depend on the selection (the view calls this where it enables
    them).  It never enables anything; whether it was allowed is returned.
    """
    reason = role_reason(permission, council_id)
    kept = target.property(_TIP)
    if reason:
        if kept is None:
            target.setProperty(_TIP, list(_own_tips(target)))
        target.setEnabled(False)
        _tips(target, (reason, reason))
        return False
    if kept is not None:
        target.setProperty(_TIP, None)
        _tips(target, (str(kept[0]), str(kept[1])))
    return True
