"""The ``kenes`` command: the desktop application, and headless subcommands for scripts.

Nothing here imports Qt until the desktop application is started, so
``kenes --help`` and the headless commands work without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__, i18n, paths
from app.domain.errors import KenesError

DB_ENV = "KENES_DB"
LANG_ENV = "KENES_LANG"


def _database_target(args: argparse.Namespace) -> str:
    return str(args.db or os.environ.get(DB_ENV) or paths.default_database_file())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kenes",
        description=(
            "Kenes: the secretariat's desk for councils, commissions and boards. "
            "Without a command, opens the desktop application."
        ),
        epilog=(
            f"The database is a SQLite file or a PostgreSQL URL; default: "
            f"{paths.default_database_file()} (or ${DB_ENV})."
        ),
    )
    parser.add_argument("--version", action="version", version=f"Kenes {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help=f"database file or URL (postgresql://...); also ${DB_ENV}"
    )
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGE_CODES, help=f"interface language; also ${LANG_ENV}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the desktop application (the default)")
    sub.add_parser("info", help="show the database in use and its schema version")
    sub.add_parser("migrate", help="create or upgrade the database schema, then exit")
    sub.add_parser(
        "demo",
        help="create the demo council (seed 000's supervisory board) unless it exists",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    language = args.lang or os.environ.get(LANG_ENV)
    i18n.set_interface_language(language or i18n.DEFAULT_LANGUAGE)
    from app.logs import setup_logging

    setup_logging()
    target = _database_target(args)
    command = args.command or "gui"
    if command == "gui":
        from app import gui

        return gui.run(target, language)
    try:
        return _headless(command, target)
    except KenesError as exc:
        print(exc.message(), file=sys.stderr)
        return 2


def _headless(command: str, target: str) -> int:
    from app.models.database import head_revision, open_database

    if command == "info":
        database = open_database(target, migrate=False)
        try:
            print(f"database: {database.display_name}")
            print(f"schema:   {database.revision() or '-'} (this Kenes: {head_revision()})")
        finally:
            database.close()
        return 0
    if command == "migrate":
        database = open_database(target)
        try:
            print(f"{database.display_name}: schema {database.revision()}")
        finally:
            database.close()
        return 0
    if command == "demo":
        from app.services.base import Actor
        from app.services.demo import create_demo

        database = open_database(target)
        try:
            created = create_demo(database, Actor.current_user())
        finally:
            database.close()
        print("demo council created" if created else "demo council already present")
        return 0
    raise AssertionError(command)
