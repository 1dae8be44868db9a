"""Residents, households, registrations by source and verification, counted per village.

Every function returns `{village_code: {figure: count}}` for the villages of an area, so that the
report sums them for the area and for each sub-district or village inside it with the same numbers.

Stock figures (residents, households, awaiting verification) are as the hub holds them when the
report is made: the hub keeps current values, not their history. Flow figures count what is dated in
the month: an import finished in it, a village's change-set received in it, a verification decided in it.
"""

from collections import defaultdict

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from hub_server.models.population import Household, HouseholdKk, ImportBatch, Person
from hub_server.models.records import ReceivedChangeSet, Record, RecordEdit
from hub_server.services.reports.period import Area, Period

EXTRACTS = ("ektp", "kk", "welfare", "census")
VERIFICATIONS = ("source", "awaiting", "confirmed", "refused")


def people_in(area: Area):
    """People of the area's villages. Naming every verification status lets both databases read a village's
    people from the index on (verification, village_code): `people` has no index on the village alone, on
    purpose (docs/performance.md, "Monthly report")."""
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


def in_area(column, area: Area):
    """The rows of the area's villages: one code for a village (an index lookup), a range of codes otherwise."""
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


def residents(session, area: Area, period: Period, target: dict) -> dict:
    """Residents (living, in the district, not refused) by verification status; deaths and moves out."""
    alive = and_(Person.died_on.is_(None), Person.moved_to.is_(None))
    figures = {"residents": _count_if(and_(alive, Person.verification != "refused")),
               "verified_source": _count_if(and_(alive, Person.verification == "source")),
               "awaiting": _count_if(and_(alive, Person.verification == "awaiting")),
               "confirmed": _count_if(and_(alive, Person.verification == "confirmed")),
               "refused": _count_if(Person.verification == "refused"),
               "died": _count_if(Person.died_on.is_not(None)),
               "moved_out": _count_if(Person.moved_to.is_not(None))}
    rows = session.execute(select(Person.village_code, *figures.values()).where(people_in(area))
                           .group_by(Person.village_code))
    merge(target, rows, list(figures))
    rows = session.execute(select(Household.village_code, func.count()).where(in_area(Household.village_code, area))
                           .group_by(Household.village_code))
    return merge(target, rows, ["households"])


def month_batches(session, period: Period) -> dict:
    """{batch id: source} of the imports that finished in the month."""
    rows = session.execute(select(ImportBatch.id, ImportBatch.source).where(
        ImportBatch.status == "done", ImportBatch.finished_at >= period.start, ImportBatch.finished_at < period.end))
    return {batch_id: source for batch_id, source in rows if source in EXTRACTS}


def extracts(session, area: Area, batches: dict, target: dict) -> dict:
    """People an extract of the month added or changed (by source), households whose card or decile it gave."""
    for source in EXTRACTS:
        ids = [batch_id for batch_id, name in batches.items() if name == source]
        if not ids:
            continue
        rows = session.execute(select(Person.village_code, func.count()).where(
            people_in(area), Person.batch_id.in_(ids)).group_by(Person.village_code))
        merge(target, rows, [f"people_{source}"])
        if source == "kk":
            carded = select(HouseholdKk.household_id).where(HouseholdKk.household_id == Household.id,
                                                            HouseholdKk.batch_id.in_(ids)).exists()
            rows = session.execute(select(Household.village_code, func.count()).where(
                in_area(Household.village_code, area), carded).group_by(Household.village_code))
            merge(target, rows, ["households_kk"])
        if source == "welfare":
            rows = session.execute(select(Household.village_code, func.count()).where(
                in_area(Household.village_code, area), Household.decile_batch_id.in_(ids))
                .group_by(Household.village_code))
            merge(target, rows, ["households_welfare"])
    return target


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


def verification(session, area: Area, period: Period, target: dict) -> dict:
    """Residents villages registered in the month whom no extract held (where they live now), and verifications
    decided in the month."""
    joined = (select(Person.village_code, func.count())
              .where(people_in(area), Person.registered_at >= period.start, Person.registered_at < period.end)
              .group_by(Person.village_code))
    merge(target, session.execute(joined), ["joined"])
    in_month = and_(Person.verified_at >= period.start, Person.verified_at < period.end)
    by_extract = Person.verified_by.startswith("import:")
    decided = (select(Person.village_code,
                      _count_if(and_(Person.verification == "confirmed", ~by_extract)),
                      _count_if(Person.verification == "refused"),
                      _count_if(and_(Person.verification == "source", by_extract)))
               .where(people_in(area), in_month).group_by(Person.village_code))
    return merge(target, session.execute(decided), ["confirmed_in_month", "refused_in_month", "verified_by_extract"])


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
