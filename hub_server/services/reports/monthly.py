"""The monthly monitoring report of a village, a sub-district or the district: one definition, plain data.

    report = monthly.build(session, "35.07.01", "2026-03", now=uow.now())

returns a `MonthlyReport`: the area, the month, when it was made, and its sections in order, each
a `Section` of rows (a key and figures: integers, codes, dates, None where a figure is not
recorded) and notes (catalogue keys saying what a figure does not hold). The web page, the CSV and
the PDF (`hub_server.reports`) render these sections and nothing else, so they hold the same
figures. docs/reports.md defines each figure and where it comes from.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from hub_server.models.population import Household
from hub_server.services.reports import cases, complaints, enrolment, population, programmes, sync_health, taskforce
from hub_server.services.reports.period import Area, Period, zone_for
from hub_server.services.reports.period import area as parse_area
from hub_server.services.reports.period import month as parse_month
from schemas.region import region_name

RESIDENT_ROWS = ("residents", "verified_source", "confirmed", "awaiting", "refused", "died", "moved_out",
                 "households")
VERIFICATION_ROWS = ("joined", "confirmed_in_month", "refused_in_month", "verified_by_extract", "awaiting")
PROGRAMME_COLUMNS = ("listed", "awaiting", "proposed", "added", "removed", "applied", "approved", "rejected",
                     "open", "not_counted", "enrolled", "paid")
AREA_COLUMNS = ("residents", "households", "awaiting", "joined", "person_records_new", "listed", "applied",
                "complaints_received")
SECTIONS = ("residents", "village_records", "extracts", "verification", "programmes", "coverage", "budget",
            "complaints", "cases", "case_closures", "migrants", "taskforce", "devices", "areas")


@dataclass
class Section:
    key: str
    columns: tuple
    rows: list  # [{"key": ..., <column>: value, ...}]
    notes: tuple = ()  # catalogue keys: what the figures do not hold

    def row(self, key) -> dict:
        return next(row for row in self.rows if row["key"] == key)


@dataclass
class MonthlyReport:
    area: Area
    period: Period
    made_at: dt.datetime
    sections: dict = field(default_factory=dict)
    kind: str = "monthly"  # or "finance" (services/reports/finance.py): the same shape, other sections

    def figure(self, section: str, row, column: str):
        return self.sections[section].row(row)[column]


def build(session, area_code: str, month: str, *, now: dt.datetime, zone: str = "") -> MonthlyReport:
    """The report of `area_code` for `month` (YYYY-MM). Raises Invalid for a bad area or month."""
    area = parse_area(area_code)
    period = parse_month(month, zone_for(area.code, zone))
    villages: dict = {}
    batches, catalogue = population.month_batches(session, period), programmes.catalogue(session)
    population.count_people(session, area, period, batches, villages)
    programmes.coverage(session, area, period, catalogue, villages)
    enrolment.count(session, area, period, catalogue, villages)
    population.households(session, area, batches, villages)
    for step in (population.village_records, programmes.lists, programmes.applications, complaints.statistics,
                 cases.statistics):
        step(session, area, period, villages)
    month_end = cases.case_states(session, area, until=period.last_day)  # derived once for both sections
    cases.migrants(session, area, period, villages, month_end)
    taskforce.statistics(session, area, period, villages, month_end)
    totals = _sum(villages.values())
    report = MonthlyReport(area, period, now)
    for section in (_residents(totals), _village_records(totals), _extracts(session, period, totals),
                    _verification(totals), _programmes(catalogue, totals), _coverage(totals),
                    _budget(catalogue, totals), _complaints(totals), _cases(totals), _case_closures(totals),
                    _migrants(totals), _taskforce(villages),
                    _devices(session, area, period, now), _areas(area, catalogue, villages)):
        report.sections[section.key] = section
    return report


def district_of(session, configured: str = "") -> str:
    """The district the hub serves: DISTRICT_CODE when set, else the district of the population's villages."""
    if configured:
        return configured
    village = session.scalar(select(func.min(Household.village_code)))
    return village[:5] if village else ""


def this_month(now: dt.datetime, zone: str) -> str:
    """YYYY-MM of `now` in the district's zone: the month a picker starts at."""
    return now.astimezone(ZoneInfo(zone)).strftime("%Y-%m")


def _sum(figures) -> dict:
    total = defaultdict(int)
    for village in figures:
        for name, value in village.items():
            total[name] += value
    return total


def _residents(totals) -> Section:
    return Section("residents", ("count",), [{"key": key, "count": totals[key]} for key in RESIDENT_ROWS],
                   ("report.note.stock",))


def _village_records(totals) -> Section:
    return Section("village_records", ("new", "updated"),
                   [{"key": kind, "new": totals[f"{kind}_records_new"], "updated": totals[f"{kind}_records_updated"]}
                    for kind in ("person", "household")])


def _extracts(session, period: Period, totals) -> Section:
    households = {"kk": "households_kk", "welfare": "households_welfare"}
    rows = [{"key": batch["source"], "imports": batch["imports"], "rows_loaded": batch["rows_loaded"],
             "people": totals[f"people_{batch['source']}"],
             "households": totals[households[batch["source"]]] if batch["source"] in households else None}
            for batch in population.batch_totals(session, period)]
    return Section("extracts", ("imports", "rows_loaded", "people", "households"), rows, ("report.note.extracts",))


def _verification(totals) -> Section:
    return Section("verification", ("count",), [{"key": key, "count": totals[key]} for key in VERIFICATION_ROWS])


def _programmes(catalogue, totals) -> Section:
    rows = [{"key": p["code"], "name": p["name"], "name_en": p["name_en"], "guarantee": p["guarantee"],
             "unit": p["unit"], **{column: totals[(p["code"], column)] for column in PROGRAMME_COLUMNS}}
            for p in catalogue]
    return Section("programmes", ("unit", *PROGRAMME_COLUMNS), rows, ("report.note.enrolled",))


def _coverage(totals) -> Section:
    rows = []
    for guarantee, groups in population.TARGETS.items():
        target, covered = sum(totals[("age", group)] for group in groups), totals[(guarantee, "covered")]
        rows.append({"key": guarantee, "target": target, "covered": covered, "share": share(covered, target),
                     "enrolled": totals[(guarantee, "enrolled")], "paid": totals[(guarantee, "paid")]})
    return Section("coverage", ("target", "covered", "share", "enrolled", "paid"), rows,
                   ("report.note.coverage", "report.note.coverage_enrolled"))


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _budget(catalogue, totals) -> Section:
    rows = [{"key": p["code"], "name": p["name"], "name_en": p["name_en"],
             **programmes.budget(p, sum(totals[(p["code"], status)] for status in programmes.COUNTED))}
            for p in catalogue]
    yearly = [row["yearly"] for row in rows if row["yearly"] is not None]
    rows.append({"key": "total", "amount": None, "period": None, "beneficiaries": None, "per_period": None,
                 "yearly": sum(yearly)})
    return Section("budget", ("amount", "period", "beneficiaries", "per_period", "yearly"), rows,
                   ("report.note.budget",))


def _complaints(totals) -> Section:
    rows = []
    for category in (*complaints.categories(), "total"):
        keys = complaints.categories() if category == "total" else (category,)
        figures = {name: sum(totals[(key, name)] for key in keys) for name in complaints.FIGURES}
        days = figures.pop("settle_days")
        rows.append({"key": category, **figures,
                     "average_days": round(days / figures["settled"], 1) if figures["settled"] else None})
    return Section("complaints", ("received", "settled", "open", "overdue", "average_days"), rows,
                   ("report.note.complaints",))


def _cases(totals) -> Section:
    rows = []
    for kind in (*cases.kinds(), "total"):
        keys = cases.kinds() if kind == "total" else (kind,)
        figures = {name: sum(totals[(key, name)] for key in keys) for name in cases.FIGURES}
        days = figures.pop("first_action_days")
        average = cases.average_days(days, figures["first_actions"])
        rows.append({"key": kind, **figures, "first_action_average": average})
    return Section("cases", ("opened", "active", "closed", "referrals", "answered", "first_actions",
                             "first_action_average"), rows, ("report.note.cases",))


def _case_closures(totals) -> Section:
    rows = [{"key": reason, "closed": totals[("closure", reason)]} for reason in cases.reasons()]
    return Section("case_closures", ("closed",), [*rows, {"key": "total", "closed": sum(r["closed"] for r in rows)}])


def _migrants(totals) -> Section:
    rows = []
    for country in (*cases.countries(), "total"):
        keys = cases.countries() if country == "total" else (country,)
        figures = {stage: sum(totals[("migrant", key, stage)] for key in keys) for stage in cases.stages()}
        rows.append({"key": country, **figures, "total": sum(figures.values())})
    return Section("migrants", (*cases.stages(), "total"), rows, ("report.note.migrants",))


def _taskforce(villages: dict) -> Section:
    """One row per village with task force figures this month, then the total."""
    rows = [{"key": village, "name": region_name(village) or "",
             **{name: figures.get(("taskforce", name), 0) for name in taskforce.FIGURES}}
            for village, figures in sorted(villages.items())
            if any(figures.get(("taskforce", name)) for name in taskforce.FIGURES)]
    total = {name: sum(row[name] for row in rows) for name in taskforce.FIGURES}
    return Section("taskforce", taskforce.FIGURES, [*rows, {"key": "total", **total}], ("report.note.taskforce",))


def _devices(session, area: Area, period: Period, now: dt.datetime) -> Section:
    rows = [{"key": row.pop("device_id"), **row} for row in sync_health.devices(session, area, period, now)]
    return Section("devices", ("scope", "last_sync", "stale", "revoked", *sync_health.FIGURES), rows,
                   ("report.note.devices",))


def _areas(area: Area, catalogue: list, villages: dict) -> Section:
    codes = [p["code"] for p in catalogue]
    rows = []
    for code, name in area.children():
        inside = _sum(figures for village, figures in villages.items() if village == code
                      or village.startswith(code + "."))
        rows.append({"key": code, "name": name, **{column: inside[column] for column in AREA_COLUMNS[:5]},
                     "listed": sum(inside[(c, status)] for c in codes for status in programmes.COUNTED),
                     "applied": sum(inside[(c, "applied")] for c in codes),
                     "complaints_received": sum(inside[(category, "received")]
                                                for category in complaints.categories())})
    return Section("areas", AREA_COLUMNS, rows)


# The dashboard's coverage: the same figures as the report's programmes and coverage sections -----------------

def coverage_totals(session, area_code: str, month: str, *, zone: str = "") -> dict:
    """The report's figures about lists and coverage summed over the area: people per age group, open list
    entries by status, the month's list changes, whom each guarantee's lists cover. The slow part of
    `coverage_sections` (it reads every person of the area), kept apart so that the dashboard can keep it
    between views (`services/dashboard.py`)."""
    area = parse_area(area_code)
    period = parse_month(month, zone_for(area.code, zone))
    villages, catalogue = {}, programmes.catalogue(session)
    population.count_ages(session, area, period, villages)
    programmes.coverage(session, area, period, catalogue, villages)
    enrolment.count(session, area, period, catalogue, villages)
    programmes.lists(session, area, period, villages)
    return dict(_sum(villages.values()))


def coverage_sections(session, area_code: str, month: str, totals: dict, *, zone: str = "") -> dict:
    """{"programmes", "coverage"}: the report's two sections for the area, from `coverage_totals` and the
    applications read now; a programme's row also holds `approved_total`, every approval so far."""
    area = parse_area(area_code)
    period = parse_month(month, zone_for(area.code, zone))
    catalogue, villages = programmes.catalogue(session), {}
    programmes.applications(session, area, period, villages)
    merged = defaultdict(int, totals)
    for name, value in _sum(villages.values()).items():
        merged[name] += value
    listed = _programmes(catalogue, merged)
    for row in listed.rows:  # approvals so far: beside the memberships in force
        row["approved_total"] = merged[(row["key"], "approved_total")]
    return {"programmes": listed, "coverage": _coverage(merged)}
