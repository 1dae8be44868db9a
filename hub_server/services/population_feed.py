"""The synchronized population, sent down to the laptops of each village: versioned, only what changed.

A laptop needs its village's residents to find anyone by name or NIK and to update a resident the
sources already hold instead of registering them again. After each import and each matching run,
`publish` compares every village's residents with what the last version sent them and, for each village
where something changed, makes a new version: one feed entry (kind "population", ref = the version id,
village_code set) carrying only the rows that joined or changed and the NIKs that left:

    {"village_code": "35.07.01.2001", "version": 3, "base_version": 2, "size": 6890,
     "added": {"nik": ["3507015505900001", ...], "name": ["Siti Aminah", ...], ...},
     "removed": ["3507011203850002"]}

Rows go by column (each column's values in one list), household by household: gzip then finds a
column's repeats close together, a third fewer bytes than rows of values (7,000 residents: 122 kB
against 174 kB).

A version goes out whole (`base_version` 0) the first time and when a new laptop would otherwise pull
more than twice the village's size to catch up (the last whole version and the deltas since, as for
lists, `services.lists`); older entries are dropped then, and so are the rows only they named.
Residents are the people matching counts (`resident_filter`, here because matching reads it too) with a
NIK: a newborn without one is on the laptop that registered them already. What a row holds is
`COLUMNS`; a short hash of it (`PopulationRow.fingerprint`) tells what changed, so a monthly re-import
sends a few percent. The comparison runs in the database (`fingerprint_sql`, a temporary table of the
residents beside the open rows): a district of millions never passes through Python. It compares only the
people the database noted as changed since the last publication (`models.population_changes`, kept by
triggers), or every resident when many changed: a matching run that brought a few deaths and moves compares
those few, not the district.
"""

import datetime as dt
import functools

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    MetaData,
    String,
    Table,
    Text,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    update,
)

from hub_server.models.population import Household, Person, PopulationRow, PopulationVersion
from hub_server.models.population_changes import COMPARE_ALL_BEYOND, PopulationChange
from hub_server.models.records import FeedEntry
from hub_server.services import record_store
from hub_server.services.imports.stage import fresh_table

ROWS, VERSIONS, CHANGES = PopulationRow.__table__, PopulationVersion.__table__, PopulationChange.__table__
COLUMNS = ["nik", "name", "birth_place", "birth_date", "sex", "relationship", "marital_status", "occupation",
           "household", "kk_number", "address", "address_rt", "address_rw", "verification"]
WHOLE_AFTER = 2  # whole again once a new laptop would pull twice the village's size to catch up (as lists)
ROW_SOURCES = {"household": "household_id"}  # a row's column read from another column of `_residents`
CHUNK = 900
NULL_MARK, SEPARATOR = "\x1e", "\x1f"  # in a fingerprint's text: a value not recorded, and between values
# The residents as they are now, while a publish compares them with what was sent (temporary: never the hub's).
NOW = Table("population_now", MetaData(), Column("person_id", BigInteger, primary_key=True),
            Column("village_code", String(13), nullable=False), Column("nik", String(16), nullable=False),
            Column("fingerprint", String(16), nullable=False), Column("sent", Boolean), prefixes=["TEMPORARY"])
# The changes noted when a publication starts, and the people it compares when only some may have changed.
NOTED = Table("population_noted", MetaData(), Column("seq", BigInteger, primary_key=True),
              Column("person_id", BigInteger), prefixes=["TEMPORARY"])
SCOPE = Table("population_scope", MetaData(), Column("person_id", BigInteger, primary_key=True),
              prefixes=["TEMPORARY"])


def resident_filter(people):
    """People the sources hold, and those a village registered whom no one refused; alive, in the district.

    Someone gone from both e-KTP and family cards is not matched, nor someone whose death or move out of
    the district (migration "out") a village recorded."""
    return and_(or_(people.c.in_ektp.is_(True), people.c.in_kk.is_(True),
                    people.c.verification.in_(("awaiting", "confirmed"))), people.c.died_on.is_(None),
                or_(people.c.migration.is_(None), people.c.migration != "out"))


def _residents():
    """The columns a row is made of, for people joined with their household's current family card."""
    people, households = Person.__table__, Household.__table__
    return select(people.c.id, people.c.village_code, people.c.nik, people.c.name, people.c.birth_place,
                  people.c.birth_date, people.c.sex, people.c.relationship, people.c.marital_status,
                  people.c.occupation, people.c.household_id, households.c.kk_number, people.c.address,
                  people.c.address_rt, people.c.address_rw, people.c.verification) \
        .select_from(people.outerjoin(households, households.c.id == people.c.household_id))


def _values(row) -> list:
    """One resident's row, in `COLUMNS` order."""
    return [row.nik, row.name, row.birth_place, row.birth_date.isoformat() if row.birth_date else None, row.sex,
            row.relationship, row.marital_status, row.occupation,
            str(row.household_id) if row.household_id is not None else None, row.kk_number, row.address,
            row.address_rt, row.address_rw, row.verification]


def _residents_now(session, scope: Table | None) -> Table:
    """A temporary table of every resident with a NIK and a village (of those in `scope`, when given): id,
    village, NIK and the fingerprint of their row, computed by the database (`fingerprint_sql`), so no
    resident passes through Python."""
    people = Person.__table__
    fresh_table(session, NOW)
    among = people.c.id.in_(select(scope.c.person_id)) if scope is not None else true()
    found = _residents().where(resident_filter(people), people.c.nik.is_not(None),
                               people.c.village_code.is_not(None), among).subquery()
    shown = [found.c[ROW_SOURCES.get(name, name)] for name in COLUMNS]  # what a row carries, as laptops get it
    residents = select(found.c.id, found.c.village_code, found.c.nik, fingerprint_sql(shown))
    session.execute(insert(NOW).from_select(["person_id", "village_code", "nik", "fingerprint"], residents))
    return NOW


def fingerprint_sql(columns):
    """A row's fingerprint in SQL: the first 16 hex digits of the MD5 of its values as text, NULL marked
    apart from any text. The same on SQLite (whose `md5` is `hub_server.db`'s) and PostgreSQL."""
    texts = [func.coalesce(cast(column, Text), literal(NULL_MARK, Text)) for column in columns]
    joined = functools.reduce(lambda left, right: left.op("||")(literal(SEPARATOR, Text)).op("||")(right), texts)
    return func.substr(func.md5(joined), 1, 16)


def publish(session, now: dt.datetime) -> dict:
    """Make the new version of every village whose residents changed, and put it in the feed; returns counts.

    The residents that may have changed (`_compared`) are set beside the rows sent and still open, in SQL:
    a resident whose open row has the same village and fingerprint is unchanged; every other resident
    joins, and every open row of a compared person without its unchanged resident closes. A person who
    moved village closes a row in the old one and opens one in the new."""
    noted, scope = _compared(session)
    if noted is None:
        return {"versions": 0, "added": 0, "removed": 0, "whole": 0}
    residents = _residents_now(session, scope)
    same = and_(residents.c.person_id == ROWS.c.person_id, residents.c.village_code == ROWS.c.village_code,
                residents.c.fingerprint == ROWS.c.fingerprint)
    compared = ROWS.c.person_id.in_(select(scope.c.person_id)) if scope is not None else true()
    session.execute(update(residents).where(ROWS.c.removed_in.is_(None), same).values(sent=True))
    sizes, joined, closed = _counts(session, residents, None if scope is None else compared)
    changed = {village: count for village in joined.keys() | closed.keys()
               if (count := joined.get(village, 0) + closed.get(village, 0))}
    versions = _new_versions(session, changed, sizes, now) if changed else []
    made = select(VERSIONS.c.id, VERSIONS.c.village_code, VERSIONS.c.full).where(
        VERSIONS.c.id.in_([version["id"] for version in versions])).subquery()
    whole = [version["village_code"] for version in versions if version["full"]]
    # Every resident was compared: a village sent whole starts its rows again from its residents now.
    rebuilt = scope is None and bool(whole)
    if rebuilt:
        _drop_rows_of(session, whole)
    else:
        for start in range(0, len(whole), CHUNK):
            # A village sent whole: the rows it closed before, and those it closes now, are never read again.
            session.execute(delete(ROWS).where(ROWS.c.village_code.in_(whole[start:start + CHUNK]), or_(
                ROWS.c.removed_in.is_not(None), and_(compared, ~exists().where(same)))))
    if versions:
        session.execute(update(ROWS).where(ROWS.c.removed_in.is_(None), compared, ~exists().where(same)).values(
            removed_in=select(made.c.id).where(made.c.village_code == ROWS.c.village_code).scalar_subquery()))
        joins = residents.c.sent.is_(None)
        session.execute(insert(ROWS).from_select(
            ["village_code", "person_id", "nik", "fingerprint", "added_in"],
            select(residents.c.village_code, residents.c.person_id, residents.c.nik, residents.c.fingerprint,
                   made.c.id)
            .join(made, made.c.village_code == residents.c.village_code)
            .where(or_(joins, made.c.full.is_(True)) if rebuilt else joins)
            .order_by(residents.c.village_code, residents.c.person_id)))
    session.execute(delete(CHANGES).where(CHANGES.c.seq.in_(select(noted.c.seq))))
    for table in (residents, scope, noted):
        if table is not None:
            table.drop(session.connection())
    record_store.publish(session, [("population", str(version["id"]), version["village_code"])
                                   for version in versions])
    _drop_superseded(session, [version for version in versions if version["full"]])
    return {"versions": len(versions), "added": sum(joined.values()), "removed": sum(closed.values()),
            "whole": sum(version["full"] for version in versions)}


def _drop_rows_of(session, villages: list) -> None:
    """Every row of these villages, open or closed. When they are all the villages any row names (a family card
    import changes everyone's household), one DELETE of the whole table: SQLite then empties it at once
    instead of deleting millions of rows and their index entries one by one (10 s at 2.7 million)."""
    elsewhere = session.execute(select(ROWS.c.id).where(ROWS.c.village_code.not_in(villages)).limit(1)).first()
    if elsewhere is None:
        session.execute(delete(ROWS))
        return
    for start in range(0, len(villages), CHUNK):
        session.execute(delete(ROWS).where(ROWS.c.village_code.in_(villages[start:start + CHUNK])))


def _compared(session) -> tuple:
    """(the notes read, the people to compare): `NOTED`, a copy of the changes noted so far read in one
    statement, and `SCOPE` filled with the people they name, or None to compare every resident (a change
    noted for everyone, or many people noted). The notes are None when nothing was noted: the laptops hold
    the population as it is. The publication clears exactly the notes it read: one committed while it runs
    (on PostgreSQL) was not compared and waits for the next publication."""
    if session.execute(select(CHANGES.c.seq).limit(1)).first() is None:
        return None, None
    fresh_table(session, NOTED)
    session.execute(insert(NOTED).from_select(["seq", "person_id"], select(CHANGES.c.seq, CHANGES.c.person_id)))
    noted, everyone = session.execute(select(func.count(), func.count() - func.count(NOTED.c.person_id))).one()
    open_rows = session.execute(select(func.count()).select_from(ROWS).where(ROWS.c.removed_in.is_(None))).scalar()
    if everyone or noted * COMPARE_ALL_BEYOND > open_rows:
        return NOTED, None
    fresh_table(session, SCOPE)
    session.execute(insert(SCOPE).from_select(["person_id"], select(NOTED.c.person_id).distinct()))
    return NOTED, SCOPE


def _counts(session, residents, compared) -> tuple:
    """({village: residents}, {village: residents joining}, {village: open rows closing}) of the villages
    whose rows were compared (`compared`: the condition on a row of the people compared, None for all).

    A resident unchanged (`sent`) keeps the open row of their village, so the rows a village closes are its
    compared open rows less its unchanged residents, and its size its open rows less those closing plus those
    joining: counted from the open rows' index, not row by row."""
    joined, kept = {}, {}
    for village, size, unchanged in session.execute(
            select(residents.c.village_code, func.count(), func.count(residents.c.sent))
            .group_by(residents.c.village_code)):
        joined[village], kept[village] = size - unchanged, unchanged
    open_now = ROWS.c.removed_in.is_(None)
    held = dict(session.execute(select(ROWS.c.village_code, func.count()).where(open_now)
                                .group_by(ROWS.c.village_code)).all())
    compared_rows = held if compared is None else dict(session.execute(
        select(ROWS.c.village_code, func.count()).where(open_now, compared).group_by(ROWS.c.village_code)).all())
    closed = {village: count - kept.get(village, 0) for village, count in compared_rows.items()}
    sizes = {village: held.get(village, 0) - closed.get(village, 0) + joined.get(village, 0)
             for village in held.keys() | joined.keys()}
    return sizes, joined, closed


def _new_versions(session, changed: dict, sizes: dict, now) -> list:
    latest = {row.village_code: row for row in session.execute(
        select(VERSIONS.c.village_code, VERSIONS.c.version, VERSIONS.c.chain).order_by(VERSIONS.c.id))}
    rows = []
    for village in sorted(changed):
        previous, size, delta = latest.get(village), sizes.get(village, 0), changed[village]
        full = previous is None or previous.chain + delta > WHOLE_AFTER * size
        rows.append({"village_code": village, "version": previous.version + 1 if previous else 1,
                     "created_at": now, "size": size, "added": 0, "removed": 0, "full": full,
                     "chain": size if full else previous.chain + delta})
    session.execute(insert(VERSIONS), rows)
    made = {(row.village_code, row.version): row.id for start in range(0, len(rows), CHUNK)
            for row in session.execute(select(VERSIONS.c.id, VERSIONS.c.village_code, VERSIONS.c.version).where(
                VERSIONS.c.village_code.in_([row["village_code"] for row in rows[start:start + CHUNK]])))}
    return [{"id": made[(row["village_code"], row["version"])], "village_code": row["village_code"],
             "full": row["full"]} for row in rows]


def _drop_superseded(session, whole_versions: list) -> None:
    """Older versions' feed entries are never needed again once a whole version is out: pull it instead."""
    for version in whole_versions:
        older = [str(ident) for ident in session.execute(select(VERSIONS.c.id).where(
            VERSIONS.c.village_code == version["village_code"], VERSIONS.c.id < version["id"])).scalars()]
        for start in range(0, len(older), CHUNK):
            session.execute(delete(FeedEntry.__table__).where(FeedEntry.kind == "population",
                                                              FeedEntry.ref.in_(older[start:start + CHUNK])))


# Reading versions --------------------------------------------------------------------------------

def _rows_of(session, condition) -> list:
    """The current values of the residents whose rows meet `condition` (values are read when pulled: a row
    changed again since is sent again by a later version, so a laptop ends with the latest)."""
    person_ids = [row.person_id for row in session.execute(select(ROWS.c.person_id).where(condition))]
    found = {}
    for start in range(0, len(person_ids), CHUNK):
        query = _residents().where(Person.__table__.c.id.in_(person_ids[start:start + CHUNK]))
        found |= {row.nik: _values(row) for row in session.execute(query)}
    # Household by household: the values a household's members share sit side by side and compress well.
    return sorted(found.values(), key=lambda row: (row[8] is None, int(row[8] or 0), row[0]))


def version_data(session, version: PopulationVersion) -> dict:
    """What laptops get for one version: the rows that joined or changed and the NIKs that left, or all."""
    in_village = ROWS.c.village_code == version.village_code
    if version.full:
        alive = and_(in_village, ROWS.c.added_in <= version.id,
                     or_(ROWS.c.removed_in.is_(None), ROWS.c.removed_in > version.id))
        added, removed = _rows_of(session, alive), []
    else:
        added = _rows_of(session, and_(in_village, ROWS.c.added_in == version.id))
        again = {row[0] for row in added}
        removed = sorted({nik for nik in session.execute(select(ROWS.c.nik).where(
            in_village, ROWS.c.removed_in == version.id)).scalars()} - again)
    return {"village_code": version.village_code, "version": version.version,
            "base_version": 0 if version.full else version.version - 1, "size": version.size,
            "added": {name: [row[index] for row in added] for index, name in enumerate(COLUMNS)}, "removed": removed}


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "population": {version id: entry}."""
    versions = session.execute(select(PopulationVersion).where(PopulationVersion.id.in_([int(r) for r in refs])))
    return {str(v.id): {"kind": "population", "table": "resident", "id": str(v.id), "data": version_data(session, v)}
            for v in versions.scalars()}
