"""Case statistics for the monthly report: cases opened, active and closed per kind, referrals made and answered,
the time to the first action, closures per reason (docs/reports.md, "Cases").

Each case is read as the laptops read it: its record and the state the hub derives from its events
(`schemas.case_state.derive`, through `services.cases.events_of`). Crisis cases are counted like any
other: the report holds counts, never whom a case is about.

- opened: opened in the month; closed: closed in the month (and per closure reason);
- active at the month's end: opened by its last day and not closed by then;
- referrals: made in the month; answered: answered in the month (accepted, served or declined);
- first action: cases whose first plan action, session or referral fell in the month, and the days from
  opening to it (their average is the time to first action);
- migrant workers: the migrant workers' cases active at the month's end, by destination country and by the
  stage their record gave by that day (`target[village][("migrant", country, stage)]`).
"""

from collections import defaultdict

from sqlalchemy import select

from hub_server.models.records import Record
from hub_server.services import cases as hub_cases
from hub_server.services.reports.period import Area, Period, as_date
from hub_server.services.reports.population import in_area
from schemas.case_state import derive
from schemas.choices import values
from schemas.complaint_state import event_date

FIGURES = ("opened", "active", "closed", "referrals", "answered", "first_actions", "first_action_days")
CHUNK = 5000  # cases whose events are read in one query


def kinds() -> tuple:
    return values("case_kind")


def reasons() -> tuple:
    return values("case_closure_reason")


def case_states(session, area: Area, until=None) -> list:
    """(village code, derived state) of every case of the area; with `until` (a date), from the events made by
    that day only."""
    records = list(session.execute(select(Record).where(Record.table_name == "case",
                                                        in_area(Record.village_code, area))).scalars())
    found = []
    for start in range(0, len(records), CHUNK):
        part = records[start:start + CHUNK]
        events = hub_cases.events_of(session, [record.id for record in part])
        found += [(record.village_code, derive(record.data, [event for event in events[record.id]
                                                             if until is None or _by(event, until)]))
                  for record in part]
    return found


def statistics(session, area: Area, period: Period, target: dict) -> dict:
    """Add `target[village][(case kind, figure)]` (FIGURES) and `target[village][("closure", reason)]`."""
    for village, state in case_states(session, area):
        figures, kind = target.setdefault(village, defaultdict(int)), state.case_kind
        opened, closed = as_date(state.opened_on), as_date(state.closed_on)
        if opened is None:
            continue
        figures[(kind, "opened")] += period.holds_day(opened)
        figures[(kind, "active")] += opened <= period.last_day and not (closed and closed <= period.last_day)
        if closed and period.holds_day(closed):
            figures[(kind, "closed")] += 1
            figures[("closure", state.closure_reason)] += 1
        _referrals(figures, kind, state, period)
        first = as_date(state.first_action_on)
        if first and period.holds_day(first):
            figures[(kind, "first_actions")] += 1
            figures[(kind, "first_action_days")] += (first - opened).days
    return target


def _by(event: dict, day) -> bool:
    made = as_date(event_date(event))
    return made is not None and made <= day


def migrants(session, area: Area, period: Period, target: dict, states=None) -> dict:
    """Add `target[village][("migrant", destination country or "unknown", stage)]` for the migrant workers'
    cases active at the month's end, as their record stood by then (`states`: those states, when read already)."""
    for village, state in states if states is not None else case_states(session, area, until=period.last_day):
        opened = as_date(state.opened_on)
        if state.status == "closed" or not state.migrant.get("migrant_stage") or opened is None:
            continue
        if opened <= period.last_day:
            country = state.migrant.get("destination_country") or "unknown"
            target.setdefault(village, defaultdict(int))[("migrant", country, state.migrant["migrant_stage"])] += 1
    return target


def countries() -> tuple:
    return (*values("destination_country"), "unknown")


def stages() -> tuple:
    return values("migrant_stage")


def _referrals(figures, kind: str, state, period: Period) -> None:
    for referral in state.referrals.values():
        figures[(kind, "referrals")] += period.holds_day(event_date(referral["event"]))
        figures[(kind, "answered")] += period.holds_day(referral.get("answered_on"))


def average_days(days: int, count: int) -> float | None:
    return round(days / count, 1) if count else None
