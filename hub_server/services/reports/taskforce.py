"""The village task force in the monthly report: outreach sessions and people informed per village, and the
flow of referrals from the villages to the LTSA and back (docs/reports.md, "Village task force").

- sessions, men, women, named: the `outreach_session` records held in the month (their `held_on`), the men
  and women they informed and the people named by NIK;
- referrals: referrals to the LTSA made in the month; answered: answered in the month (accepted, served or
  declined); open: made by the month's end and not answered by then. A referral is to the LTSA when its
  service is of kind `ltsa` in the district's directory, whichever case it belongs to (a task force's
  referral is a prospective migrant worker's case, docs/cases.md).

Figures go to `target[village][("taskforce", figure)]`, so each village keeps its own row.
"""

from collections import defaultdict

from sqlalchemy import select

from hub_server.models.calls import DirectoryService
from hub_server.models.records import Record
from hub_server.services.reports.cases import case_states
from hub_server.services.reports.period import Area, Period, as_date
from hub_server.services.reports.population import in_area
from schemas.complaint_state import event_date

FIGURES = ("sessions", "men", "women", "informed", "named", "referrals", "answered", "open")


def statistics(session, area: Area, period: Period, target: dict, states=None) -> dict:
    """Add the task force's figures of each village of `area` for the month to `target` (`states`: the cases'
    states at the month's end, when read already)."""
    held_on = Record.data["held_on"].as_string()  # an ISO date: the month's sessions are read, not every one
    query = select(Record.village_code, Record.data).where(
        Record.table_name == "outreach_session", in_area(Record.village_code, area),
        held_on.between(period.first_day.isoformat(), period.last_day.isoformat()))
    for village, data in session.execute(query):
        if data.get("_deleted"):
            continue
        figures = target.setdefault(village, defaultdict(int))
        men, women = int(data.get("men") or 0), int(data.get("women") or 0)
        for name, value in (("sessions", 1), ("men", men), ("women", women), ("informed", men + women),
                            ("named", len(data.get("niks") or ()))):
            figures[("taskforce", name)] += value
    _referrals(session, area, period, target, states)
    return target


def ltsa_codes(session) -> set:
    """The codes of the directory's LTSA services."""
    return set(session.scalars(select(DirectoryService.code).where(DirectoryService.kind == "ltsa")))


def _referrals(session, area: Area, period: Period, target: dict, states) -> None:
    codes = ltsa_codes(session)
    if not codes:
        return
    for village, state in states if states is not None else case_states(session, area, until=period.last_day):
        for referral in state.referrals.values():
            if referral["event"].get("service_code") not in codes:
                continue
            figures = target.setdefault(village, defaultdict(int))
            figures[("taskforce", "referrals")] += period.holds_day(event_date(referral["event"]))
            figures[("taskforce", "answered")] += period.holds_day(referral.get("answered_on"))
            figures[("taskforce", "open")] += as_date(referral.get("answered_on")) is None
