"""The one fold of derived state (`schemas.event_fold`): history order, flags, convergence; pure."""

import dataclasses

from schemas.errors import FieldError
from schemas.event_fold import fold, history, step_of


@dataclasses.dataclass(frozen=True)
class Tally:
    total: int = 0
    seen: tuple = ()
    step: int = 0
    history: tuple = ()
    flags: dict = dataclasses.field(default_factory=dict)


def errors(state: Tally, event: dict) -> list:
    return [FieldError("amount", "too_much")] if state.total + event["amount"] > 10 else []


def apply(state: Tally, event: dict) -> Tally:
    return dataclasses.replace(state, total=state.total + event["amount"], seen=(*state.seen, event["id"]),
                               step=max(state.step, step_of(event)))


def event(record_id: str, step, amount: int = 1, time: str = "2026-03-01T01:00:00Z") -> dict:
    return {"id": record_id, "step": step, "time": time, "amount": amount}


def test_history_orders_by_step_then_time_then_id_with_counters_as_numbers():
    events = [event("laptopb-2", 2), event("laptopa-10", 1), event("laptopa-9", 1), event("hub-case-1", None),
              event("laptopa-3", 1, time="2026-02-28T23:00:00Z")]
    assert [e["id"] for e in history(events)] == ["hub-case-1", "laptopa-3", "laptopa-9", "laptopa-10", "laptopb-2"]
    assert step_of({"step": None}) == 0 and step_of({"step": "3"}) == 3


def test_each_event_is_checked_against_the_state_before_it_and_a_broken_one_is_flagged_not_applied():
    events = [event("a-3", 3, amount=2), event("a-1", 1, amount=6), event("a-2", 2, amount=5)]
    state = fold(Tally(), events, errors, apply)
    assert (state.total, state.seen, state.step) == (8, ("a-1", "a-3"), 3)
    assert [e["id"] for e in state.history] == ["a-1", "a-2", "a-3"]
    assert {key: [(e.field, e.rule) for e in value] for key, value in state.flags.items()} == {
        "a-2": [("amount", "too_much")]}


def test_a_flagged_or_converging_event_still_counts_its_step_and_arrival_order_plays_no_part():
    events = [event("a-1", 1, amount=1), event("b-1", 1, amount=1), event("a-2", 7, amount=20)]
    def twice(state, event):
        return event["id"].startswith("b-")
    forward = fold(Tally(), events, errors, apply, converges=twice)
    backward = fold(Tally(), list(reversed(events)), errors, apply, converges=twice)
    assert forward == backward
    assert (forward.total, forward.seen, forward.step, list(forward.flags)) == (1, ("a-1",), 7, ["a-2"])


def test_no_events_leave_the_initial_state_with_an_empty_history():
    assert fold(Tally(total=4), [], errors, apply) == Tally(total=4)
