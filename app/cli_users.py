"""``kenes users …`` for administrators, and ``kenes --user LOGIN`` for every command.

A database without accounts needs neither.  Once it has accounts, a headless command
that changes the record is refused unless ``--user`` signs in an account whose roles
allow it (the password from a prompt or ``$KENES_PASSWORD``), exactly as in the desktop
application: the check is in the services.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

PASSWORD_ENV = "KENES_PASSWORD"
NEW_PASSWORD_ENV = "KENES_NEW_PASSWORD"
ROLES = ("administrator", "secretary", "chair", "member", "reader")


def add_parsers(sub: Any) -> None:
    """The ``users`` command and its actions."""
    users = sub.add_parser("users", help="manage the accounts of a secretariat (administrators)")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="list the accounts and their roles")
    add = actions.add_parser(
        "add",
        help="create an account (the first one: an administrator; it turns accounts on); "
        f"its password from a prompt or ${NEW_PASSWORD_ENV}",
    )
    add.add_argument("login")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--council", type=int, metavar="ID", help="the council (default: all)")
    add.add_argument("--name", default="", help="the person's full name")
    role = actions.add_parser("set-role", help="give an account a role, or take it (--revoke)")
    role.add_argument("login")
    role.add_argument("--role", choices=ROLES, required=True)
    role.add_argument("--council", type=int, metavar="ID", help="the council (default: all)")
    role.add_argument("--revoke", action="store_true")
    disable = actions.add_parser("disable", help="disable an account (--enable: enable it)")
    disable.add_argument("login")
    disable.add_argument("--enable", action="store_true")
    reset = actions.add_parser(
        "reset",
        help=f"give an account a temporary password (prompt or ${NEW_PASSWORD_ENV}); "
        "it is changed at the next sign-in",
    )
    reset.add_argument("login")
    actions.add_parser(
        "passwd",
        help=f"change the password of the --user account (new one: prompt or ${NEW_PASSWORD_ENV})",
    )


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    return value if value is not None else getpass.getpass(prompt)


def sign_in_from_arguments(database: Any, args: argparse.Namespace) -> None:
    """Sign ``--user`` in for this process (nothing to do without the option)."""
    login = getattr(args, "user", None)
    if not login:
        return
    from app.i18n import _
    from app.services.accounts.sign_in import sign_in
    from app.services.base import work_as

    signed = sign_in(database, login, _secret(PASSWORD_ENV, _("Password: ")))
    work_as(signed.actor)
    if signed.must_change_password and getattr(args, "users_command", None) != "passwd":
        print(
            _(
                "The password of “{login}” is temporary; change it with: kenes --user "
                "{login} users passwd"
            ).format(login=login),
            file=sys.stderr,
        )


def users_command(database: Any, args: argparse.Namespace) -> int:
    from app.i18n import _
    from app.services.base import Actor

    actor = Actor.current_user()
    command = args.users_command
    if command == "list":
        return _list(database)
    if command == "passwd":
        from app.services.accounts.change_password import change_password

        current = _secret(PASSWORD_ENV, _("Current password: "))
        change_password(database, actor, current, _secret(NEW_PASSWORD_ENV, _("New password: ")))
        print(_("The password was changed."))
        return 0
    info = _change(database, actor, args)
    print(_describe(info))
    return 0


def _change(database: Any, actor: Any, args: argparse.Namespace) -> Any:
    from app.i18n import _

    command = args.users_command
    if command == "add":
        from app.services.accounts.add_account import add_account

        password = _secret(NEW_PASSWORD_ENV, _("Password for the new account: "))
        return add_account(
            database,
            actor,
            args.login,
            password,
            role=args.role,
            council_id=args.council,
            display_name=args.name,
        )
    if command == "set-role":
        from app.services.accounts.set_role import set_role

        return set_role(
            database, actor, args.login, args.role, council_id=args.council, granted=not args.revoke
        )
    if command == "disable":
        from app.services.accounts.disable_account import disable_account

        return disable_account(database, actor, args.login, disabled=not args.enable)
    from app.services.accounts.reset_password import reset_password

    return reset_password(
        database, actor, args.login, _secret(NEW_PASSWORD_ENV, _("Temporary password: "))
    )


def _list(database: Any) -> int:
    from app.i18n import _
    from app.services.accounts.list_accounts import list_accounts

    accounts = list_accounts(database)
    if not accounts:
        print(_("This database has no accounts: whoever opens it works as its administrator."))
    for info in accounts:
        print(_describe(info))
    return 0


def _describe(info: Any) -> str:
    """One line: login, name, state and roles (translated role names)."""
    from app.domain.permissions import ROLE_LABELS
    from app.i18n import _

    roles = ", ".join(
        _(ROLE_LABELS[g.role])
        + (
            _(" (all councils)")
            if g.council_id is None
            else _(" (council #{id})").format(id=g.council_id)
        )
        for g in info.roles
    )
    state = _("disabled") if info.disabled else (_("locked") if info.locked_until else "")
    name = f" — {info.display_name}" if info.display_name else ""
    return f"{info.login}{name}: {roles}" + (f" [{state}]" if state else "")
