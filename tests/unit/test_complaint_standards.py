"""The service standards' pure rule: age, due date and overdue at each level, on a fixed day."""

import datetime as dt

import pytest

from schemas.complaint_standards import LEVEL_DAYS, due_date, overdue_since, standing_of
from schemas.complaint_state import derive
from schemas.examples import example

FORM = {**example("complaint"), "escalation_level": "village", "status": "open", "date_transmitted": None,
        "officer_in_charge": None, "date_submitted": "2026-03-01"}


def escalated(*levels, date="2026-03-05"):
    day = {"officer": "siti", "complaint_id": FORM["id"], "time": f"{date}T01:00:00Z", "date": date}
    return derive(FORM, [{**day, "id": f"x-{n}", "kind": "escalation", "escalation_level": level, "step": n}
                         for n, level in enumerate(levels, 1)])


@pytest.mark.parametrize("levels", [(), ("sub_district",), ("sub_district", "district"),
                                    ("sub_district", "district", "skpd"),
                                    ("sub_district", "district", "skpd", "ombudsman")])
def test_each_level_is_due_its_days_after_the_complaint_reached_it(levels):
    state = escalated(*levels)
    since = dt.date(2026, 3, 5) if levels else dt.date(2026, 3, 1)
    due = since + dt.timedelta(days=LEVEL_DAYS[state.level])
    on_time = standing_of(state, LEVEL_DAYS, due)
    late = standing_of(state, LEVEL_DAYS, due + dt.timedelta(days=3))
    assert on_time.due_date == due.isoformat() and not on_time.overdue
    assert late.overdue and late.days_over == 3 and late.age_days == (due - dt.date(2026, 3, 1)).days + 3
    assert overdue_since(due + dt.timedelta(days=1), state.level, LEVEL_DAYS) == since.isoformat()


def test_a_settled_complaint_or_a_level_without_a_standard_is_never_overdue():
    resolved = derive({**FORM, "response": "Dijawab", "response_date": "2026-03-02"}, [])
    assert resolved.status == "resolved" and not standing_of(resolved, LEVEL_DAYS, dt.date(2027, 1, 1)).overdue
    state = escalated("sub_district")
    assert standing_of(state, {**LEVEL_DAYS, "sub_district": 0}, dt.date(2027, 1, 1)).due_date is None
    assert due_date(None, "district", LEVEL_DAYS) is None and overdue_since(dt.date(2026, 1, 1), "x", {}) is None
