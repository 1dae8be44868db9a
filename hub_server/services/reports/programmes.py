"""Lists, applications, coverage per guarantee and the benefit budget the lists imply, per village.

A programme's **pre-identified** people are the open entries of its published lists (what the
villages hold): `listed`, `awaiting` (listed while a village's registration awaits verification)
and `proposed` (eligible but awaiting verification, outside the quota). A household programme's
entry stands for the household, under its head. **Enrolment** (a membership that follows an
approved application) is not recorded by the hub yet: the report says so instead of a figure.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, case, func, select, union
from sqlalchemy.orm import aliased

from hub_server.models.population import Person
from hub_server.models.programmes import Application, ListEntry, ListVersion, Programme
from hub_server.models.records import ReceivedChangeSet, Record
from hub_server.services.reports.period import Area, Period
from hub_server.services.reports.population import in_area, people_in
from schemas.choices import values

COUNTED = ("listed", "awaiting")  # on the list: what a budget pays for and coverage counts
AGE_GROUPS = ("child", "working_age", "old_age")
# Who each guarantee of the Social Protection Floor is for: the age groups of its target population.
TARGETS = {"health": AGE_GROUPS, "children": ("child",), "working_age": ("working_age",), "old_age": ("old_age",)}
YEARLY = {"once": 1, "monthly": 12, "quarterly": 4, "yearly": 1}


def catalogue(session) -> list[dict]:
    """The active programmes as the report reads them: code, names, guarantee, unit, benefit amount and period."""
    rows = session.execute(select(Programme).where(Programme.active.is_(True)).order_by(Programme.code)).scalars()
    return [{"code": p.code, "name": p.name, "name_en": p.record.get("name_en") or p.name, "guarantee": p.guarantee,
             "unit": (p.matching or {}).get("unit", "person"), "amount": p.record.get("benefit_amount"),
             "period": p.record.get("benefit_period")} for p in rows]


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


def lists(session, area: Area, period: Period, target: dict) -> dict:
    """Open list entries by status, and entries the month's list versions added and removed."""
    statuses = ("listed", "awaiting", "proposed")
    codes = select(Programme.code).scalar_subquery()  # lets the index on (programme, village, removed_in) serve
    rows = session.execute(select(ListEntry.village_code, ListEntry.programme_code,
                                  *[_count_if(ListEntry.status == status) for status in statuses])
                           .where(ListEntry.programme_code.in_(codes), in_area(ListEntry.village_code, area),
                                  ListEntry.removed_in.is_(None))
                           .group_by(ListEntry.village_code, ListEntry.programme_code))
    _merge(target, rows, statuses)
    versions = select(ListVersion.id).where(in_area(ListVersion.village_code, area),
                                            ListVersion.created_at >= period.start, ListVersion.created_at < period.end)
    for name, column in (("added", ListEntry.added_in), ("removed", ListEntry.removed_in)):
        rows = session.execute(select(ListEntry.village_code, ListEntry.programme_code, func.count())
                               .where(in_area(ListEntry.village_code, area), column.in_(versions))
                               .group_by(ListEntry.village_code, ListEntry.programme_code))
        _merge(target, rows, [name])
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
    return and_(Person.died_on.is_(None), Person.moved_to.is_(None), Person.verification != "refused")


def age_groups(session, area: Area, period: Period, target: dict) -> dict:
    """Residents per age group on the month's last day: the target populations of the guarantees."""
    group = age_group(period.last_day)
    rows = session.execute(select(Person.village_code, group, func.count())
                           .where(people_in(area), living())
                           .group_by(Person.village_code, group))
    for village, name, count in rows:
        if village is not None and name is not None:
            target.setdefault(village, defaultdict(int))[("age", name)] += count
    return target


def coverage(session, area: Area, period: Period, programmes: list, target: dict) -> dict:
    """People of each guarantee's target group on a list of one of its programmes (household lists cover
    every member of the household), per village and age group."""
    group = age_group(period.last_day)
    for guarantee in values("guarantee"):
        covered = _covered(area, [p for p in programmes if p["guarantee"] == guarantee])
        if covered is None:
            continue
        rows = session.execute(select(Person.village_code, group, func.count())
                               .where(people_in(area), living(), Person.id.in_(covered))
                               .group_by(Person.village_code, group))
        for village, name, count in rows:
            if village is not None and name in TARGETS[guarantee]:
                target.setdefault(village, defaultdict(int))[(guarantee, "covered")] += count
    return target


def _covered(area: Area, programmes: list):
    """The people a guarantee's lists cover (person ids, maybe repeated: read with IN); None without lists."""
    people = [p["code"] for p in programmes if p["unit"] != "household"]
    households = [p["code"] for p in programmes if p["unit"] == "household"]
    # The lists of the area's villages: a household list's members live with its head.
    open_entry = and_(ListEntry.removed_in.is_(None), ListEntry.status.in_(COUNTED),
                      in_area(ListEntry.village_code, area))
    parts = []
    if people:
        parts.append(select(ListEntry.person_id).where(ListEntry.programme_code.in_(people), open_entry))
    if households:
        head, member = aliased(Person), aliased(Person)
        parts.append(select(member.id).join(head, head.household_id == member.household_id)
                     .join(ListEntry, ListEntry.person_id == head.id)
                     .where(ListEntry.programme_code.in_(households), open_entry, head.household_id.is_not(None)))
        parts.append(select(ListEntry.person_id).where(ListEntry.programme_code.in_(households), open_entry))
    if not parts:
        return None
    return union(*parts) if len(parts) > 1 else parts[0]


def budget(programme: dict, beneficiaries: int) -> dict:
    """The benefit budget a list implies: amount x beneficiaries per period, and for a year."""
    amount, period = programme["amount"], programme["period"]
    if amount is None or period not in YEARLY:
        return {"amount": None, "period": period, "beneficiaries": beneficiaries, "per_period": None, "yearly": None}
    per_period = amount * beneficiaries
    return {"amount": amount, "period": period, "beneficiaries": beneficiaries, "per_period": per_period,
            "yearly": per_period * YEARLY[period]}

