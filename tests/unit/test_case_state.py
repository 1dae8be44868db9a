"""A case's state derived from its events: the same whatever order the events arrive in."""

import itertools

from schemas.case_needs import answer_text, check_answers
from schemas.case_state import derive, visible_history
from schemas.examples import example

CASE = example("case")


def event(n: int, kind: str, step: int, **fields) -> dict:
    return {"id": f"dev-{n}", "case_id": CASE["id"], "kind": kind, "officer": "dewi", "step": step,
            "time": f"2026-03-{n + 2:02d}T01:00:00Z", "date": f"2026-03-{n + 2:02d}", **fields}


EVENTS = [
    event(1, "assessment", 1, answers={"main_income": "none", "health_insurance": False, "wants": "enterprise"}),
    event(2, "migrant", 2, migrant_stage="returned", destination_country="HK", return_date="2026-02-20"),
    event(3, "plan_action", 3, service_code="BLK-KEPANJEN", action="Pelatihan tata boga", responsible="Dewi",
          due_date="2026-05-30"),
    event(4, "referral", 4, service_code="BPJSTK-KEPANJEN"),
    event(5, "session", 5, session_kind="counselling", session_outcome="improved", text="Cemas soal utang."),
    event(6, "referral_answer", 6, referral_id="dev-4", referral_answer="served"),
    event(7, "migrant", 7, migrant_stage="returned", return_date="2026-02-20", reintegration_plan="Usaha katering"),
    event(8, "closure", 8, closure_reason="plan_completed"),
]


def test_a_returnee_case_from_intake_to_closure():
    state = derive(CASE, EVENTS)
    assert (state.status, state.closure_reason, state.closed_on, state.flags) == (
        "closed", "plan_completed", "2026-03-10", {})
    assert state.first_action_on == "2026-03-05" and state.answers["wants"] == "enterprise"
    assert state.referrals["dev-4"]["answer"] == "served" and state.referrals_waiting == 0
    assert state.migrant == {"migrant_stage": "returned", "destination_country": "HK", "return_date": "2026-02-20",
                             "reintegration_plan": "Usaha katering"}


def test_the_state_is_the_same_in_any_arrival_order():
    expected = derive(CASE, EVENTS)
    for order in itertools.islice(itertools.permutations(EVENTS), 0, 2000, 97):
        assert derive(CASE, list(order)) == expected


def test_open_until_the_first_action_then_active():
    assert derive(CASE, EVENTS[:2]).status == "open"
    assert derive(CASE, EVENTS[:3]).status == "active"


def test_an_event_made_offline_after_a_closure_it_had_not_seen_is_kept_and_flagged():
    late = event(9, "session", 9, session_kind="visit", session_outcome="unchanged")
    state = derive(CASE, [*EVENTS, late])
    assert [error.rule for error in state.flags["dev-9"]] == ["case_closed"]
    assert len(state.sessions) == 1 and state.history[-1] == late


def test_a_second_answer_to_a_served_referral_is_flagged():
    again = event(9, "referral_answer", 7, referral_id="dev-4", referral_answer="declined")
    state = derive(CASE, [*EVENTS[:6], again])
    assert state.referrals["dev-4"]["answer"] == "served" and "dev-9" in state.flags


def test_counselling_notes_are_left_out_for_readers_who_may_not_see_them():
    state = derive(CASE, EVENTS)
    assert len(visible_history(state, confidential=True)) == 8
    assert [e["id"] for e in visible_history(state, confidential=False)] == [
        e["id"] for e in EVENTS if e["id"] != "dev-5"]


def test_answers_are_read_as_the_form_defines_them():
    assert check_answers({"main_income": "trade", "health_insurance": True, "wants": "job", "skills": None}).value == {
        "main_income": "trade", "health_insurance": True, "wants": "job"}
    errors = check_answers({"main_income": "trade", "health_insurance": "ya"}).errors
    assert {(e.field, e.rule) for e in errors} == {("answers.health_insurance", "answer_boolean"),
                                                  ("answers.wants", "answer_required")}
    assert answer_text("wants", "job", "en") == "Job placement"
    assert answer_text("health_insurance", False, "id") == "Tidak"


def test_only_a_case_worker_opens_and_follows_cases_and_never_edits_them():
    from schemas.roles import refusal

    assert refusal("case_worker", "case", "create", CASE) is None
    assert refusal("case_worker", "case_event", "append", EVENTS[0]) is None
    assert refusal("case_worker", "case", "update", {"summary": "x"}).rule == "role_not_allowed"
    assert refusal("case_worker", "person", "create", {}).rule == "role_not_allowed"
    assert refusal("village_secretary", "case", "create", CASE).field == "case"
