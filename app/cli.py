"""The ``kenes`` command: the desktop application, and headless subcommands for scripts.

Nothing here imports Qt until the desktop application is started, so
``kenes --help`` and the headless commands work without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help="sign in as this account when the database has accounts "
        "(the password from a prompt or $KENES_PASSWORD)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_storage_commands(sub)
    _add_record_commands(sub)
    _add_exchange_commands(sub)
    return parser


def _add_storage_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The application, the database file: open, migrate, back up, restore, check."""
    desktop = sub.add_parser("gui", help="open the desktop application (the default)")
    desktop.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help='then import this exchange file (FILE.kenes.zip; Windows\'s "Open with" uses it)',
    )
    first = desktop.add_mutually_exclusive_group()  # without either: asked at the first start
    first.add_argument("--demo", action="store_true", help="a new database gets the demo council")
    first.add_argument("--empty", action="store_true", help="a new database starts empty")
    sub.add_parser("info", help="show the database in use and its schema version")
    sub.add_parser("migrate", help="create or upgrade the database schema, then exit")
    backup = sub.add_parser("backup", help="make a consistent copy of the database now")
    backup.add_argument(
        "--to", metavar="DIR", help="backup folder (default: the data folder's backups)"
    )
    restore = sub.add_parser(
        "restore", help="check a backup and restore it; the current database is kept as a backup"
    )
    restore.add_argument("file", help="the backup file to restore")
    restore.add_argument("--to", metavar="DIR", help="where to keep the current database's copy")
    restore.add_argument(
        "--force", action="store_true", help="restore it even if it is a backup of another database"
    )
    check = sub.add_parser("check", help="check the database's integrity")
    check.add_argument(
        "--full",
        action="store_true",
        help="the full check, with the seals of signed meetings and the audit chain (slower)",
    )
    listing = sub.add_parser("backups", help="list the backups, newest first")
    listing.add_argument("--to", metavar="DIR", help="backup folder")


def _add_record_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The record: meetings, protocols (export, verify, sign), copies, accounts."""
    meetings = sub.add_parser("meetings", help="list the meetings (for scripts: --json)")
    meetings.add_argument("--json", action="store_true", help="JSON instead of a table")
    meetings.add_argument("--council", type=int, metavar="ID", help="only this council")
    meetings.add_argument("--year", type=int, help="only this year")
    protocol = sub.add_parser("protocol", help="export or verify a protocol")
    protocol_sub = protocol.add_subparsers(dest="protocol_command", metavar="ACTION", required=True)
    export = protocol_sub.add_parser(
        "export", help="write a meeting's protocol as PDF or DOCX (by the file's extension)"
    )
    export.add_argument("--meeting", type=int, required=True, metavar="ID")
    export.add_argument("--lang", dest="doc_lang", choices=i18n.LANGUAGE_CODES, default="kk")
    export.add_argument("--output", required=True, metavar="FILE")
    verify = protocol_sub.add_parser(
        "verify",
        help="say whether a file is a protocol Kenes issued, and which; a DOCX Kenes wrote "
        "is named as an editable copy (exit status 0 only for an issued protocol)",
    )
    verify.add_argument("file", nargs="?")  # or --qr (app/cli_esign.py)
    from app.cli_esign import add_parsers

    add_parsers(protocol_sub, sub)  # protocol sign, and trust
    packet = sub.add_parser(
        "packet",
        help="write a meeting's agenda packet: the notice and agenda, then every material, "
        "bookmarked by item, in one PDF",
    )
    packet.add_argument("--meeting", type=int, required=True, metavar="ID")
    packet.add_argument("--lang", dest="doc_lang", choices=i18n.LANGUAGE_CODES, default="kk")
    packet.add_argument("--output", required=True, metavar="FILE.pdf")
    copy = sub.add_parser(
        "copy",
        help="copy a whole database into an empty one (SQLite to PostgreSQL and back), "
        "then verify the copy: rows, audit chain, seals",
    )
    copy.add_argument("--from", dest="source", required=True, metavar="URL")
    copy.add_argument("--to", dest="target", required=True, metavar="URL")
    from app.cli_users import add_parsers as add_user_parsers

    add_user_parsers(sub)  # users list|add|set-role|disable|reset|passwd


def _add_exchange_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Exchange files and the demo council."""
    exporting = sub.add_parser(
        "export", help="export the archive (or chosen councils) to a Kenes exchange file"
    )
    exporting.add_argument("file", help="FILE.kenes.zip (with materials) or FILE.json")
    exporting.add_argument(
        "--council",
        type=int,
        action="append",
        metavar="ID",
        help="only this council (repeat for several)",
    )
    exporting.add_argument(
        "--no-materials",
        action="store_true",
        help="refer to material files by SHA-256 instead of embedding them",
    )
    importing = sub.add_parser(
        "import", help="import a Kenes exchange file (shows the summary; --yes to write)"
    )
    importing.add_argument("file")
    importing.add_argument("--yes", action="store_true", help="write after the summary")
    sub.add_parser(
        "demo",
        help="create the demo council (seed 000's supervisory board) and its held meeting "
        "with a signed protocol, unless they exist",
    )


def main(argv: Sequence[str] | None = None) -> int:
    paths.private_files()  # before anything is written: Kenes's files are for the user alone
    args = build_parser().parse_args(argv)
    folder = getattr(args, "to", None)
    args.backup_dir = Path(folder) if folder else paths.backup_dir()
    language = args.lang or os.environ.get(LANG_ENV)
    i18n.set_interface_language(language or i18n.DEFAULT_LANGUAGE)
    from app.logs import setup_logging

    setup_logging()
    target = _database_target(args)
    command = args.command or "gui"
    if command == "gui":
        from app import gui
        from app.views.first_start import FirstStart

        first_start = FirstStart.ASK
        if getattr(args, "demo", False) or getattr(args, "empty", False):
            first_start = FirstStart.DEMO if args.demo else FirstStart.EMPTY
        return gui.run(target, language, getattr(args, "import_file", None), first_start)
    try:
        return _headless(command, target, args)
    except KenesError as exc:
        print(exc.message(), file=sys.stderr)
        return 2


def _sqlite_file(target: str) -> Path:
    from app.domain.errors import DomainError
    from app.domain.translation import N_
    from app.models.database import to_url

    url = to_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise DomainError(
            N_(
                "Backups are made of SQLite databases; back up a PostgreSQL "
                "database with the server's own tools (pg_dump)."
            )
        )
    return Path(url.database)


def _backup_commands(command: str, target: str, args: argparse.Namespace) -> int:
    from app.i18n import _, ngettext
    from app.services import backups

    policy = backups.BackupPolicy(args.backup_dir)
    database_file = _sqlite_file(target)
    if command == "backups":
        listing = backups.list_database_backups(database_file, policy)
        for item in listing.own:
            print(f"{item.made:%Y-%m-%d %H:%M:%S}  {item.reason:<17} {item.path}")
        if listing.from_before_identities:
            print(_("Older backups that do not say which database they are of:"))
            for item in listing.from_before_identities:
                print(f"{item.made:%Y-%m-%d %H:%M:%S}  {item.reason:<17} {item.path}")
        return 0
    if command == "backup":
        made = backups.back_up_now(database_file, policy)
        print(_("Backup written: {path}").format(path=made.path))
        return 0
    if command == "check":
        if args.full:
            return _full_check(database_file)
        report = backups.check_database(database_file)
        if report.ok:
            print(_("The database {path} is sound.").format(path=database_file))
            return 0
        print(_("The database {path} is damaged:").format(path=database_file), file=sys.stderr)
        for problem in report.problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    try:
        report_ = backups.restore_backup(Path(args.file), database_file, policy, force=args.force)
    except backups.OtherDatabaseBackup as exc:
        print(exc.message(), file=sys.stderr)
        print(_("To restore it all the same, repeat the command with --force."), file=sys.stderr)
        return 2
    summary = report_.summary
    print(
        _("Restored {file} (made {made}): {councils}, {people}, {seats}.").format(
            file=report_.restored_from,
            made=report_.made or "?",
            councils=ngettext("{n} council", "{n} councils", summary.councils).format(
                n=summary.councils
            ),
            people=ngettext("{n} person", "{n} people", summary.people).format(n=summary.people),
            seats=ngettext("{n} seat", "{n} seats", summary.seats).format(n=summary.seats),
        )
    )
    if report_.previous_kept_as is not None:
        print(
            _("The previous database was kept as {path}.").format(
                path=report_.previous_kept_as.path
            )
        )
    return 0


def _on_server(target: str) -> bool:
    from app.models.database import to_url

    return to_url(target).get_backend_name() == "postgresql"


def _server_backup(target: str, args: argparse.Namespace) -> int:
    """``kenes backup`` of a PostgreSQL database (app/services/server_backup.py)."""
    from app.cli_users import sign_in_from_arguments
    from app.i18n import _
    from app.models.database import open_database
    from app.services.server_backup import back_up_server

    database = open_database(target)
    try:
        sign_in_from_arguments(database, args)
        from app.services.base import Actor

        made = back_up_server(database, args.backup_dir, Actor.current_user())
    finally:
        database.close()
    if made.kind == "pg_dump":
        print(
            _("Backup written by pg_dump (restore it with pg_restore): {path}").format(
                path=made.path
            )
        )
    else:
        print(
            _(
                "pg_dump is not installed here, so the whole archive was written as an "
                "exchange file (restore it with kenes import into an empty database): {path}"
            ).format(path=made.path)
        )
    return 0


def _full_check(database_file: Path) -> int:
    """SQLite's full check, the seals and the audit chain: 0 sound, 1 damaged, 3 changed."""
    from app.i18n import _, interface_language, ngettext
    from app.services import backups

    found = backups.full_check(database_file)
    if not found.integrity.ok:
        print(_("The database {path} is damaged:").format(path=database_file), file=sys.stderr)
        for problem in found.integrity.problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if found.record is None or found.record.ok:
        print(_("The database {path} is sound.").format(path=database_file))
        if found.record is not None and found.record.head:
            print(
                ngettext(
                    "The audit trail holds {count} event; the hash of the last one is {hash}. "
                    "Noted elsewhere, it shows later that nothing before it was rewritten.",
                    "The audit trail holds {count} events; the hash of the last one is {hash}. "
                    "Noted elsewhere, it shows later that nothing before it was rewritten.",
                    found.record.events,
                ).format(count=found.record.events, hash=found.record.head)
            )
        return 0
    print(
        _(
            "The database {path} is readable, but its record was changed outside Kenes "
            "(with another program, not through Kenes):"
        ).format(path=database_file),
        file=sys.stderr,
    )
    lang = interface_language()
    for finding in found.record.findings:
        print(f"  {finding.message(lang)}", file=sys.stderr)
    return 3


if TYPE_CHECKING:
    from app.formats.exchange_archive import ImportRefused
    from app.models.database import Database


def _records_commands(command: str, database: object, args: argparse.Namespace) -> int:
    import json

    from app.i18n import _
    from app.models.database import Database
    from app.services.protocols.documents import export_protocol

    assert isinstance(database, Database)
    if command == "meetings":
        from app.services.meeting_queries import list_meetings
        from app.services.protocols.common import latest_protocol

        rows = list_meetings(database, council_id=args.council, year=args.year)
        records = []
        with database.reading() as session:
            for row in rows:
                protocol = latest_protocol(session, row.meeting.id)
                records.append(
                    {
                        "id": row.meeting.id,
                        "council_id": row.meeting.council_id,
                        "council": row.council_names.get("kk")
                        or row.council_names.get("ru")
                        or row.council_names.get("en", ""),
                        "number": row.meeting.number,
                        "date": row.meeting.day.isoformat(),
                        "kind": row.meeting.kind.value,
                        "state": row.meeting.state.value,
                        "protocol_state": protocol.state if protocol else None,
                        "protocol_revision": protocol.revision if protocol else None,
                    }
                )
        if args.json:
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            for r in records:
                print(
                    f"{r['id']:>5}  {r['date']}  №{r['number']:<4} {r['state']:<16} "
                    f"{r['protocol_state'] or '-':<12} {r['council']}"
                )
        return 0
    if command == "trust" or args.protocol_command in ("sign", "verify"):
        from app import cli_esign

        if command == "trust":
            return cli_esign.trust_command(database, args)
        if args.protocol_command == "sign":
            return cli_esign.sign_command(database, args)
        return cli_esign.verify_command(database, args)  # signatures, or the issued hash
    if args.protocol_command == "export":
        path = export_protocol(database, args.meeting, args.doc_lang, Path(args.output))
        print(_("Protocol written: {path}").format(path=path))
        return 0
    raise AssertionError(args.protocol_command)  # argparse offers no other command


def _exchange_commands(command: str, database: object, args: argparse.Namespace) -> int:
    from app.formats.exchange_archive import ImportRefused
    from app.i18n import _
    from app.models.database import Database
    from app.services.base import Actor
    from app.services.exchange.apply_import import import_at_once
    from app.services.exchange.export_archive import export_archive
    from app.services.exchange.plan_import import plan_import
    from app.services.exchange.read_archive import read_archive

    assert isinstance(database, Database)
    if command == "export":
        summary = export_archive(
            database,
            Path(args.file),
            council_ids=args.council or None,
            embed_materials=not args.no_materials,
        )
        print(
            _("Exported {records} records to {path} ({size} bytes).").format(
                records=summary.records, path=summary.path, size=summary.size
            )
        )
        for table, count in summary.counts.items():
            if count:
                print(f"  {table:<24} {count:>8}")
        return 0
    result = None
    try:
        if args.yes:  # agreed before the summary: read, planned and written in one pass
            plan, result = import_at_once(database, Actor.current_user(), Path(args.file))
        else:
            plan = plan_import(database, read_archive(Path(args.file)))
    except ImportRefused as exc:
        _print_refusal(exc)
        return 2
    print(
        _("New records: {new}; updated: {updated}; unchanged: {unchanged}.").format(
            new=plan.new, updated=plan.updated, unchanged=plan.unchanged
        )
    )
    for table, counts in plan.counts.items():
        if counts.new or counts.updated:
            print(f"  {table:<24} +{counts.new:<7} ~{counts.updated:<7}")
    if plan.profile_changes:
        from app.i18n import interface_language
        from app.services.exchange.frozen_votes import profile_change_lines

        # How votes are counted changes: said rule by rule, before anything is written.
        print(_("The file changes the regulation profile of a council:"))
        for line in profile_change_lines(plan.profile_changes, interface_language()):
            print(f"  {line}")
    if not plan.ok:
        _print_refusal(ImportRefused(plan.problems))
        return 2
    if result is None:
        print(_("Nothing was written; run again with --yes to import."))
        return 0
    print(_("Imported: {count} records written.").format(count=result.changed))
    return 0


def _print_refusal(refusal: ImportRefused) -> None:
    """The refusal and every problem under it, each with its JSON pointer (or ZIP entry)."""
    print(refusal.message(), file=sys.stderr)
    for location, message in refusal.report():
        # The empty pointer is the whole document: the message alone says it.
        print(f"  {location}: {message}" if location else f"  {message}", file=sys.stderr)


def _note_read_only(database: Database) -> None:
    """On a read-only disk or folder, or a network share: say so on stderr."""
    from app.models.network_share import MSG_NETWORK_SHARE, database_on_share

    shared = database_on_share(database.url)
    if shared is not None:
        from app.domain.errors import EnvironmentProblem

        print(EnvironmentProblem(MSG_NETWORK_SHARE, path=shared).message(), file=sys.stderr)
    if database.read_only:
        from app.domain.errors import EnvironmentProblem
        from app.models.database import MSG_READ_ONLY_NOTICE

        notice = EnvironmentProblem(MSG_READ_ONLY_NOTICE, path=database.display_name)
        print(notice.message(), file=sys.stderr)


def _headless(command: str, target: str, args: argparse.Namespace) -> int:
    from app.models.changes import default_memory
    from app.models.database import head_revision, open_database

    # SQLite's quick check reads the whole file: only when it changed since the last clean
    # one (app/models/changes.py); `kenes check` always checks.
    memory = default_memory()
    if command in ("backup", "restore", "check", "backups"):
        if command == "backup" and _on_server(target):
            return _server_backup(target, args)
        return _backup_commands(command, target, args)
    if command == "copy":
        return _copy(args)
    if command in ("export", "import"):
        database = open_database(target, check_memory=memory)
        _note_read_only(database)
        try:
            from app.cli_users import sign_in_from_arguments

            sign_in_from_arguments(database, args)
            return _exchange_commands(command, database, args)
        finally:
            database.close()
    if command in ("meetings", "protocol", "trust", "users", "demo", "packet"):
        database = open_database(target, check_memory=memory)
        _note_read_only(database)
        try:
            from app.cli_users import sign_in_from_arguments, users_command

            sign_in_from_arguments(database, args)
            if command == "users":
                return users_command(database, args)
            if command == "demo":
                return _demo(database)
            if command == "packet":
                return _packet(database, args)
            return _records_commands(command, database, args)
        finally:
            database.close()

    if command == "info":
        database = open_database(target, migrate=False, check_memory=memory)
        try:
            print(f"database: {database.display_name}")
            print(f"schema:   {database.revision() or '-'} (this Kenes: {head_revision()})")
        finally:
            database.close()
        return 0
    if command == "migrate":
        database = open_database(target, backup_dir=args.backup_dir, check_memory=memory)
        try:
            print(f"{database.display_name}: schema {database.revision()}")
        finally:
            database.close()
        return 0
    raise AssertionError(command)


def _copy(args: argparse.Namespace) -> int:
    from app.cli_users import sign_in_from_arguments
    from app.i18n import _, interface_language, ngettext
    from app.models.database import open_database
    from app.services.base import Actor
    from app.services.copy_database import copy_database

    source = open_database(args.source)
    try:
        sign_in_from_arguments(source, args)
        target = open_database(args.target)
        try:
            report = copy_database(source, target, Actor.current_user())
        finally:
            target.close()
    finally:
        source.close()
    print(
        ngettext(
            "Copied {n} row from {source} to {target}.",
            "Copied {n} rows from {source} to {target}.",
            report.total,
        ).format(n=report.total, source=source.display_name, target=target.display_name)
    )
    if not report.record.ok:
        lang = interface_language()
        for finding in report.record.findings:
            print(f"  {finding.message(lang)}", file=sys.stderr)
        return 3
    print(_("The copy was verified: every table, the audit trail and the seals agree."))
    return 0


def _packet(database: Database, args: argparse.Namespace) -> int:
    from app.i18n import _
    from app.services.agenda.agenda_packet import save_agenda_packet

    path = save_agenda_packet(database, args.meeting, args.doc_lang, Path(args.output))
    print(_("Agenda packet written: {path}").format(path=path))
    return 0


def _demo(database: Database) -> int:
    from app.services.base import Actor
    from app.services.demo import create_demo
    from app.services.demo_meeting import create_demo_meeting

    created = create_demo(database, Actor.current_user())
    created = create_demo_meeting(database, Actor.current_user()) or created
    print("demo council created" if created else "demo council already present")
    return 0
