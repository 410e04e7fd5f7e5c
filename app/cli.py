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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the desktop application (the default)")
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
    check.add_argument("--full", action="store_true", help="the full check (slower)")
    listing = sub.add_parser("backups", help="list the backups, newest first")
    listing.add_argument("--to", metavar="DIR", help="backup folder")
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
    verify.add_argument("file")
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
    return parser


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

        return gui.run(target, language)
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
        report = backups.check_database(database_file, full=args.full)
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


if TYPE_CHECKING:
    from app.models.database import Database
    from app.services.exchange.format import ImportRefused
    from app.services.protocols.documents import Verification


def _records_commands(command: str, database: object, args: argparse.Namespace) -> int:
    import json

    from app.i18n import _
    from app.models.database import Database
    from app.services.protocols.documents import export_protocol, verify_file

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
    if args.protocol_command == "export":
        path = export_protocol(database, args.meeting, args.doc_lang, Path(args.output))
        print(_("Protocol written: {path}").format(path=path))
        return 0
    found = verify_file(database, Path(args.file))
    return _report_verification(found, args.file)


def _report_verification(found: Verification, path: str) -> int:
    """Say what the file is: 0 for an issued protocol, 1 for anything else."""
    from app.domain.council import pick
    from app.formatting import legal_date_plain
    from app.i18n import _, interface_language, translations
    from app.services.protocols.documents import working_copy_text
    from app.services.protocols.labels import LANGUAGE_NAMES

    ui = interface_language()
    language = _(LANGUAGE_NAMES[found.lang]) if found.lang in LANGUAGE_NAMES else found.lang
    if found.working_copy:
        print(working_copy_text(found, path, translations(ui)))
        if found.superseded:
            print(_("A newer revision of this protocol exists."))
        return 1
    if not found.matches:
        print(
            _(
                "{path} does not match any protocol issued by Kenes in this database "
                "(SHA-256 {sha})."
            ).format(path=path, sha=found.sha256)
        )
        return 1
    print(
        _(
            "{path} is the issued protocol No. {number} (revision {revision}; {language}) "
            "of meeting No. {meeting} of {date}, {council}. SHA-256: {sha}."
        ).format(
            path=path,
            number=found.number,
            revision=found.revision,
            language=language,
            meeting=found.meeting_number,
            date=legal_date_plain(found.meeting_day, ui) if found.meeting_day else "",
            council=pick(found.council_names, ui),
            sha=found.sha256,
        )
    )
    if found.superseded:
        print(_("A newer revision of this protocol exists."))
    return 0


def _exchange_commands(command: str, database: object, args: argparse.Namespace) -> int:
    from app.i18n import _
    from app.models.database import Database
    from app.services.base import Actor
    from app.services.exchange.export import export_archive
    from app.services.exchange.format import ImportRefused
    from app.services.exchange.importer import apply_import, plan_import, read_archive

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
    try:
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
    if not plan.ok:
        _print_refusal(ImportRefused(plan.problems))
        return 2
    if not args.yes:
        print(_("Nothing was written; run again with --yes to import."))
        return 0
    try:
        result = apply_import(database, Actor.current_user(), plan)
    except ImportRefused as exc:
        _print_refusal(exc)
        return 2
    print(_("Imported: {count} records written.").format(count=result.changed))
    return 0


def _print_refusal(refusal: ImportRefused) -> None:
    """The refusal and every problem under it, each with its JSON pointer (or ZIP entry)."""
    print(refusal.message(), file=sys.stderr)
    for location, message in refusal.report():
        # The empty pointer is the whole document: the message alone says it.
        print(f"  {location}: {message}" if location else f"  {message}", file=sys.stderr)


def _note_read_only(database: Database) -> None:
    """On a read-only disk or folder: say so on stderr (reading and exports still work)."""
    if database.read_only:
        from app.domain.errors import EnvironmentProblem
        from app.models.database import MSG_READ_ONLY_NOTICE

        notice = EnvironmentProblem(MSG_READ_ONLY_NOTICE, path=database.display_name)
        print(notice.message(), file=sys.stderr)


def _headless(command: str, target: str, args: argparse.Namespace) -> int:
    from app.models.database import head_revision, open_database

    if command in ("backup", "restore", "check", "backups"):
        return _backup_commands(command, target, args)
    if command in ("export", "import"):
        database = open_database(target)
        _note_read_only(database)
        try:
            return _exchange_commands(command, database, args)
        finally:
            database.close()
    if command in ("meetings", "protocol"):
        database = open_database(target)
        _note_read_only(database)
        try:
            return _records_commands(command, database, args)
        finally:
            database.close()

    if command == "info":
        database = open_database(target, migrate=False)
        try:
            print(f"database: {database.display_name}")
            print(f"schema:   {database.revision() or '-'} (this Kenes: {head_revision()})")
        finally:
            database.close()
        return 0
    if command == "migrate":
        database = open_database(target, backup_dir=args.backup_dir)
        try:
            print(f"{database.display_name}: schema {database.revision()}")
        finally:
            database.close()
        return 0
    if command == "demo":
        from app.services.base import Actor
        from app.services.demo import create_demo
        from app.services.demo_meeting import create_demo_meeting

        database = open_database(target)
        try:
            created = create_demo(database, Actor.current_user())
            created = create_demo_meeting(database, Actor.current_user()) or created
        finally:
            database.close()
        print("demo council created" if created else "demo council already present")
        return 0
    raise AssertionError(command)
