"""Service standards: the days each level has to settle a complaint, its age, due date and whether it is overdue.

    standing = standing_of(state, days_per_level, today)

The hub's desk, the laptop's complaint pages and the statistics call this one rule with their own
settings (`days_per_level`, e.g. {"village": 7, "sub_district": 7, "district": 14, "skpd": 14,
"ombudsman": 30}) and their own today: pure, no clock, no I/O. A level's time starts the day the
complaint reached it (the date submitted at its first level, the escalation's date after that); a
complaint is overdue when it is neither resolved nor closed and today is past its due date. A level
without a number of days has no standard (never overdue).
"""

import dataclasses
import datetime as dt

from schemas.complaint_state import SETTLED, ComplaintState

LEVEL_DAYS = {"village": 7, "sub_district": 7, "district": 14, "skpd": 14, "ombudsman": 30}  # the defaults


@dataclasses.dataclass(frozen=True)
class Standing:
    """How long a complaint has waited and whether its level missed its standard."""

    age_days: int | None  # days since it was submitted
    level_days: int | None  # the standard of its current level
    since: str | None  # the day it reached its current level
    due_date: str | None
    overdue: bool
    days_over: int = 0


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(str(text)[:10]) if text else None


def due_date(since: str | None, level: str, days_per_level: dict) -> str | None:
    """The date a complaint that reached `level` on `since` must be settled by, or None without a standard."""
    days, start = days_per_level.get(level), _date(since)
    if start is None or not days:
        return None
    return (start + dt.timedelta(days=int(days))).isoformat()


def standing_of(state: ComplaintState, days_per_level: dict, today: dt.date) -> Standing:
    """Age, due date and overdue of a complaint in `state` on `today`."""
    submitted = _date(state.date_submitted)
    since = state.level_date or state.date_submitted
    due = due_date(since, state.level, days_per_level)
    late = 0 if due is None or state.status in SETTLED else (today - dt.date.fromisoformat(due)).days
    return Standing(age_days=(today - submitted).days if submitted else None,
                    level_days=days_per_level.get(state.level), since=since, due_date=due,
                    overdue=late > 0, days_over=max(late, 0))


def overdue_since(today: dt.date, level: str, days_per_level: dict) -> str | None:
    """The latest level date that is overdue on `today` at `level` (a query's bound), None without a standard."""
    days = days_per_level.get(level)
    return (today - dt.timedelta(days=int(days) + 1)).isoformat() if days else None
