"""Pre-identified beneficiary lists per programme per village: versioned, published through the feed.

After a matching run, `publish` compares each programme's new list (`selections`) with the entries
each village holds and, for every (programme, village) whose list changed, makes a new version:
entries that left are closed in it, entries that joined (or whose reasons changed) open in it. One
feed entry per version (kind "list", ref = the version id, village_code set) carries only the delta
since the previous version, so a village pulls a few hundred bytes when a few people change:

    {"programme": "PKH", "village_code": "35.07.01.2001", "version": 4, "base_version": 3, "size": 212,
     "list_date": "2026-03-01", "columns": ["nik", "name", "reasons", "status"],
     "added": [["3507015505900001", "Siti Aminah", ["pregnant"], "listed"]], "removed": ["3507011203850002"],
     "removed_reasons": {"3507011203850002": "died"}}

`status` is "listed", "awaiting" (listed while the village's registration awaits verification) or
"proposed" (awaiting verification for a programme that lists only verified people: a proposal
outside the quota); an entry whose status changes (someone verified) opens again in the next version.

A version goes out whole (`base_version` 0: replace what you hold) when it is the first, or when
the deltas a new laptop would pull since the last whole version would exceed twice the list; the
older versions' feed entries are then dropped, since the whole version supersedes them.

Village records feed back in: `absorb(session, states, now)` keeps community corrections
(table "list_correction") and applications (table "application") in the hub's own tables.
"""

import datetime as dt
from types import SimpleNamespace

from sqlalchemy import (
    BigInteger,
    Column,
    MetaData,
    String,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)

from hub_server.models.population import Person, ResidentRegistration
from hub_server.models.programmes import (
    LIST_STATUSES,
    Application,
    ListCorrection,
    ListEntry,
    ListVersion,
    MatchingRun,
    Programme,
    Selection,
)
from hub_server.models.records import FeedEntry, Record
from hub_server.services import paging, record_status, record_store
from hub_server.services.imports.rows import name_key
from hub_server.services.imports.stage import analyze, fresh_table
from schemas.application import OPEN_STATUSES

ENTRIES, VERSIONS, SELECTIONS = ListEntry.__table__, ListVersion.__table__, Selection.__table__
FULL_AFTER = 2  # whole again once the deltas since the last whole version reach twice the list
COLUMNS = ["nik", "name", "reasons", "status"]


# The entries a publication closes, while it runs (temporary: never the hub's). Finding them compares every
# open entry with the new lists (millions at a district's size): done once, for the counts and the closing.
LEAVING = Table("list_leaving", MetaData(), Column("id", BigInteger, primary_key=True),
                Column("programme_code", String(32), nullable=False), Column("village_code", String(13)),
                prefixes=["TEMPORARY"])
# The selections a publication opens, while it runs: found once, for the counts and the opening, in the programmes
# that hold open entries. A programme that holds none (its first publication) opens every selection it has:
# those are read from `selections` as they are, never compared or copied. Keyed by list, so that opening them
# finds each new version's rows by its programme and village instead of reading the table once per version.
JOINING = Table("list_joining", MetaData(), Column("programme_code", String(32), primary_key=True),
                Column("village_code", String(13), primary_key=True), Column("person_id", BigInteger, primary_key=True),
                Column("reasons", BigInteger), Column("status", String(12)), prefixes=["TEMPORARY"])
OPENED = ["programme_code", "village_code", "person_id", "reasons", "status"]


def _same_entry(entry, selection):
    return and_(entry.c.programme_code == selection.c.programme_code, entry.c.person_id == selection.c.person_id,
                entry.c.village_code == selection.c.village_code, entry.c.reasons == selection.c.reasons,
                entry.c.status == selection.c.status)


def _joining():
    """Selected people without the same open entry: they open in the new version."""
    opened = exists().where(_same_entry(ENTRIES, SELECTIONS), ENTRIES.c.removed_in.is_(None))
    return SELECTIONS.c.village_code.is_not(None), ~opened


def _leaving():
    """Open entries no longer selected as they are: they close in the new version."""
    return ENTRIES.c.removed_in.is_(None), ~exists().where(_same_entry(ENTRIES, SELECTIONS))


def _counts(session, table, conditions) -> dict:
    rows = session.execute(select(table.c.programme_code, table.c.village_code, func.count())
                           .where(*conditions).group_by(table.c.programme_code, table.c.village_code))
    return {(code, village): count for code, village, count in rows}


def _closing(session) -> Table:
    """LEAVING, filled with the open entries no longer selected as they are."""
    fresh_table(session, LEAVING)
    session.execute(insert(LEAVING).from_select(["id", "programme_code", "village_code"], select(
        ENTRIES.c.id, ENTRIES.c.programme_code, ENTRIES.c.village_code).where(*_leaving())))
    analyze(session, LEAVING)
    return LEAVING


def _held_programmes(session) -> tuple[list, list]:
    """The programmes that hold at least one open entry, and those that hold none."""
    holds = exists().where(ENTRIES.c.programme_code == Programme.code, ENTRIES.c.removed_in.is_(None))
    found = session.execute(select(Programme.code, holds)).all()
    return [code for code, held in found if held], [code for code, held in found if not held]


def _opening(session, held: list) -> Table:
    """JOINING, filled with the selections of the `held` programmes that open: without the same open entry."""
    fresh_table(session, JOINING)
    session.execute(insert(JOINING).from_select(OPENED, select(*[SELECTIONS.c[name] for name in OPENED]).where(
        SELECTIONS.c.programme_code.in_(held), *_joining())))
    analyze(session, JOINING)
    return JOINING


def publish(session, run_id: int, now) -> dict:
    """Make the new list versions of a run and put them in the feed; returns counts."""
    leaving, (held, fresh) = _closing(session), _held_programmes(session)
    joining = _opening(session, held)
    sizes = _counts(session, SELECTIONS, [SELECTIONS.c.village_code.is_not(None)])
    added = {key: size for key, size in sizes.items() if key[0] in fresh} | _counts(session, joining, [])
    removed = _counts(session, leaving, [])
    changed = set(added) | set(removed)
    if not changed:
        leaving.drop(session.connection())
        joining.drop(session.connection())
        return {"versions": 0, "added": 0, "removed": 0, "whole": 0}
    versions = _new_versions(session, changed, added, removed, sizes, run_id, now)
    analyze(session, VERSIONS)  # PostgreSQL plans the joins below with what the versions now hold
    session.execute(update(ENTRIES).where(ENTRIES.c.id.in_(select(leaving.c.id))).values(
        removed_in=select(VERSIONS.c.id).where(
            VERSIONS.c.run_id == run_id, VERSIONS.c.programme_code == ENTRIES.c.programme_code,
            VERSIONS.c.village_code == ENTRIES.c.village_code).scalar_subquery()))
    leaving.drop(session.connection())
    if fresh:
        selected = SELECTIONS.c.village_code.is_not(None), SELECTIONS.c.programme_code.in_(fresh)
        _open(session, SELECTIONS, run_id, *selected)
    _open(session, joining, run_id)
    joining.drop(session.connection())
    record_store.publish(session, [("list", str(version["id"]), version["village_code"]) for version in versions])
    _drop_superseded(session, [version for version in versions if version["full"]])
    return {"versions": len(versions), "added": sum(added.values()), "removed": sum(removed.values()),
            "whole": sum(version["full"] for version in versions)}


def _open(session, opening, run_id: int, *conditions) -> None:
    """Open entries for the rows of `opening` (under `conditions`) in their list's new version of the run."""
    joined = opening.join(VERSIONS, and_(VERSIONS.c.run_id == run_id,
                                         VERSIONS.c.programme_code == opening.c.programme_code,
                                         VERSIONS.c.village_code == opening.c.village_code))
    rows = select(*[opening.c[name] for name in OPENED], VERSIONS.c.id).select_from(joined).where(*conditions)
    session.execute(insert(ENTRIES).from_select([*OPENED, "added_in"], rows))


def _new_versions(session, changed, added, removed, sizes, run_id: int, now) -> list:
    latest = {}
    for row in session.execute(select(VERSIONS.c.programme_code, VERSIONS.c.village_code, VERSIONS.c.version,
                                      VERSIONS.c.chain).order_by(VERSIONS.c.id)):
        latest[(row.programme_code, row.village_code)] = row
    rows = []
    for key in sorted(changed):
        previous, size = latest.get(key), sizes.get(key, 0)
        delta = added.get(key, 0) + removed.get(key, 0)
        full = previous is None or previous.chain + delta > FULL_AFTER * size
        rows.append({"programme_code": key[0], "village_code": key[1], "run_id": run_id, "created_at": now,
                     "version": previous.version + 1 if previous else 1, "size": size,
                     "added": added.get(key, 0), "removed": removed.get(key, 0), "full": full,
                     "chain": size if full else previous.chain + delta})
    session.execute(insert(VERSIONS), rows)
    made = session.execute(select(VERSIONS.c.id, VERSIONS.c.programme_code, VERSIONS.c.village_code,
                                  VERSIONS.c.full).where(VERSIONS.c.run_id == run_id)).mappings()
    return [dict(row) for row in made]


def _drop_superseded(session, whole_versions: list) -> None:
    """Feed entries of versions older than a whole one are never needed again: pull it instead."""
    for version in whole_versions:
        older = select(VERSIONS.c.id).where(VERSIONS.c.programme_code == version["programme_code"],
                                            VERSIONS.c.village_code == version["village_code"],
                                            VERSIONS.c.id < version["id"])
        refs = [str(ident) for ident in session.execute(older).scalars()]
        for start in range(0, len(refs), 900):
            session.execute(delete(FeedEntry.__table__).where(FeedEntry.kind == "list",
                                                              FeedEntry.ref.in_(refs[start:start + 900])))


# Reading versions --------------------------------------------------------------------------------

def reason_codes(programme: Programme | None, bits: int) -> list:
    named = [reason["code"] for reason in (programme.matching.get("reasons") or [])] if programme else []
    return [named[i] if i < len(named) else f"part_{i + 1}" for i in range(bits.bit_length()) if bits >> i & 1]


def _entries(session, condition) -> list:
    people = Person.__table__
    rows = session.execute(select(people.c.nik, people.c.name, ENTRIES.c.reasons, ENTRIES.c.status)
                           .join(people, people.c.id == ENTRIES.c.person_id).where(condition)
                           .order_by(people.c.nik))
    return rows.all()


def version_data(session, version: ListVersion, programmes: dict, list_dates: dict) -> dict:
    """What devices get for one version: the delta since the previous one, or the whole list."""
    programme = programmes.get(version.programme_code)
    pair = and_(ENTRIES.c.programme_code == version.programme_code, ENTRIES.c.village_code == version.village_code)
    if version.full:
        alive = and_(pair, ENTRIES.c.added_in <= version.id,
                     or_(ENTRIES.c.removed_in.is_(None), ENTRIES.c.removed_in > version.id))
        added, removed = _entries(session, alive), []
    else:
        added = _entries(session, and_(pair, ENTRIES.c.added_in == version.id))
        reopened = {row.nik for row in added}
        removed = [row.nik for row in _entries(session, and_(pair, ENTRIES.c.removed_in == version.id))
                   if row.nik not in reopened]
    # Why people left in this version (a whole version too: the village compares it with what it held).
    left = removed if not version.full else [row.nik for row in _entries(session, and_(
        pair, ENTRIES.c.removed_in == version.id))]
    why = _removal_reasons(session, left, version.village_code)
    list_date = list_dates.get(version.run_id)
    return {"programme": version.programme_code, "village_code": version.village_code, "version": version.version,
            "base_version": 0 if version.full else version.version - 1, "size": version.size,
            "list_date": list_date.isoformat() if list_date else None, "columns": COLUMNS,
            "added": [[nik, name, reason_codes(programme, bits), status] for nik, name, bits, status in added],
            "removed": removed, **({"removed_reasons": why} if why else {})}


def _removal_reasons(session, niks: list, village_code: str) -> dict:
    """{NIK: why they left} for those whose leaving has a reason a village should read: "died",
    "moved_out" (of the district), "moved_village" (to another village of the district)."""
    why = {}
    for start in range(0, len(niks), 900):
        for person in session.execute(select(Person.nik, Person.died_on, Person.migration, Person.village_code).where(
                Person.nik.in_(niks[start:start + 900]))):
            reason = _left_because(person, village_code)
            if reason:
                why[person.nik] = reason
    return why


def _left_because(person, village_code: str) -> str | None:
    if person.died_on is not None:
        return "died"
    if person.migration == "out":
        return "moved_out"
    if person.village_code and person.village_code != village_code:
        return "moved_village"
    return None


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "list": {version id: entry}."""
    ids = [int(ref) for ref in refs]
    versions = list(session.execute(select(ListVersion).where(ListVersion.id.in_(ids))).scalars())
    programmes = {p.code: p for p in session.execute(select(Programme).where(
        Programme.code.in_({v.programme_code for v in versions}))).scalars()}
    list_dates = dict(session.execute(select(MatchingRun.id, MatchingRun.list_date).where(
        MatchingRun.id.in_({v.run_id for v in versions}))).all())
    return {str(v.id): {"kind": "list", "table": "beneficiary_list", "id": str(v.id),
                        "data": version_data(session, v, programmes, list_dates)} for v in versions}


VERSION_SORTS = {"made": ListVersion.id, "programme": ListVersion.programme_code, "village": ListVersion.village_code,
                 "size": ListVersion.size, "added": ListVersion.added, "removed": ListVersion.removed}


def versions_page(session, order: paging.Order, *, programme_code: str = "", area: str = "") -> paging.Page:
    """List versions, newest first unless sorted otherwise, of a programme and inside a region (a village, a
    sub-district), a page at a time."""
    query = select(ListVersion)
    if programme_code:
        query = query.where(ListVersion.programme_code == programme_code.upper())
    if area:
        query = query.where(or_(ListVersion.village_code == area, ListVersion.village_code.startswith(area + ".")))
    return paging.fetch(session, query, order, sorts=VERSION_SORTS, default="made", tiebreak=ListVersion.id)


MEMBER_SORTS = {"name": Person.name_key, "nik": Person.nik, "status": ListEntry.status, "joined": ListEntry.added_in}
CHANGES = ("all", "added", "removed")
STATUSES = LIST_STATUSES


def members_page(session, version: ListVersion, order: paging.Order, *, change: str = "all", status: str = "",
                 search: str = "") -> paging.Page:
    """Who is on a list version (entries open at it), or who it added or removed (`change`), with their
    reason bits and status, filtered by status and a name or NIK, a page at a time. Items are rows of
    (ListEntry, nik, name, died_on, migration, person's village)."""
    pair = and_(ListEntry.programme_code == version.programme_code, ListEntry.village_code == version.village_code)
    held = {"added": ListEntry.added_in == version.id, "removed": ListEntry.removed_in == version.id}.get(change)
    if held is None:
        held = and_(ListEntry.added_in <= version.id, or_(ListEntry.removed_in.is_(None),
                                                          ListEntry.removed_in > version.id))
    query = (select(ListEntry, Person.nik, Person.name, Person.died_on, Person.migration,
                    Person.village_code.label("lives_in"))
             .join(Person, Person.id == ListEntry.person_id).where(pair, held))
    if status:
        query = query.where(ListEntry.status == status)
    query = query.where(*typed_person(search))
    return paging.fetch(session, query, order, sorts=MEMBER_SORTS, default="name", tiebreak=ListEntry.id)


def typed_person(text: str) -> list:
    """Conditions on `people` for what someone typed in a table's search box: digits are the start of a NIK,
    anything else words of the name (compared as `name_key` compares names)."""
    typed = (text or "").strip()
    if typed.isdigit():
        return [Person.nik.startswith(typed)]
    return [Person.name_key.contains(word, autoescape=True) for word in name_key(typed).split()]


def left_because(row, village_code: str) -> str | None:
    """Why a member row of `members_page` left its village's list: died, moved out, moved village, or None."""
    return _left_because(SimpleNamespace(died_on=row.died_on, migration=row.migration, village_code=row.lives_in),
                         village_code)


def version(session, version_id: int) -> tuple:
    """(the version, its programme or None, the list date of its run or None); (None, None, None) if unknown."""
    found = session.get(ListVersion, version_id)
    if found is None:
        return None, None, None
    programme = session.get(Programme, found.programme_code)
    run = session.get(MatchingRun, found.run_id)
    return found, programme, run.list_date if run else None


def current_list(session, programme_code: str, village_code: str) -> list:
    """The open entries of one village's list: (nik, name, reason bits, status)."""
    return _entries(session, and_(ENTRIES.c.programme_code == programme_code, ENTRIES.c.village_code == village_code,
                                  ENTRIES.c.removed_in.is_(None)))


# Village records: community corrections and applications ------------------------------------------

DECISIONS = ("include", "exclude")
KEPT = {"list_correction": ListCorrection.__table__, "application": Application.__table__}
MIN_REASON = 10  # as a rejection's justification: a reason someone can act on


def absorb(session, states, now) -> list:
    """Keep corrections and applications among synced records (`apply.RecordState`s of any table).

    Returns [{"record_id", "table", "problem"}] for those that cannot count yet (unknown programme or
    person, no reason...); they are kept with their problem, for the admin to see.
    """
    problems, kept = [], []
    for state in states:
        keep = {"list_correction": _keep_correction, "application": _keep_application}.get(state.table)
        if keep is None:
            continue
        if state.values.get("_deleted"):  # withdrawn by the village: it no longer counts anywhere
            session.execute(delete(KEPT[state.table]).where(KEPT[state.table].c.record_id == state.record_id))
            continue
        problem = keep(session, state.record_id, state.values, state.village_code, now)
        kept.append((state.record_id, state.village_code))
        if problem:
            problems.append({"record_id": state.record_id, "table": state.table, "problem": problem})
    session.flush()
    record_status.publish(session, kept)  # the village hears whether each counts, and why not
    return problems


def _absorb_records(session, query, now) -> list:
    """Absorb again the synced records a query over `records` selects."""
    return absorb(session, [SimpleNamespace(table=r.table_name, record_id=r.id, values=r.data,
                                            village_code=r.village_code) for r in session.execute(query).scalars()],
                  now)


def reabsorb_applications(session, person_id: int, programme_code: str, now) -> None:
    """Read again a person's applications for a programme, after one of them changed at the hub."""
    _absorb_records(session, select(Record).join(Application.__table__, Application.record_id == Record.id).where(
        Application.person_id == person_id, Application.programme_code == programme_code), now)


def reabsorb_for_person(session, person_id: int, now) -> list:
    """Read again the corrections and applications naming a person whose standing changed (verified, refused)."""
    return [problem for table in KEPT.values() for problem in _absorb_records(
        session, select(Record).join(table, table.c.record_id == Record.id).where(table.c.person_id == person_id),
        now)]


def absorb_waiting_for_people(session, now) -> list:
    """Read again the corrections and applications that named someone the sources did not know (or
    placed elsewhere): after an import, they may count now."""
    waiting = ("person_unknown", "person_in_other_village", "person_refused")
    return [problem for table in KEPT.values() for problem in _absorb_records(
        session, select(Record).join(table, table.c.record_id == Record.id).where(table.c.problem.in_(waiting)), now)]


def absorb_all(session, now) -> list:
    """Re-read every synced correction and application (after a restore, or to catch up)."""
    return _absorb_records(session, select(Record).where(Record.table_name.in_(tuple(KEPT))), now)


def _person_for(session, values: dict) -> int | None:
    if values.get("nik"):
        found = session.execute(select(Person.id).where(Person.nik == str(values["nik"]))).scalar()
        if found is not None:
            return found
    record_id = values.get("person_id")
    if not record_id:
        return None
    return session.execute(select(ResidentRegistration.person_id)
                           .where(ResidentRegistration.record_id == record_id)).scalar()


def _known_programme(session, code) -> bool:
    return bool(code) and session.get(Programme, code) is not None


def _date(value):
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _keep_correction(session, record_id: str, values: dict, village_code, now) -> str | None:
    row = session.get(ListCorrection, record_id) or ListCorrection(record_id=record_id)
    session.add(row)
    row.programme_code, row.decision = values.get("programme_code"), values.get("decision")
    row.reason, row.nik = (values.get("reason") or "").strip() or None, values.get("nik")
    row.village_code, row.meeting_date, row.updated_at = village_code, _date(values.get("meeting_date")), now
    row.person_id = _person_for(session, values)
    row.problem = _correction_problem(session, row)
    return row.problem


def _correction_problem(session, row: ListCorrection) -> str | None:
    if not _known_programme(session, row.programme_code):
        return "programme_unknown"
    if row.decision not in DECISIONS:
        return "decision_invalid"
    if len(row.reason or "") < MIN_REASON:
        return "reason_required"
    return _person_problem(session, row.person_id, row.village_code)


def _person_problem(session, person_id, village_code) -> str | None:
    """A village speaks for its own residents: someone the sources place in another village does not count,
    nor someone whose registration a person at the hub refused."""
    if person_id is None:
        return "person_unknown"
    person = session.get(Person, person_id)
    if person.verification == "refused":
        return "person_refused"
    return None if person.village_code in (None, village_code) else "person_in_other_village"


def _keep_application(session, record_id: str, values: dict, village_code, now) -> str | None:
    row = session.get(Application, record_id) or Application(record_id=record_id)
    session.add(row)
    row.programme_code, row.status = values.get("programme_code"), values.get("status")
    row.person_record_id, row.justification = values.get("person_id"), values.get("justification")
    row.status_date, row.list_version = _date(values.get("status_date")), values.get("list_version")
    row.village_code, row.updated_at = village_code, now
    row.person_id = _person_for(session, values)
    row.problem = _application_problem(session, row)
    return row.problem


def _application_problem(session, row: Application) -> str | None:
    if not _known_programme(session, row.programme_code):
        return "programme_unknown"
    if row.status == "rejected" and len((row.justification or "").strip()) < MIN_REASON:
        return "justification_required"  # the village form refuses this; a hub never counts it either
    problem = _person_problem(session, row.person_id, row.village_code)
    if problem is None and row.status in OPEN_STATUSES and _another_open(session, row):
        return "application_open"  # e.g. the village and the sub-district both applied while offline
    return problem


def _another_open(session, row: Application) -> bool:
    """Another open application of the same person for the same programme comes first (the smaller record id).

    Exactly one of them counts; when it is rejected or withdrawn, `reabsorb_applications` lets the next count.
    """
    return session.execute(select(Application.record_id).where(
        Application.person_id == row.person_id, Application.programme_code == row.programme_code,
        Application.record_id < row.record_id, Application.status.in_(OPEN_STATUSES),
        Application.problem.is_(None)).limit(1)).first() is not None
