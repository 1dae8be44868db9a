"""Enrolled and paid, beside listed: the memberships of the monthly report's programmes and coverage sections.

- `enrolled`: memberships in force on the month's last day (started by then, not ended before it);
- `paid`: of those, the ones the month's payment files paid for that month (a contribution paid for the
  member or a benefit disbursed to them; docs/payments.md);
- per guarantee: the memberships of its programmes, enrolled and paid. These count memberships, not
  people: someone holding two programmes of one guarantee counts twice (rare: one health insurance
  each), and a household programme's membership (BPNT, PKH) counts its holder where `covered` counts
  the whole household.

Memberships are counted in the village the membership was made for (`memberships.village_code`), read
through the index on (village, programme, start, end): a district's 2.3 million memberships are one scan
of that index, a village's a range of it (docs/performance.md, "Monthly report").
"""

from collections import defaultdict

from sqlalchemy import and_, case, exists, func, or_, select

from hub_server.models.payments import Membership, Payment
from hub_server.services.reports.period import Area, Period
from hub_server.services.reports.population import in_area


def in_force(period: Period):
    """Memberships that hold on the month's last day."""
    return and_(Membership.start_date <= period.last_day,
                or_(Membership.end_date.is_(None), Membership.end_date >= period.last_day))


def paid_for(period: Period):
    """Memberships some payment of the month paid for (an amount above nothing)."""
    return exists().where(Payment.membership_id == Membership.id, Payment.period == period.first_day,
                          Payment.amount > 0)


def count(session, area: Area, period: Period, catalogue: list, target: dict) -> dict:
    """Add `target[village][(programme, "enrolled" | "paid")]` and the same per guarantee (see the module)."""
    guarantees = {p["code"]: p["guarantee"] for p in catalogue}
    rows = session.execute(select(Membership.village_code, Membership.programme_code, func.count(),
                                  func.sum(case((paid_for(period), 1), else_=0)))
                           .where(in_force(period), in_area(Membership.village_code, area))
                           .group_by(Membership.village_code, Membership.programme_code))
    for village, code, enrolled, paid in rows:
        if village is None:
            continue
        figures = target.setdefault(village, defaultdict(int))
        for key in (code, guarantees.get(code)):
            if key:
                figures[(key, "enrolled")] += enrolled
                figures[(key, "paid")] += int(paid or 0)
    return target
