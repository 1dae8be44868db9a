"""A complaint's state from its events: the rules of each transition, and the same state whatever the
order in which the events of several devices arrive (`schemas.complaint_state`)."""

import itertools
import random

import pytest

from schemas.complaint_state import derive, event_errors, history, next_step
from schemas.errors import FieldError

FORM = {"id": "dev1aaaaaa-1", "reference_number": "ADU/35.07.01.2001/DEV1AAAAAA/0001",
        "village_code": "35.07.01.2001", "date_submitted": "2026-11-02", "category": "payment_delay",
        "description": "PKH tahap tiga belum cair.", "complainant_name": "Ani Lestari", "status": "open",
        "escalation_level": "village"}


def event(event_id, kind, step, time, **fields):
    return {"id": event_id, "complaint_id": FORM["id"], "kind": kind, "officer": "siti", "step": step,
            "time": f"2026-11-{time}Z", "date": f"2026-11-{time[:2]}", **fields}


def rules(errors) -> set:
    return {(error.field, error.rule) for error in errors}


def state_after(*events, form=FORM):
    return derive(form, events)


# One complaint followed by the village laptop (dev1), a second laptop of the same village (dev2) and
# the hub's desk (uuid-like ids): dev1 escalates, the sub-district answers, the complainant signs, the
# complaint is closed; meanwhile dev2, which had seen only the escalation, adds a note and assigns.
TWO_DEVICES = [
    event("dev1aaaaaa-2", "assignment", 1, "02T03:00:00", officer_in_charge="Bambang Sutrisno"),
    event("dev1aaaaaa-3", "escalation", 2, "03T02:00:00", escalation_level="sub_district", text="Ke kecamatan"),
    event("dev2bbbbbb-1", "note", 3, "03T05:00:00", text="Pelapor datang lagi."),
    event("dev2bbbbbb-2", "assignment", 3, "03T05:10:00", officer_in_charge="Andi Wijaya"),
    event("dev1aaaaaa-4", "response", 3, "04T01:00:00", text="Dana cair 10-11-2026.",
          escalation_level="sub_district"),
    event("dev1aaaaaa-5", "acknowledgement", 4, "04T02:00:00"),
    event("dev1aaaaaa-6", "status_change", 5, "04T02:05:00", status="closed"),
]


def test_the_state_follows_the_events():
    state = state_after(*TWO_DEVICES)
    assert (state.status, state.level, state.officer_in_charge) == ("closed", "sub_district", "Andi Wijaya")
    assert (state.date_transmitted, state.response, state.response_date) == ("2026-11-03", "Dana cair 10-11-2026.",
                                                                              "2026-11-04")
    assert (state.acknowledged, state.acknowledged_date, state.closed_date) == (True, "2026-11-04", "2026-11-04")
    assert state.levels == ("village", "sub_district") and state.flags == {} and state.step == 5


def test_every_arrival_order_of_the_events_of_two_devices_gives_the_same_state():
    expected = state_after(*TWO_DEVICES)
    for order in itertools.permutations(TWO_DEVICES):
        assert derive(FORM, order) == expected


def test_many_random_orders_of_a_longer_history_give_the_same_state():
    rng = random.Random(13)
    events = _random_history(rng, 24)
    expected = derive(FORM, events)
    for _ in range(300):
        rng.shuffle(events)
        assert derive(FORM, list(events)) == expected
    # Whatever happened concurrently, the level is the highest reached, one level at a time.
    assert expected.levels == tuple(sorted(set(expected.levels), key=expected.levels.index))


def _random_history(rng, count) -> list:
    """Events of two devices that each saw a random prefix of the other's: concurrent steps, any kind."""
    made = []
    for index in range(count):
        device = rng.choice(["dev1aaaaaa", "dev2bbbbbb", "dev3cccccc"])
        step = rng.randint(1, 1 + index // 2)
        kind = rng.choice(["escalation", "response", "acknowledgement", "status_change", "assignment", "note"])
        fields = {"escalation": {"escalation_level": rng.choice(["sub_district", "district", "skpd"])},
                  "response": {"text": f"Jawaban {index}"}, "note": {"text": "Catatan"},
                  "status_change": {"status": rng.choice(["in_progress", "resolved", "closed"])},
                  "assignment": {"officer_in_charge": rng.choice(["Andi", "Budi"])}}.get(kind, {})
        made.append(event(f"{device}-{index + 1}", kind, step, f"{rng.randint(3, 9):02d}T0{rng.randint(0, 9)}:00:00",
                          **fields))
    return made


def test_history_order_is_step_then_time_then_id_with_counters_as_numbers():
    events = [event("dev1aaaaaa-10", "note", 2, "03T01:00:00", text="b"),
              event("dev1aaaaaa-9", "note", 2, "03T01:00:00", text="a"),
              event("dev2bbbbbb-1", "note", 1, "09T01:00:00", text="first: a lower step, whatever its clock")]
    assert [e["id"] for e in history(events)] == ["dev2bbbbbb-1", "dev1aaaaaa-9", "dev1aaaaaa-10"]


def test_an_event_made_after_seeing_the_history_takes_the_next_step():
    state = state_after(*TWO_DEVICES[:3])
    assert next_step(state) == 4


@pytest.mark.parametrize(("events", "new", "expected"), [
    ((), event("x-1", "status_change", 1, "03T01:00:00", status="closed"), {("status", "response_needed")}),
    ((), event("x-1", "status_change", 1, "03T01:00:00", status="resolved"), {("status", "response_needed")}),
    ((), event("x-1", "acknowledgement", 1, "03T01:00:00"), {("kind", "acknowledgement_needs_response")}),
    ((), event("x-1", "escalation", 1, "03T01:00:00", escalation_level="district"),
     {("escalation_level", "escalation_skip")}),
    ((), event("x-1", "escalation", 1, "03T01:00:00", escalation_level="village"),
     {("escalation_level", "escalation_backwards")}),
    ((event("x-1", "escalation", 1, "03T01:00:00", escalation_level="sub_district"),),
     event("x-2", "escalation", 2, "03T02:00:00", escalation_level="village"),
     {("escalation_level", "escalation_backwards")}),
    ((event("x-1", "escalation", 1, "03T01:00:00", escalation_level="sub_district"),),
     event("x-2", "status_change", 2, "03T02:00:00", status="open"), {("status", "status_reopen_only")}),
    ((), event("x-1", "note", 1, "01T01:00:00", text="Sebelum pengaduan"), {("date", "date_order")}),
    (TWO_DEVICES, event("x-9", "response", 9, "05T01:00:00", text="Lagi"), {("kind", "complaint_closed")}),
    (TWO_DEVICES, event("x-9", "escalation", 9, "05T01:00:00", escalation_level="district"),
     {("kind", "complaint_closed")}),
])
def test_a_wrong_transition_names_its_rule(events, new, expected):
    assert rules(event_errors(state_after(*events), new)) == expected


def test_a_rule_message_exists_in_both_languages():
    state = state_after()
    [error] = event_errors(state, event("x-1", "status_change", 1, "03T01:00:00", status="closed"))
    assert "tingkat Desa/kelurahan" in error.message("id") and "Village level" in error.message("en")
    assert isinstance(error, FieldError)


def test_a_note_is_the_one_thing_that_can_follow_a_closing():
    assert event_errors(state_after(*TWO_DEVICES), event("x-9", "note", 9, "05T01:00:00", text="Arsip")) == []


def test_two_officers_escalating_from_the_same_level_converge():
    both = [event("dev1aaaaaa-2", "escalation", 1, "03T01:00:00", escalation_level="sub_district"),
            event("dev2bbbbbb-1", "escalation", 1, "03T02:00:00", escalation_level="sub_district")]
    state = state_after(*both)
    assert (state.level, state.flags) == ("sub_district", {})


def test_an_answer_that_crossed_an_escalation_is_history_and_a_close_on_it_is_flagged():
    # The village answers and closes, not having seen that the other laptop escalated earlier.
    events = [event("dev2bbbbbb-1", "escalation", 1, "03T01:00:00", escalation_level="sub_district"),
              event("dev1aaaaaa-2", "response", 1, "03T02:00:00", text="Sudah dijelaskan.",
                    escalation_level="village"),
              event("dev1aaaaaa-3", "status_change", 2, "03T03:00:00", status="closed")]
    state = state_after(*events)
    assert (state.status, state.level, state.response, state.response_level) == (
        "in_progress", "sub_district", "Sudah dijelaskan.", "village")
    assert rules(state.flags["dev1aaaaaa-3"]) == {("status", "response_needed")}


@pytest.mark.parametrize(("step", "status", "level", "flagged", "rule"), [
    # dev2 escalated having seen step 4; dev1 closed at step 5, having seen step 4 too: the step ties,
    # dev1's clock says its closing came first, so the escalation finds the complaint closed.
    (5, "closed", "sub_district", "dev2bbbbbb-3", ("kind", "complaint_closed")),
    # dev2 escalated having seen step 3: before the closing in history, which then lacks a district answer.
    (4, "in_progress", "district", "dev1aaaaaa-6", ("status", "response_needed")),
])
def test_a_flagged_event_changes_nothing_and_the_same_flag_is_seen_everywhere(step, status, level, flagged, rule):
    events = [*TWO_DEVICES, event("dev2bbbbbb-3", "escalation", step, "04T09:00:00", escalation_level="district")]
    for order in itertools.permutations(events[-3:]):
        state = derive(FORM, [*events[:-3], *order])
        assert (state.status, state.level) == (status, level)
        assert set(state.flags) == {flagged} and rules(state.flags[flagged]) == {rule}


def test_an_escalation_needs_a_new_response_and_acknowledgement():
    events = [event("x-1", "response", 1, "03T01:00:00", text="Jawaban desa"),
              event("x-2", "acknowledgement", 2, "03T02:00:00"),
              event("x-3", "escalation", 3, "04T01:00:00", escalation_level="sub_district")]
    state = state_after(*events)
    assert (state.status, state.acknowledged, state.answered) == ("in_progress", False, False)
    assert rules(event_errors(state, event("x-4", "status_change", 4, "05T01:00:00", status="closed"))) == {
        ("status", "response_needed")}


def test_a_form_answered_at_once_starts_resolved():
    state = derive({**FORM, "response": "Dijelaskan di tempat.", "acknowledged": True,
                    "acknowledged_date": "2026-11-02"}, [])
    assert (state.status, state.answered, state.acknowledged) == ("resolved", True, True)
    closed = derive({**FORM, "response": "Dijelaskan."}, [event("x-1", "status_change", 1, "02T05:00:00",
                                                                 status="closed")])
    assert (closed.status, closed.closed_date) == ("closed", "2026-11-02")
