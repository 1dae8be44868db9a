"""Complaint statistics: received, settled, open and overdue per category, and the time to settle.

The figures are computed from plain complaint rows that one function reads, `complaint_rows`: the
complaint forms villages and the call centre send, each with the state the hub derives from its events
(`hub_server.services.complaints.with_state`, the same derivation the laptops use).

- received: date submitted in the month;
- settled: resolved or closed, with the date resolved in the month; days to settle from submission;
- open at the month's end: submitted by its last day and not settled by then;
- overdue: open at the month's end and submitted more than DUE_DAYS days before its last day.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy import select

from hub_server.models.records import Record
from hub_server.services import complaints as hub_complaints
from hub_server.services.reports.period import Area, Period
from hub_server.services.reports.population import in_area
from schemas.choices import values

DUE_DAYS = 30  # until the hub records a deadline per complaint, the report reads one month as due
SETTLED = ("resolved", "closed")
FIGURES = ("received", "settled", "open", "overdue", "settle_days")
CHUNK = 5000  # complaints whose events are read in one query


def complaint_rows(session, area: Area) -> list[dict]:
    """Each complaint of the area as {village_code, category, status, submitted, resolved, level}: the form
    (`records`, table `complaint`) and the state the hub derives from its events (`services.complaints`)."""
    records = [record for record in session.execute(select(Record).where(
        Record.table_name == "complaint", in_area(Record.village_code, area))).scalars()
        if not record.data.get("_deleted")]
    rows = []
    for start in range(0, len(records), CHUNK):
        for item in hub_complaints.with_state(session, records[start:start + CHUNK]):
            record, state = item["record"], item["state"]
            rows.append({"village_code": record.village_code, "category": record.data.get("category"),
                         "status": state.status, "submitted": _day(state.date_submitted),
                         "resolved": _day(state.resolved_date or state.closed_date), "level": state.level})
    return rows


def statistics(session, area: Area, period: Period, target: dict) -> dict:
    """Add `target[village][(category, figure)]` for every complaint of the area (FIGURES)."""
    overdue_before = period.last_day - dt.timedelta(days=DUE_DAYS)
    for row in complaint_rows(session, area):
        figures = target.setdefault(row["village_code"], defaultdict(int))
        category, submitted, resolved = row["category"], row["submitted"], row["resolved"]
        if submitted is None:
            continue
        settled = row["status"] in SETTLED and resolved is not None
        if period.holds_day(submitted):
            figures[(category, "received")] += 1
        if settled and period.holds_day(resolved):
            figures[(category, "settled")] += 1
            figures[(category, "settle_days")] += (resolved - submitted).days
        if submitted <= period.last_day and not (settled and resolved <= period.last_day):
            figures[(category, "open")] += 1
            if submitted < overdue_before:
                figures[(category, "overdue")] += 1
    return target


def categories() -> tuple:
    return values("complaint_category")


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
