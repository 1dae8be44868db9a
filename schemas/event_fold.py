"""The one fold that derives a record's state from its append-only events (complaints, cases, claims).

    state = fold(initial_state(record), events, event_errors, apply_event)
    state = fold(initial, events, event_errors, apply_event, converges=same_step_twice)

Events are taken in history order (`history`: by `step`, then the time written on them, then id;
arrival order and the device that sent an event play no part). Each is checked against the state the
events before it made: one that `converges` (the same step already made, e.g. a complaint escalated
twice by two officers who saw the same level) or that breaks a rule (`errors` non-empty: it is kept
with its flags, by event id) changes nothing but the step reached; any other is applied. The state is a
frozen dataclass with `step`, `history` and `flags`; the result holds the events in history order and
the flags. Pure: no clock, no I/O.
"""

import dataclasses
import re
from collections.abc import Callable, Iterable


def history(events: Iterable[dict]) -> list:
    """The events in history order: step, then the time written on them, then id."""
    return sorted(events, key=lambda event: (step_of(event), str(event.get("time") or ""), _id_key(str(event["id"]))))


def _id_key(record_id: str) -> tuple:
    """`<device>-<n>` ids by device then counter (so -10 follows -9); any other id as text."""
    found = re.fullmatch(r"(.+)-(\d+)", record_id)
    return (found[1], int(found[2])) if found else (record_id, -1)


def step_of(event: dict) -> int:
    return int(event.get("step") or 0)


def fold(initial, events: Iterable[dict], errors: Callable, apply: Callable, converges: Callable | None = None):
    """`initial` after every event of `events`, in history order: `errors(state, event)` lists the rules an event
    breaks (flagged, not applied), `apply(state, event)` is the state after one that breaks none, and
    `converges(state, event)` (optional) says an event is already true of the state (not applied, not flagged)."""
    state, flags = initial, {}
    ordered = history(events)
    for event in ordered:
        if converges is not None and converges(state, event):
            state = _reached(state, event)
            continue
        broken = errors(state, event)
        if broken:
            flags[str(event["id"])] = tuple(broken)
            state = _reached(state, event)
        else:
            state = apply(state, event)
    return dataclasses.replace(state, history=tuple(ordered), flags=flags)


def _reached(state, event: dict):
    """The state with the event's step counted as seen (an event kept without changing anything else)."""
    return dataclasses.replace(state, step=max(state.step, step_of(event)))
