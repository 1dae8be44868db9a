"""The sensitive-case rule (schemas/sensitive.py) and the referral event (schemas/complaint_state.py)."""

import pytest

from schemas.choices import values
from schemas.complaint_state import derive, event_errors
from schemas.errors import ValidationFailure
from schemas.examples import example
from schemas.records import load_record
from schemas.sensitive import SENSITIVE_CATEGORIES, is_sensitive

DAY = {"officer": "siti", "time": "2026-03-07T01:00:00Z", "date": "2026-03-07"}


def form(category: str) -> dict:
    return {**example("complaint"), "category": category, "escalation_level": "village", "status": "open"}


@pytest.mark.parametrize("category", values("complaint_category"))
def test_a_complaint_is_sensitive_by_its_category_alone(category):
    expected = category in ("violence_women_children", "trafficking")
    assert is_sensitive({"category": category}) is expected and derive(form(category), []).sensitive is expected


def test_the_sensitive_categories_are_categories_of_the_form():
    assert set(SENSITIVE_CATEGORIES) <= set(values("complaint_category"))
    assert not is_sensitive(None) and not is_sensitive({})


def test_a_referral_names_the_unit_and_its_date_and_puts_the_case_in_progress():
    case = form("trafficking")
    referral = {**DAY, "id": "x-1", "complaint_id": case["id"], "kind": "referral", "referred_to": "uptd_ppa",
                "step": 1}
    again = {**referral, "id": "x-2", "referred_to": "unit_ppa_polri", "date": "2026-03-09", "step": 2}
    state = derive(case, [again, referral])  # arrival order plays no part
    assert (state.status, state.referred_to, state.referral_date, state.flags) == (
        "in_progress", "unit_ppa_polri", "2026-03-09", {})
    assert state.as_dict()["referred_to"] == "unit_ppa_polri" and state.as_dict()["sensitive"] is True


def test_a_referral_of_an_ordinary_complaint_breaks_its_rule_and_is_flagged_in_a_merge():
    ordinary = form("payment_delay")
    referral = {**DAY, "id": "x-1", "complaint_id": ordinary["id"], "kind": "referral", "referred_to": "p2tp2a"}
    assert [error.rule for error in event_errors(derive(ordinary, []), referral)] == ["referral_not_sensitive"]
    state = derive(ordinary, [referral])
    assert [error.rule for error in state.flags["x-1"]] == ["referral_not_sensitive"] and state.referred_to is None


def test_a_referral_needs_a_known_unit():
    event = {**DAY, "id": "x-1", "complaint_id": "x-0", "kind": "referral"}
    for given, rule in (({}, "event_field_required"), ({"referred_to": "polsek"}, "choice")):
        with pytest.raises(ValidationFailure) as refused:
            load_record("complaint_event", {**event, **given}, lang="en")
        assert [error["rule"] for error in refused.value.as_dicts("en")] == [rule]
