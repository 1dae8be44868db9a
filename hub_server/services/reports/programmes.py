"""Lists, applications, coverage per guarantee and the benefit budget the lists imply, per village.

A programme's **pre-identified** people are the open entries of its published lists (what the
villages hold): `listed`, `awaiting` (listed while a village's registration awaits verification)
and `proposed` (eligible but awaiting verification, outside the quota). A household programme's
entry stands for the household, under its head. **Enrolment** (a membership that follows an
approved application) and payment are counted in `enrolment.py`.

Open entries and coverage are read from the counts the matching run keeps when it publishes the lists
(`services/coverage_counts.py`: a few thousand rows instead of every entry and person); on a hub whose
latest run kept none (upgraded since), they are counted from the entries and people as the report is made.
"""

from collections import defaultdict

from sqlalchemy import Integer, and_, case, func, literal, select, union_all
from sqlalchemy.orm import aliased

from hub_server.models.population import Person
from hub_server.models.programmes import (
    Application,
    CoverageCount,
    ListCount,
    ListEntry,
    ListVersion,
    MatchingRun,
    Programme,
)
from hub_server.models.records import ReceivedChangeSet, Record
from hub_server.services.reports.period import Area, Period
from hub_server.services.reports.population import GUARANTEES, TARGETS, age_group, in_area, living

COUNTED = ("listed", "awaiting")  # on the list: what a budget pays for and coverage counts
# Who each guarantee of the Social Protection Floor is for: the age groups of its target population.
YEARLY = {"once": 1, "monthly": 12, "quarterly": 4, "yearly": 1}


def catalogue(session) -> list[dict]:
    """The active programmes as the report reads them: code, names, guarantee, unit, benefit amount and period."""
    rows = session.execute(select(Programme).where(Programme.active.is_(True)).order_by(Programme.code)).scalars()
    return [{"code": p.code, "name": p.name, "name_en": p.record.get("name_en") or p.name, "guarantee": p.guarantee,
             "unit": (p.matching or {}).get("unit", "person"), "amount": p.record.get("benefit_amount"),
             "period": p.record.get("benefit_period"), "contribution": (p.matching or {}).get("contribution")}
            for p in rows]


def _merge(target: dict, rows, names) -> dict:
    """Add rows of (village, programme, *counts) to `target[village][(programme, name)]`."""
    for village, code, *counts in rows:
        if village is None or code is None:
            continue
        figures = target.setdefault(village, defaultdict(int))
        for name, count in zip(names, counts, strict=True):
            figures[(code, name)] += int(count or 0)
    return target


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))


def counts_kept(session) -> bool:
    """Whether the latest matching run kept the lists' counts (a run since revision 0016 of the schema)."""
    summary = session.scalar(select(MatchingRun.summary).where(MatchingRun.status == "done")
                             .order_by(MatchingRun.id.desc()).limit(1))
    return bool((summary or {}).get("counts"))


def open_entries(session, area: Area | None):
    """Rows (village, programme, status, count) of the open list entries of the area's villages (every
    village when `area` is None), counted from the entries."""
    codes = select(Programme.code).scalar_subquery()  # lets the index on (programme, village, removed_in) serve
    return session.execute(select(ListEntry.village_code, ListEntry.programme_code, ListEntry.status, func.count())
                           .where(ListEntry.programme_code.in_(codes), in_area(ListEntry.village_code, area),
                                  ListEntry.removed_in.is_(None))
                           .group_by(ListEntry.village_code, ListEntry.programme_code, ListEntry.status))


def _kept_entries(session, area: Area):
    codes = select(Programme.code).scalar_subquery()
    return session.execute(select(ListCount.village_code, ListCount.programme_code, ListCount.status,
                                  ListCount.entries)
                           .where(ListCount.programme_code.in_(codes), in_area(ListCount.village_code, area)))


def lists(session, area: Area, period: Period, target: dict) -> dict:
    """Open list entries by status, and entries the month's list versions added and removed."""
    rows = _kept_entries(session, area) if counts_kept(session) else open_entries(session, area)
    for village, code, status, count in rows:
        target.setdefault(village, defaultdict(int))[(code, status)] += count
    # Each version counts the entries it added and removed: the same figures as the entries, read from a few
    # hundred rows instead of the entries of every list published in the month.
    rows = session.execute(select(ListVersion.village_code, ListVersion.programme_code, func.sum(ListVersion.added),
                                  func.sum(ListVersion.removed))
                           .where(in_area(ListVersion.village_code, area), ListVersion.created_at >= period.start,
                                  ListVersion.created_at < period.end)
                           .group_by(ListVersion.village_code, ListVersion.programme_code))
    _merge(target, rows, ["added", "removed"])
    return target


def applications(session, area: Area, period: Period, target: dict) -> dict:
    """Applications received in the month, decided in it, open now, and kept without counting."""
    counted = Application.problem.is_(None)
    received = (select(Record.id).join(ReceivedChangeSet, and_(ReceivedChangeSet.device_id == Record.created_by,
                                                               ReceivedChangeSet.seq == Record.created_seq))
                .where(Record.table_name == "application", in_area(Record.village_code, area),
                       ReceivedChangeSet.received_at >= period.start, ReceivedChangeSet.received_at < period.end))
    decided_in_month = and_(Application.status_date >= period.first_day, Application.status_date <= period.last_day)
    figures = {"applied": _count_if(and_(counted, Application.record_id.in_(received))),
               "approved": _count_if(and_(counted, Application.status == "approved", decided_in_month)),
               "rejected": _count_if(and_(counted, Application.status == "rejected", decided_in_month)),
               "open": _count_if(and_(counted, Application.status.in_(("pre_identified", "applied")))),
               "approved_total": _count_if(and_(counted, Application.status == "approved")),
               "not_counted": _count_if(~counted)}
    rows = session.execute(select(Application.village_code, Application.programme_code, *figures.values())
                           .where(in_area(Application.village_code, area))
                           .group_by(Application.village_code, Application.programme_code))
    return _merge(target, rows, list(figures))


def covered_bits(area: Area | None, programmes: list):
    """A subquery (person_id, bits): bit i set when a list of guarantee i (`population.GUARANTEES`) covers the
    person: an open entry listed or awaiting verification, on a person list or, for a household list, of the
    person's household. None when no programme has a list."""
    parts = [part for index, guarantee in enumerate(GUARANTEES)
             for part in _covering(area, [p for p in programmes if p["guarantee"] == guarantee], 1 << index)]
    if not parts:
        return None
    every = union_all(*parts).subquery("covering")
    return (select(every.c.person_id, func.sum(every.c.bit.distinct()).label("bits"))
            .group_by(every.c.person_id).subquery("covered"))


def coverage(session, area: Area, period: Period, programmes: list, target: dict) -> dict:
    """Residents of each guarantee's target group whom its lists cover, per village: as the matching run counted
    them when it published the lists (ages on the list date), else counted now (ages on the month's last day)."""
    if counts_kept(session):
        found = session.execute(select(CoverageCount.village_code, CoverageCount.guarantee, CoverageCount.people)
                                .where(in_area(CoverageCount.village_code, area)))
        found = {(village, guarantee): people for village, guarantee, people in found}
    else:
        found = covered_people(session, area, period.last_day, programmes)
    for (village, guarantee), people in found.items():
        target.setdefault(village, defaultdict(int))[(guarantee, "covered")] += people
    return target


def covered_people(session, area: Area | None, on, programmes: list) -> dict:
    """{(village, guarantee): residents of its target group (ages on `on`) whom its lists cover}, for the area's
    villages (every village when `area` is None): the covered people are read from the lists, then each once
    from `people` for their village and age group."""
    covered = covered_bits(area, programmes)
    if covered is None:
        return {}
    group = age_group(on)
    rows = session.execute(select(Person.village_code, group, covered.c.bits, func.count())
                           .join(Person, Person.id == covered.c.person_id)
                           .where(in_area(Person.village_code, area), living())
                           .group_by(Person.village_code, group, covered.c.bits))
    found = defaultdict(int)
    for village, age, bits, count in rows:
        for index, guarantee in enumerate(GUARANTEES):
            if village is not None and int(bits) >> index & 1 and age in TARGETS[guarantee]:
                found[(village, guarantee)] += count
    return found


def _covering(area: Area | None, programmes: list, bit: int) -> list:
    """Selects of (person_id, bit) for the people one guarantee's lists of the area cover."""
    people = [p["code"] for p in programmes if p["unit"] != "household"]
    households = [p["code"] for p in programmes if p["unit"] == "household"]
    # The lists of the area's villages: a household list's members live with its head.
    open_entry = and_(ListEntry.removed_in.is_(None), ListEntry.status.in_(COUNTED),
                      in_area(ListEntry.village_code, area))
    flag = literal(bit, Integer).label("bit")
    parts = []
    if people:
        parts.append(select(ListEntry.person_id, flag).where(ListEntry.programme_code.in_(people), open_entry))
    if households:
        head, member = aliased(Person), aliased(Person)
        parts.append(select(member.id.label("person_id"), flag).join(head, head.household_id == member.household_id)
                     .join(ListEntry, ListEntry.person_id == head.id)
                     .where(ListEntry.programme_code.in_(households), open_entry, head.household_id.is_not(None)))
        parts.append(select(ListEntry.person_id, flag).where(ListEntry.programme_code.in_(households), open_entry))
    return parts


def budget(programme: dict, beneficiaries: int) -> dict:
    """The benefit budget a list implies: amount x beneficiaries per period, and for a year."""
    amount, period = programme["amount"], programme["period"]
    if amount is None or period not in YEARLY:
        return {"amount": None, "period": period, "beneficiaries": beneficiaries, "per_period": None, "yearly": None}
    per_period = amount * beneficiaries
    return {"amount": amount, "period": period, "beneficiaries": beneficiaries, "per_period": per_period,
            "yearly": per_period * YEARLY[period]}

