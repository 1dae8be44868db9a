"""The synchronized population, sent down to the laptops of each village: versioned, only what changed.

A laptop needs its village's residents to find anyone by name or NIK and to update a resident the
sources already hold instead of registering them again. After each import and each matching run
(and on demand: `sws-hub population publish`), `publish` compares every village's residents with
what the last version sent them and, for each village where something changed, makes a new version:
one feed entry (kind "population", ref = the version id, village_code set) carrying only the rows
that joined or changed and the NIKs that left:

    {"village_code": "35.07.01.2001", "version": 3, "base_version": 2, "size": 6890,
     "added": {"nik": ["3507015505900001", ...], "name": ["Siti Aminah", ...], ...},
     "removed": ["3507011203850002"]}

Rows go by column (each column's values in one list), household by household: gzip then finds a
column's repeats close together, a third fewer bytes than rows of values (7,000 residents: 122 kB
against 174 kB).

A version goes out whole (`base_version` 0) the first time and when a new laptop would otherwise pull
more than twice the village's size to catch up (the last whole version and the deltas since, as for
lists, `services.lists`); older entries are dropped then. Residents are the people matching counts
(`resident_filter`, here because matching reads it too) with a NIK: a newborn without one is on the
laptop that registered them already. What a row holds is `COLUMNS`; a short hash of it
(`PopulationRow.fingerprint`) tells what changed, so a monthly re-import sends a few percent.
"""

import datetime as dt
import hashlib
import json

from sqlalchemy import and_, delete, insert, or_, select, update

from hub_server.models.population import Household, Person, PopulationRow, PopulationVersion
from hub_server.models.records import FeedEntry
from hub_server.services import record_store

ROWS, VERSIONS = PopulationRow.__table__, PopulationVersion.__table__
COLUMNS = ["nik", "name", "birth_place", "birth_date", "sex", "relationship", "marital_status", "occupation",
           "household", "kk_number", "address", "address_rt", "address_rw", "verification"]
WHOLE_AFTER = 2  # whole again once a new laptop would pull twice the village's size to catch up (as lists)
CHUNK = 900


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


def _current(session):
    """(person id, village, row) of every resident with a NIK, in village and person order (streamed)."""
    people = Person.__table__
    query = _residents().where(resident_filter(people), people.c.nik.is_not(None), people.c.village_code.is_not(None)) \
        .order_by(people.c.village_code, people.c.id)
    for row in session.execute(query.execution_options(yield_per=20000)):
        yield row.id, row.village_code, _values(row)


def fingerprint(values: list) -> str:
    return hashlib.blake2b(json.dumps(values, separators=(",", ":")).encode(), digest_size=8).hexdigest()


def publish(session, now: dt.datetime) -> dict:
    """Make the new version of every village whose residents changed, and put it in the feed; returns counts."""
    joining, closing, sizes = _compare(session)
    changed = {}
    for village in [row["village_code"] for row in joining] + [village for _, village, _ in closing]:
        changed[village] = changed.get(village, 0) + 1
    if not changed:
        return {"versions": 0, "added": 0, "removed": 0, "whole": 0}
    versions = _new_versions(session, changed, sizes, now)
    version_of = {version["village_code"]: version["id"] for version in versions}
    by_village = {}
    for row_id, village, _ in closing:
        by_village.setdefault(village, []).append(row_id)
    for village, ids in by_village.items():
        for start in range(0, len(ids), CHUNK):
            session.execute(update(ROWS).where(ROWS.c.id.in_(ids[start:start + CHUNK])).values(
                removed_in=version_of[village]))
    if joining:
        session.execute(insert(ROWS), [{**row, "added_in": version_of[row["village_code"]]} for row in joining])
    record_store.publish(session, [("population", str(version["id"]), version["village_code"])
                                   for version in versions])
    _drop_superseded(session, [version for version in versions if version["full"]])
    return {"versions": len(versions), "added": len(joining), "removed": len(closing),
            "whole": sum(version["full"] for version in versions)}


def _compare(session) -> tuple:
    """(rows to open, open rows to close, residents per village): the residents against what was sent.

    Both sides are read in (village, person) order and walked side by side, so a district of millions
    is compared without holding either side in memory. A person who moved village closes a row in the
    old one and opens one in the new."""
    sent = session.execute(select(ROWS.c.id, ROWS.c.person_id, ROWS.c.village_code, ROWS.c.fingerprint)
                           .where(ROWS.c.removed_in.is_(None)).order_by(ROWS.c.village_code, ROWS.c.person_id)
                           .execution_options(yield_per=20000))
    joining, closing, sizes = [], [], {}
    held = next(sent, None)
    for person_id, village, values in _current(session):
        sizes[village] = sizes.get(village, 0) + 1
        while held is not None and (held.village_code, held.person_id) < (village, person_id):
            closing.append((held.id, held.village_code, held.fingerprint))  # no longer a resident there
            held = next(sent, None)
        mark = fingerprint(values)
        if held is not None and (held.village_code, held.person_id) == (village, person_id):
            if held.fingerprint != mark:
                closing.append((held.id, held.village_code, held.fingerprint))
                joining.append({"village_code": village, "person_id": person_id, "nik": values[0],
                                "fingerprint": mark})
            held = next(sent, None)
        else:
            joining.append({"village_code": village, "person_id": person_id, "nik": values[0], "fingerprint": mark})
    while held is not None:  # died, moved out, refused, or gone from the sources
        closing.append((held.id, held.village_code, held.fingerprint))
        held = next(sent, None)
    return joining, closing, sizes


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
