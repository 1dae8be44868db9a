"""Claim statistics for the monthly finance report: per village and programme, the claims received, passed to the
agency, paid (and the amount paid) and refused in the month, and those still open at its end (docs/payments.md,
"Claims").

Each claim is counted from the state the hub derives from its events (`schemas.claim_state.derive`, kept one row a
claim in `claim_states` by `services.claims.refresh`):

- received: recorded in the month (the claim's `recorded_on`);
- passed: passed to the agency in the month (the day of its `submitted_to_agency` step);
- paid, paid_amount: paid in the month by the agency's day (`paid_on`), and the rupiah paid;
- refused: refused in the month (the day the refusal was recorded);
- open: recorded by the month's last day and neither paid nor refused by then.

`target[village][(programme code, "claims_" + figure)]`, as the other parts of the report add theirs.
"""

from collections import defaultdict

from sqlalchemy import select

from hub_server.models.claims import ClaimStateRow
from hub_server.services.reports.period import Area, Period, as_date
from hub_server.services.reports.population import in_area

FIGURES = ("received", "passed", "paid", "paid_amount", "refused", "open")
COLUMNS = (ClaimStateRow.village_code, ClaimStateRow.programme_code, ClaimStateRow.recorded_on,
           ClaimStateRow.passed_on, ClaimStateRow.paid_on, ClaimStateRow.amount_paid, ClaimStateRow.refused_on,
           ClaimStateRow.status)


def statistics(session, area: Area, period: Period, target: dict) -> dict:
    """Add `target[village][(programme code, "claims_<figure>")]` (FIGURES) for the claims of the area."""
    query = select(*COLUMNS).where(in_area(ClaimStateRow.village_code, area),
                                   ClaimStateRow.recorded_on <= period.last_day.isoformat())
    for row in session.execute(query):
        figures, code = target.setdefault(row.village_code, defaultdict(int)), row.programme_code
        settled = as_date(row.paid_on if row.status == "paid" else row.refused_on)
        figures[(code, "claims_received")] += period.holds_day(row.recorded_on)
        figures[(code, "claims_passed")] += period.holds_day(row.passed_on)
        if row.status == "paid" and period.holds_day(row.paid_on):
            figures[(code, "claims_paid")] += 1
            figures[(code, "claims_paid_amount")] += row.amount_paid or 0
        figures[(code, "claims_refused")] += row.status == "refused" and period.holds_day(row.refused_on)
        figures[(code, "claims_open")] += not (settled and settled <= period.last_day)
    return target
