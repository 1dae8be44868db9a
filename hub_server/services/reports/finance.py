"""The monthly finance report of a village, a sub-district or the district: one definition, plain data.

    report = finance.build(session, "35.07", "2026-03", now=uow.now())

The consolidated monthly report to BPJS and the district's use of funds (docs/reports.md, "Finance
report"), in the monthly report's shape (`monthly.MonthlyReport`, kind "finance") so that the same
renderers make its page, CSV and PDF. Its sections:

- `memberships`: per programme, memberships in force on the month's last day, started and ended in it;
- `contributions`: per programme and payer, the members owing a contribution in the month, what was due,
  what was paid for the month, the arrears from each membership's start to this month, and the members
  in arrears (the reconciliation's lines, `services/reconciliation.py`);
- `benefits`: per programme, the members a benefit was expected for, what was due and disbursed, and
  those expected and not paid;
- `claims`: per programme, the claims the SWS facilitated: received, passed to the agency, paid (and the
  rupiah paid) and refused in the month, open at its end (`services/reports/claims.py`);
- `use_of_funds`: per programme, the public money (benefits disbursed, contributions paid by the state,
  the province or the district) paid for the month and for the year to this month, against the yearly
  budget the lists imply.

Payments that matched no membership (findings of their import) hold no area and are not counted.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, case, func, or_, select

from hub_server.models.payments import Membership, PaymentTotal
from hub_server.services import reconciliation
from hub_server.services.reports import claims, programmes
from hub_server.services.reports.enrolment import in_force
from hub_server.services.reports.monthly import MonthlyReport, Section, share
from hub_server.services.reports.period import Area, Period, zone_for
from hub_server.services.reports.period import area as parse_area
from hub_server.services.reports.period import month as parse_month
from hub_server.services.reports.population import in_area

SECTIONS = ("memberships", "contributions", "benefits", "claims", "use_of_funds")
PUBLIC_PAYERS = ("state", "province", "district")  # public money; "self" is the member's own


def build(session, area_code: str, month: str, *, now: dt.datetime, zone: str = "") -> MonthlyReport:
    """The finance report of `area_code` for `month` (YYYY-MM). Raises Invalid for a bad area or month."""
    area = parse_area(area_code)
    period = parse_month(month, zone_for(area.code, zone))
    catalogue = {p["code"]: p for p in programmes.catalogue(session)}
    sums = reconciliation.month_totals(session, period.first_day, area=area.code)  # one GROUP BY
    report = MonthlyReport(area, period, now, kind="finance")
    for section in (_memberships(session, area, period, catalogue), _contributions(sums, catalogue),
                    _benefits(sums, catalogue), _claims(session, area, period, catalogue),
                    _use_of_funds(session, area, period, catalogue)):
        report.sections[section.key] = section
    return report


def _named(code: str, catalogue: dict) -> dict:
    held = catalogue.get(code) or {}
    return {"name": held.get("name") or "", "name_en": held.get("name_en") or held.get("name") or ""}


def _total(rows: list, columns: tuple) -> dict:
    return {"key": "total", **{column: sum(row[column] or 0 for row in rows) for column in columns}}


def _memberships(session, area: Area, period: Period, catalogue: dict) -> Section:
    started = and_(Membership.start_date >= period.first_day, Membership.start_date <= period.last_day)
    ended = and_(Membership.end_date >= period.first_day, Membership.end_date <= period.last_day)
    rows = session.execute(select(Membership.programme_code, func.sum(case((in_force(period), 1), else_=0)),
                                  func.sum(case((started, 1), else_=0)), func.sum(case((ended, 1), else_=0)))
                           .where(in_area(Membership.village_code, area), Membership.start_date <= period.last_day)
                           .group_by(Membership.programme_code).order_by(Membership.programme_code))
    columns = ("enrolled", "started", "ended")
    found = [{"key": code, **_named(code, catalogue), **dict(zip(columns, (int(n or 0) for n in counts), strict=True))}
             for code, *counts in rows]
    return Section("memberships", columns, [*found, _total(found, columns)], ("report.note.memberships",))


def _contributions(sums: list, catalogue: dict) -> Section:
    columns = ("members", "contribution_due", "contribution_paid", "arrears", "members_in_arrears")
    found = [{"key": f"{row['programme_code']}/{row['payer']}", "payer": row["payer"],
              **_named(row["programme_code"], catalogue), "members": row["members"], "contribution_due": row["due"],
              "contribution_paid": row["paid"], "arrears": row["arrears"], "members_in_arrears": row["flagged"]}
             for row in sums if row["kind"] == "contribution"]
    return Section("contributions", columns, [*found, _total(found, columns)], ("report.note.contributions",))


def _benefits(sums: list, catalogue: dict) -> Section:
    columns = ("members", "benefit_due", "benefit_paid", "members_unpaid")
    found = [{"key": row["programme_code"], **_named(row["programme_code"], catalogue), "members": row["members"],
              "benefit_due": row["due"], "benefit_paid": row["paid"], "members_unpaid": row["flagged"]}
             for row in sums if row["kind"] == "benefit"]
    return Section("benefits", columns, [*found, _total(found, columns)], ("report.note.benefits",))


def _claims(session, area: Area, period: Period, catalogue: dict) -> Section:
    villages: dict = {}
    claims.statistics(session, area, period, villages)
    per_programme: dict = defaultdict(lambda: defaultdict(int))
    for figures in villages.values():
        for (code, name), value in figures.items():
            per_programme[code][name.removeprefix("claims_")] += value
    columns = ("received", "passed", "claims_paid", "paid_amount", "claims_refused", "open")
    found = [{"key": code, **_named(code, catalogue), "received": held["received"], "passed": held["passed"],
              "claims_paid": held["paid"], "paid_amount": held["paid_amount"], "claims_refused": held["refused"],
              "open": held["open"]} for code, held in sorted(per_programme.items()) if any(held.values())]
    return Section("claims", columns, [*found, _total(found, columns)], ("report.note.claims",))


def _use_of_funds(session, area: Area, period: Period, catalogue: dict) -> Section:
    """Public money per programme: the month's and the year's, against the yearly budget the lists imply."""
    month_paid = _public_paid(session, area, period.first_day, period.first_day)
    year_paid = _public_paid(session, area, period.first_day.replace(month=1), period.first_day)
    listed = _listed(session, area, period)
    rows = []
    for code, programme in catalogue.items():
        budget = yearly_budget(programme, listed.get(code, 0))
        if not budget and not year_paid.get(code):  # neither a budget the lists imply nor money paid
            continue
        rows.append({"key": code, **_named(code, catalogue), "budget_yearly": budget,
                     "paid_month": month_paid.get(code, 0), "paid_year": year_paid.get(code, 0),
                     "budget_used": share(year_paid.get(code, 0), budget) if budget else None})
    columns = ("budget_yearly", "paid_month", "paid_year", "budget_used")
    total = _total(rows, columns[:3])
    total["budget_used"] = share(total["paid_year"], total["budget_yearly"]) if total["budget_yearly"] else None
    return Section("use_of_funds", columns, [*rows, total], ("report.note.use_of_funds",))


def yearly_budget(programme: dict, beneficiaries: int) -> int | None:
    """What the lists imply for a year: the benefit budget (the monthly report's), else for a programme whose
    contribution public money pays, the monthly contribution x beneficiaries x 12; None when neither."""
    budget = programmes.budget(programme, beneficiaries)["yearly"]
    if budget is not None:
        return budget
    contribution = programme.get("contribution") or {}
    if contribution.get("period") == "monthly" and set(contribution.get("payers") or ()) & set(PUBLIC_PAYERS):
        return contribution["amount"] * beneficiaries * 12
    return None


def _listed(session, area: Area, period: Period) -> dict:
    """{programme: open list entries listed or awaiting verification} of the area."""
    villages: dict = {}
    programmes.lists(session, area, period, villages)
    found = defaultdict(int)
    for figures in villages.values():
        for (code, status), count in figures.items():
            if status in programmes.COUNTED:
                found[code] += count
    return found


def _public_paid(session, area: Area, first: dt.date, last: dt.date) -> dict:
    """{programme: public money paid for the months from `first` to `last`} to the area's members: the sums
    the payment import keeps per month and village (`PaymentTotal`), not the year's payments one by one."""
    public = or_(PaymentTotal.kind == "benefit",
                 and_(PaymentTotal.kind == "contribution", PaymentTotal.payer.in_(PUBLIC_PAYERS)))
    rows = session.execute(select(PaymentTotal.programme_code, func.sum(PaymentTotal.amount))
                           .where(public, PaymentTotal.period >= first, PaymentTotal.period <= last,
                                  in_area(PaymentTotal.village_code, area))
                           .group_by(PaymentTotal.programme_code))
    return {code: int(amount or 0) for code, amount in rows}
