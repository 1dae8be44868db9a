"""Complaint statistics for any period: received, settled, share settled, days to settle, overdue now.

    found = statistics(session, actor, date_from=..., date_to=..., days=days_per_level, today=today)

Definitions (docs/complaints.md, "Statistics"):

- **received**: complaints whose date submitted lies in the period (both ends included);
- **settled**: of those, the ones resolved or closed now (as the hub derives their state from every event);
- **share settled**: settled / received, in percent;
- **days to settle**: calendar days from the date submitted to the date settled (the date resolved, or
  closed when closed without being resolved first); 0 for a complaint settled the day it came in. Mean
  and median over the settled complaints;
- **overdue**: of those received, the ones neither resolved nor closed that are past their current
  level's service standard today (`schemas.complaint_standards`, the desk's rule).

Grouped by category, programme, current level (where a settled complaint was settled), and area
(district, sub-district, village of the complaint). Every figure comes from the derived state the hub
keeps in `complaint_states` (`services/complaint_desk.refresh`): counts are grouped in SQL and the
days to settle read as a histogram (days, how many) per group, so a district's year is a handful of
small queries. Who sees what: an officer with an area, its complaints; a technical unit, its
programmes' complaints; everyone else, all.
"""

import datetime as dt
import statistics as stats
from dataclasses import dataclass

from sqlalchemy import and_, case, false, func, or_, select

from hub_server.models.complaints import ComplaintStateRow
from schemas.choices import values
from schemas.complaint_standards import overdue_since
from schemas.complaint_state import SETTLED

GROUPINGS = ("category", "programme", "level", "district", "sub_district", "village")
ROW = ComplaintStateRow
KEYS = {"category": ROW.category, "programme": ROW.programme_code, "level": ROW.level,
        "district": func.substr(ROW.village_code, 1, 5), "sub_district": func.substr(ROW.village_code, 1, 8),
        "village": ROW.village_code}
ORDER = {"category": values("complaint_category"), "level": values("escalation_level")}


@dataclass(frozen=True)
class Figures:
    """One group's figures; `key` is a category, programme code (None: no programme), level or area code."""

    key: str | None
    received: int
    settled: int
    overdue: int
    days: tuple = ()  # the days to settle of each settled complaint, ascending

    @property
    def share_settled(self) -> float | None:
        return 100.0 * self.settled / self.received if self.received else None

    @property
    def mean_days(self) -> float | None:
        return stats.fmean(self.days) if self.days else None

    @property
    def median_days(self) -> float | None:
        return float(stats.median(self.days)) if self.days else None


@dataclass(frozen=True)
class Statistics:
    date_from: dt.date | None
    date_to: dt.date | None
    today: dt.date
    groups: dict  # {grouping: [Figures]}
    total: Figures


def statistics(session, actor, *, date_from: dt.date | None, date_to: dt.date | None, days: dict,
               today: dt.date) -> Statistics:
    """The figures of the complaints `actor` may see received from `date_from` to `date_to` (either open)."""
    conditions = [_scope(actor), *_period(date_from, date_to)]
    overdue = _overdue(days, today)
    groups = {grouping: _grouped(session, grouping, conditions, overdue) for grouping in GROUPINGS}
    total = Figures(None, sum(f.received for f in groups["category"]), sum(f.settled for f in groups["category"]),
                    sum(f.overdue for f in groups["category"]),
                    tuple(sorted(day for f in groups["category"] for day in f.days)))
    return Statistics(date_from, date_to, today, groups, total)


def _grouped(session, grouping: str, conditions: list, overdue) -> list:
    key = KEYS[grouping]
    counts = select(key, func.count(), func.sum(case((ROW.status.in_(SETTLED), 1), else_=0)),
                    func.sum(case((overdue, 1), else_=0))).where(*conditions).group_by(key)
    histogram = (select(key, ROW.settle_days, func.count()).where(*conditions, ROW.settle_days.is_not(None))
                 .group_by(key, ROW.settle_days))
    days: dict = {}  # {group: [days to settle, each settled complaint once]}
    for found, value, many in session.execute(histogram):
        days.setdefault(found, []).extend([value] * many)
    rows = [Figures(found, received, int(settled or 0), int(late or 0), tuple(sorted(days.get(found, ()))))
            for found, received, settled, late in session.execute(counts)]
    order = ORDER.get(grouping)
    if order:
        return sorted(rows, key=lambda row: (order.index(row.key) if row.key in order else len(order), row.key or ""))
    return sorted(rows, key=lambda row: (row.key is None, row.key or ""))


def _scope(actor):
    if actor.role == "technical_unit":
        return ROW.programme_code.in_(actor.programmes or ("",))
    if actor.area:
        return or_(ROW.village_code == actor.area, ROW.village_code.startswith(actor.area + "."))
    return ROW.complaint_id.is_not(None)


def _period(date_from: dt.date | None, date_to: dt.date | None) -> list:
    """Dates submitted are ISO text in the rows: they compare as text."""
    found = []
    if date_from:
        found.append(ROW.date_submitted >= date_from.isoformat())
    if date_to:
        found.append(ROW.date_submitted <= date_to.isoformat())
    return found


def _overdue(days: dict, today: dt.date):
    """Neither resolved nor closed, and past its current level's standard today (as the desk's queues say)."""
    since = func.coalesce(ROW.level_date, ROW.date_submitted)
    levels = [and_(ROW.level == level, since <= bound) for level in values("escalation_level")
              if (bound := overdue_since(today, level, days)) is not None]
    return and_(ROW.status.in_(("open", "in_progress")), or_(*levels) if levels else false())
