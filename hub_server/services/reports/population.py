"""Residents, households, registrations by source and verification, counted per village.

Every function adds to `{village_code: {figure: count}}` for the villages of an area, so that the
report sums them for the area and for each sub-district or village inside it with the same numbers.
Every figure about people is counted in one pass over the area's people (`count_people`).

Stock figures (residents, households, awaiting verification) are as the hub holds them when the
report is made: the hub keeps current values, not their history. Flow figures count what is dated in
the month: an import finished in it, a village's change-set received in it, a verification decided in it.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, case, func, literal, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from hub_server.models.population import Household, HouseholdKk, ImportBatch, Person
from hub_server.models.records import ReceivedChangeSet, Record, RecordEdit
from hub_server.services.reports.period import Area, Period
from schemas.choices import values

EXTRACTS = ("ektp", "kk", "welfare", "census")
AGE_GROUPS = ("child", "working_age", "old_age")
GUARANTEES = values("guarantee")  # bit i of a person's `bits`: covered by a list of guarantee i
# Who each guarantee of the Social Protection Floor is for: the age groups of its target population.
TARGETS = {"health": AGE_GROUPS, "children": ("child",), "working_age": ("working_age",), "old_age": ("old_age",)}
VERIFICATIONS = ("source", "awaiting", "confirmed", "refused")


def people_in(area: Area):
    """People of the area's villages. For a village or a sub-district, naming every verification status lets
    both databases read the area's people from the index on (verification, village_code): `people` has no
    index on the village alone, on purpose. A district reads the whole table in one scan, which is faster
    than the index and a lookup per person (docs/performance.md, "Monthly report")."""
    if area.level == "district":
        return in_area(Person.village_code, area)
    return and_(Person.verification.in_(VERIFICATIONS), in_area(Person.village_code, area))


class _CodeKey(FunctionElement):
    """A region code compared byte by byte: on PostgreSQL `COLLATE "C"`, since a language's collation may
    skip the dots that the range below relies on; SQLite compares bytes already."""

    inherit_cache = True
    name = "code_key"


@compiles(_CodeKey)
def _code_key(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(_CodeKey, "postgresql")
def _code_key_postgresql(element, compiler, **kw):
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'


def in_area(column, area: Area | None):
    """The rows of the area's villages: one code for a village (an index lookup), a range of codes otherwise;
    every row when `area` is None (the counts the matching run keeps for every village)."""
    if area is None:
        return true()
    if area.level == "village":
        return column == area.code
    low, high = area.bounds()
    key = _CodeKey(column)
    return and_(key >= low, key < high)


def merge(target: dict, rows, names) -> dict:
    """Add rows of (village_code, *counts) to `target[village][name]`."""
    for village, *counts in rows:
        if village is None:
            continue
        figures = target.setdefault(village, defaultdict(int))
        for name, count in zip(names, counts, strict=True):
            figures[name] += int(count or 0)
    return target


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))


def age_group(on: dt.date):
    """A CASE giving each person's age group on `on`: child (under 18), working_age (18-59), old_age (60+)."""
    adult, old = _years_before(on, 18), _years_before(on, 60)
    return case((Person.birth_date > adult, "child"), (Person.birth_date > old, "working_age"),
                (Person.birth_date.is_not(None), "old_age"), else_=None)


def _years_before(on: dt.date, years: int) -> dt.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def living():
    """Residents: alive, in the district, registration not refused."""
    return and_(Person.died_on.is_(None), Person.moved_to.is_(None), Person.verification != "refused")


def _counts(period: Period, batches: dict) -> dict:
    """{figure: COUNT(*) FILTER (WHERE ...)}: residents by verification status, deaths and moves out, residents
    villages registered in the month whom no extract held (where they live now), verifications decided in the
    month, people an extract of the month last added or changed (by source), residents per age group on the
    month's last day."""
    alive = and_(Person.died_on.is_(None), Person.moved_to.is_(None))
    decided = and_(Person.verified_at >= period.start, Person.verified_at < period.end)
    by_extract = Person.verified_by.startswith("import:")
    group = age_group(period.last_day)
    counts = {"residents": living(),
              **{name: and_(alive, Person.verification == status) for name, status in
                 (("verified_source", "source"), ("awaiting", "awaiting"), ("confirmed", "confirmed"))},
              "refused": Person.verification == "refused",
              "died": Person.died_on.is_not(None), "moved_out": Person.moved_to.is_not(None),
              "joined": and_(Person.registered_at >= period.start, Person.registered_at < period.end),
              "confirmed_in_month": and_(decided, Person.verification == "confirmed", ~by_extract),
              "refused_in_month": and_(decided, Person.verification == "refused"),
              "verified_by_extract": and_(decided, Person.verification == "source", by_extract),
              **{("age", name): and_(living(), group == name) for name in AGE_GROUPS}}
    for source in EXTRACTS:
        ids = [batch_id for batch_id, name in batches.items() if name == source]
        if ids:
            counts[f"people_{source}"] = Person.batch_id.in_(ids)
    return {name: func.count().filter(condition) for name, condition in counts.items()}


def count_people(session, area: Area, period: Period, batches: dict, target: dict) -> dict:
    """Every figure about people in one pass over the area's people, per village: each figure is a condition
    per person, so a district's report reads 2.7 million rows once (docs/performance.md, "Monthly report")."""
    counts = _counts(period, batches)
    rows = session.execute(select(Person.village_code, *counts.values()).where(people_in(area))
                           .group_by(Person.village_code))
    return merge(target, rows, list(counts))


def count_ages(session, area: Area, period: Period, target: dict) -> dict:
    """Residents per age group on the month's last day, per village: the guarantees' target groups alone, for the
    dashboard (a third of the time of `count_people` on a district)."""
    group = age_group(period.last_day)
    rows = session.execute(select(Person.village_code, group, func.count()).where(people_in(area), living())
                           .group_by(Person.village_code, group))
    for village, name, count in rows:
        if village is not None and name is not None:
            target.setdefault(village, defaultdict(int))[("age", name)] += count
    return target


def households(session, area: Area, batches: dict, target: dict) -> dict:
    """Households, and those whose family card (`kk`) or decile (`welfare`) an extract of the month gave."""
    cards = [batch_id for batch_id, name in batches.items() if name == "kk"] or [-1]
    deciles = [batch_id for batch_id, name in batches.items() if name == "welfare"] or [-1]
    carded = select(HouseholdKk.household_id).where(HouseholdKk.household_id == Household.id,
                                                    HouseholdKk.batch_id.in_(cards)).exists()
    # Without an import of the source in the month there is nothing to look for in each household.
    rows = session.execute(select(Household.village_code, func.count(),
                                  _count_if(carded) if cards != [-1] else literal(0),
                                  _count_if(Household.decile_batch_id.in_(deciles)) if deciles != [-1] else literal(0))
                           .where(in_area(Household.village_code, area)).group_by(Household.village_code))
    return merge(target, rows, ["households", "households_kk", "households_welfare"])


def month_batches(session, period: Period) -> dict:
    """{batch id: source} of the imports that finished in the month."""
    rows = session.execute(select(ImportBatch.id, ImportBatch.source).where(
        ImportBatch.status == "done", ImportBatch.finished_at >= period.start, ImportBatch.finished_at < period.end))
    return {batch_id: source for batch_id, source in rows if source in EXTRACTS}


def village_records(session, area: Area, period: Period, target: dict) -> dict:
    """Person and household records villages sent in the month: new ones, and existing ones edited."""
    received = and_(ReceivedChangeSet.received_at >= period.start, ReceivedChangeSet.received_at < period.end)
    kinds = ("person", "household")
    new = (select(Record.village_code, *[_count_if(Record.table_name == kind) for kind in kinds])
           .join(ReceivedChangeSet, and_(ReceivedChangeSet.device_id == Record.created_by,
                                         ReceivedChangeSet.seq == Record.created_seq))
           .where(in_area(Record.village_code, area), Record.table_name.in_(kinds), received)
           .group_by(Record.village_code))
    merge(target, session.execute(new), ["person_records_new", "household_records_new"])
    # Edited in the month: an edit of the record came with a change-set received in the month. A record
    # created in the month and edited in it too is counted once, as new.
    edited = (select(RecordEdit.id).join(ReceivedChangeSet, and_(
        ReceivedChangeSet.device_id == RecordEdit.device_id, ReceivedChangeSet.seq == RecordEdit.seq))
        .where(RecordEdit.record_id == Record.id, received).exists())
    created_in_month = select(ReceivedChangeSet.seq).where(
        ReceivedChangeSet.device_id == Record.created_by, ReceivedChangeSet.seq == Record.created_seq,
        received).exists()
    updated = (select(Record.village_code, *[_count_if(Record.table_name == kind) for kind in kinds])
               .where(in_area(Record.village_code, area), Record.table_name.in_(kinds), edited, ~created_in_month)
               .group_by(Record.village_code))
    return merge(target, session.execute(updated), ["person_records_updated", "household_records_updated"])


def batch_totals(session, period: Period) -> list:
    """Each source's imports finished in the month with their rows (district-wide: an extract covers the district)."""
    rows = session.execute(select(ImportBatch.source, func.count(), func.sum(ImportBatch.rows_loaded),
                                  func.sum(ImportBatch.new), func.sum(ImportBatch.changed))
                           .where(ImportBatch.status == "done", ImportBatch.finished_at >= period.start,
                                  ImportBatch.finished_at < period.end).group_by(ImportBatch.source))
    found = {source: figures for source, *figures in rows}
    names = ("imports", "rows_loaded", "rows_new", "rows_changed")
    return [{"source": source, **{name: int(value or 0) for name, value in zip(names, found.get(source, (0,) * 4),
                                                                                strict=True)}}
            for source in EXTRACTS]
