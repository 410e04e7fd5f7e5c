"""User actions on councils: create, edit, set the regulation profile, archive; and lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.collation import sort_key
from app.domain.council import CouncilKind, check_parents, pick
from app.domain.errors import DomainError
from app.domain.regulation import (
    PRESETS,
    RegulationProfile,
    check_profile,
    profile_from_dict,
    profile_to_dict,
)
from app.domain.translation import N_
from app.i18n import interface_language
from app.models.composition import Council
from app.models.database import Database
from app.models.profile_history import ProfileVersion
from app.services.accounts.scope import check_council, read_scope
from app.services.base import (
    Actor,
    audit,
    check_date,
    check_flag,
    check_version,
    clean_text,
    expect,
    get,
    snapshot,
)
from app.services.profile_history import ProfileAct, change_profile, version_data


@dataclass(frozen=True)
class CouncilData:
    """What the council editor sends."""

    name_kk: str = ""
    name_ru: str = ""
    name_en: str = ""
    kind: CouncilKind = CouncilKind.COUNCIL
    parent_id: int | None = None
    act_title: str = ""
    act_number: str = ""
    act_date: date | None = None
    working_body_kk: str = ""
    working_body_ru: str = ""
    working_body_en: str = ""
    preset_key: str = ""
    profile: RegulationProfile | None = None
    # A changed profile of an existing council takes effect from a date (the act's date
    # by default), never over a closed vote (app/services/profile_history.py).
    profile_from: date | None = None
    profile_act: ProfileAct | None = None


@dataclass(frozen=True)
class CouncilInfo:
    """A council as views and reports see it."""

    id: int
    uid: str
    names: dict[str, str]
    kind: CouncilKind
    parent_id: int | None
    act_title: str
    act_number: str
    act_date: date | None
    working_body: dict[str, str]
    preset_key: str
    profile: RegulationProfile
    is_demo: bool
    archived: bool
    version: int
    seat_count: int = field(default=0, compare=False)

    def name(self, lang: str) -> str:
        return pick(self.names, lang)


def info(council: Council) -> CouncilInfo:
    return CouncilInfo(
        id=council.id,
        uid=council.uid,
        names={"kk": council.name_kk, "ru": council.name_ru, "en": council.name_en},
        kind=CouncilKind(council.kind),
        parent_id=council.parent_id,
        act_title=council.act_title,
        act_number=council.act_number,
        act_date=council.act_date,
        working_body={
            "kk": council.working_body_kk,
            "ru": council.working_body_ru,
            "en": council.working_body_en,
        },
        preset_key=council.preset_key,
        profile=profile_from_dict(council.profile),
        is_demo=council.is_demo,
        archived=council.archived,
        version=council.version,
    )


def _apply(db_council: Council, data: CouncilData, session: object) -> RegulationProfile | None:
    """Fill the council from ``data``; return the profile it asks for (set by the caller)."""
    expect(data, CouncilData, N_("Council"))
    names = {
        lang: clean_text(getattr(data, f"name_{lang}"), N_("Name"), limit=1000)
        for lang in ("kk", "ru", "en")
    }
    if not any(names.values()):
        raise DomainError(N_("A council needs a name in at least one language."))
    try:
        kind = CouncilKind(data.kind)
    except ValueError as exc:
        raise DomainError(N_("Unknown kind of council: {kind}."), kind=str(data.kind)) from exc
    if kind is CouncilKind.WORKING_GROUP and data.parent_id is None:
        raise DomainError(N_("A working group must name the council it works for."))
    if data.parent_id is not None:
        get(session, Council, data.parent_id, N_("Council"))  # type: ignore[arg-type]
        _check_parent(session, db_council, data.parent_id, names)  # type: ignore[arg-type]
    for lang, name in names.items():
        setattr(db_council, f"name_{lang}", name)
        setattr(
            db_council,
            f"working_body_{lang}",
            clean_text(getattr(data, f"working_body_{lang}"), N_("Working body"), limit=1000),
        )
    db_council.kind = kind.value
    db_council.parent_id = data.parent_id
    db_council.act_title = clean_text(data.act_title, N_("Act"), limit=1000)
    db_council.act_number = clean_text(data.act_number, N_("Act number"), limit=64)
    db_council.act_date = check_date(data.act_date, N_("Act date"), required=False)
    preset_key = clean_text(data.preset_key, N_("Regulation preset"), limit=64)
    if preset_key and preset_key not in PRESETS:
        raise DomainError(N_("Unknown regulation preset: {key}."), key=preset_key)
    profile = data.profile
    if profile is not None:
        check_profile(expect(profile, RegulationProfile, N_("Regulation profile")))
    if profile is None and preset_key:
        profile = PRESETS[preset_key].profile
    if profile is not None:
        db_council.preset_key = preset_key
    elif not db_council.profile:
        db_council.profile = profile_to_dict(RegulationProfile())
    return profile


def _after(council: Council, version: ProfileVersion | None) -> dict[str, object]:
    """What the audit trail keeps: the council, and the dated profile version if one was made."""
    after: dict[str, object] = snapshot(council)
    if version is not None:
        after["profile_version"] = version_data(version)
    return after


def _check_parent(
    session: Session, council: Council, parent_id: int, names: dict[str, str]
) -> None:
    """Refuse a parent that would make councils each other's parents, at any depth."""
    if council.id is None:
        return  # a new council: no council works for it yet, so no link leads back to it
    lang = interface_language()
    parents: dict[int, int | None] = {council.id: parent_id}
    labels = {council.id: pick(names, lang)}
    rows = session.execute(
        select(Council.id, Council.parent_id, Council.name_kk, Council.name_ru, Council.name_en)
    )
    for row in rows:
        parents.setdefault(row.id, row.parent_id)
        labels.setdefault(
            row.id, pick({"kk": row.name_kk, "ru": row.name_ru, "en": row.name_en}, lang)
        )
    check_parents(parents, labels)


def create_council(db: Database, actor: Actor, data: CouncilData) -> CouncilInfo:
    """Create a council with its regulation profile (a preset, adjusted, or the defaults)."""
    with db.transaction() as session:
        council = Council(kind=CouncilKind.COUNCIL.value, profile={})
        profile = _apply(council, data, session)
        if profile is not None:
            council.profile = profile_to_dict(profile)  # in force from the start
        session.add(council)
        audit(session, actor, "council.create", council, council_id=None)
        session.flush()
        return info(council)


def update_council(
    db: Database,
    actor: Actor,
    council_id: int,
    data: CouncilData,
    expected_version: int | None = None,
) -> CouncilInfo:
    """Change a council's names, kind, act, working body or profile."""
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        check_version(council, expected_version)
        before = snapshot(council)
        profile = _apply(council, data, session)
        version = None
        if profile is not None:
            version = change_profile(
                session, actor, council, profile, data.profile_from, data.profile_act
            )
        audit(
            session,
            actor,
            "council.update",
            council,
            before=before,
            council_id=council.id,
            after=_after(council, version),
        )
        return info(council)


def set_profile(
    db: Database,
    actor: Actor,
    council_id: int,
    profile: RegulationProfile,
    preset_key: str = "",
    *,
    effective_from: date | None = None,
    act: ProfileAct | None = None,
) -> CouncilInfo:
    """Change the regulation profile from a date (the act's by default).

    Votes already closed keep the profile they were counted under; a change
    dated on or before a meeting with a closed vote or a signed protocol is
    refused.  While the council has nothing closed, a change without a date
    applies to every meeting (the council is still being set up).
    """
    preset_key = clean_text(preset_key, N_("Regulation preset"), limit=64)
    if preset_key and preset_key not in PRESETS:
        raise DomainError(N_("Unknown regulation preset: {key}."), key=preset_key)
    check_profile(profile)
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        before = snapshot(council)
        version = change_profile(session, actor, council, profile, effective_from, act)
        council.preset_key = preset_key
        audit(
            session,
            actor,
            "council.set_profile",
            council,
            before=before,
            council_id=council.id,
            after=_after(council, version),
        )
        return info(council)


def archive_council(
    db: Database, actor: Actor, council_id: int, archived: bool = True
) -> CouncilInfo:
    """Archive (or bring back) a council; councils are never deleted."""
    with db.transaction() as session:
        council = get(session, Council, council_id, N_("Council"))
        before = snapshot(council)
        council.archived = check_flag(archived, N_("Archived"))
        audit(
            session,
            actor,
            "council.archive" if archived else "council.restore",
            council,
            before=before,
            council_id=council.id,
        )
        return info(council)


def list_councils(
    db: Database, *, include_archived: bool = False, lang: str | None = None
) -> list[CouncilInfo]:
    """Councils in Kazakh alphabetical order of their names in ``lang`` (the interface's)."""
    lang = lang or interface_language()
    with db.reading() as session:
        query = select(Council).order_by(Council.id)
        query = query.where(read_scope(session).councils(Council.id))
        if not include_archived:
            query = query.where(Council.archived.is_(False))
        found = [info(c) for c in session.scalars(query)]
    return sorted(found, key=lambda c: sort_key(c.name(lang)))


def get_council(db: Database, council_id: int) -> CouncilInfo:
    with db.reading() as session:
        council = get(session, Council, council_id, N_("Council"))
        check_council(session, council.id)
        return info(council)
