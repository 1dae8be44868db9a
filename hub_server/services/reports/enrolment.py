"""Enrolled and paid, beside listed: the memberships of the monthly report's programmes and coverage sections.

- `enrolled`: memberships in force on the month's last day (started by then, not ended before it);
- `paid`: of those, the ones the month's payment files paid for that month (a contribution paid for the
  member or a benefit disbursed to them; docs/payments.md);
- per guarantee: the residents of its target group (ages on the month's last day) with a membership of
  one of its programmes in force, and those of them paid for the month. A membership belongs to one
  person: for a household programme (BPNT, PKH) that is the holder, so the guarantee's `enrolled`
  counts holders where `covered` counts the whole household.

Memberships are counted in the village the membership was made for (`memberships.village_code`).
"""

from collections import defaultdict

from sqlalchemy import Integer, and_, case, exists, func, literal, or_, select, union_all

from hub_server.models.payments import Membership, Payment
from hub_server.models.population import Person
from hub_server.services.reports.period import Area, Period
from hub_server.services.reports.population import GUARANTEES, TARGETS, age_group, in_area, living


def in_force(period: Period):
    """Memberships that hold on the month's last day."""
    return and_(Membership.start_date <= period.last_day,
                or_(Membership.end_date.is_(None), Membership.end_date >= period.last_day))


def paid_for(period: Period):
    """Memberships some payment of the month paid for (an amount above nothing)."""
    return exists().where(Payment.membership_id == Membership.id, Payment.period == period.first_day,
                          Payment.amount > 0)


def programmes(session, area: Area, period: Period, target: dict) -> dict:
    """Add `target[village][(programme, "enrolled")]` and `[(programme, "paid")]`."""
    held = in_force(period)
    rows = session.execute(select(Membership.village_code, Membership.programme_code, func.count(),
                                  func.sum(_one_if(paid_for(period))))
                           .where(held, in_area(Membership.village_code, area))
                           .group_by(Membership.village_code, Membership.programme_code))
    for village, code, enrolled, paid in rows:
        if village is None:
            continue
        figures = target.setdefault(village, defaultdict(int))
        figures[(code, "enrolled")] += enrolled
        figures[(code, "paid")] += int(paid or 0)
    return target


def _one_if(condition):
    return case((condition, 1), else_=0)


def coverage(session, area: Area, period: Period, catalogue: list, target: dict) -> dict:
    """Add `target[village][(guarantee, "enrolled")]` and `[(guarantee, "paid")]` (see the module)."""
    for figure, condition in (("enrolled", in_force(period)), ("paid", and_(in_force(period), paid_for(period)))):
        for (village, guarantee), people in _people(session, area, period, catalogue, condition).items():
            target.setdefault(village, defaultdict(int))[(guarantee, figure)] += people
    return target


def _people(session, area: Area, period: Period, catalogue: list, condition) -> dict:
    """{(village, guarantee): residents of its target group holding a membership of its programmes that meets
    `condition`}: each member's guarantees as bits, then each member once from `people`."""
    parts = [select(Membership.person_id, literal(1 << index, Integer).label("bit"))
             .where(Membership.programme_code.in_(codes), condition, in_area(Membership.village_code, area))
             for index, guarantee in enumerate(GUARANTEES)
             if (codes := [p["code"] for p in catalogue if p["guarantee"] == guarantee])]
    if not parts:
        return {}
    every = union_all(*parts).subquery("held")
    bits = (select(every.c.person_id, func.sum(every.c.bit.distinct()).label("bits"))
            .group_by(every.c.person_id).subquery("members"))
    group = age_group(period.last_day)
    rows = session.execute(select(Person.village_code, group, bits.c.bits, func.count())
                           .join(Person, Person.id == bits.c.person_id).where(living())
                           .group_by(Person.village_code, group, bits.c.bits))
    found = defaultdict(int)
    for village, age, held, count in rows:
        for index, guarantee in enumerate(GUARANTEES):
            if village is not None and int(held) >> index & 1 and age in TARGETS[guarantee]:
                found[(village, guarantee)] += count
    return found
