"""A case's current state, derived from the case record and its append-only events.

    state = derive(case, events)          # the same wherever the same events are held
    errors = event_errors(state, event)   # the rules an event breaks against that state

Merged like a complaint (`schemas.complaint_state`, docs/cases.md): events in history order (step,
then the time written on them, then id); each checked against the state the events before it made,
and one that breaks a rule there is kept with its flag and changes nothing. A case is `open` until
its first action (a plan action, a session or a referral), then `active`, and `closed` by a closure;
a closed case takes notes only. The migrant worker's record is the latest value of each field. Pure:
no clock, no I/O.
"""

import dataclasses

from schemas.case import MIGRANT_KINDS, is_confidential_event, is_crisis
from schemas.choices import bilingual
from schemas.complaint_state import event_date
from schemas.errors import FieldError
from schemas.event_fold import fold

ACTIONS = ("plan_action", "session", "referral")  # what makes a case active, and its time to first action
MIGRANT_FIELDS = ("migrant_stage", "destination_country", "placement_agency", "job", "documents",
                  "pre_departure_training", "contact", "return_date", "reintegration_plan")


@dataclasses.dataclass(frozen=True)
class CaseState:
    """Where a case stands; `flags` maps an event id to the rules it broke where it stands in history."""

    status: str
    case_kind: str
    opened_on: str | None
    crisis: bool = False
    answers: dict = dataclasses.field(default_factory=dict)  # the latest needs assessment
    assessed_on: str | None = None
    actions: tuple = ()  # the plan's actions (the events)
    sessions: tuple = ()
    referrals: dict = dataclasses.field(default_factory=dict)  # referral id -> {event, answer, answered_on}
    migrant: dict = dataclasses.field(default_factory=dict)
    first_action_on: str | None = None
    closed_on: str | None = None
    closure_reason: str | None = None
    step: int = 0
    history: tuple = ()
    flags: dict = dataclasses.field(default_factory=dict)

    @property
    def referrals_waiting(self) -> int:
        return sum(1 for referral in self.referrals.values() if not referral.get("answer"))


def initial_state(case: dict) -> CaseState:
    return CaseState(status="open", case_kind=case.get("case_kind") or "", opened_on=case.get("opened_on"),
                     crisis=is_crisis(case))


def derive(case: dict, events) -> CaseState:
    """The case's state after every event, folded in history order (`schemas.event_fold`)."""
    return fold(initial_state(case), events, event_errors, apply_event)


def next_step(state: CaseState) -> int:
    """The step of an event made now, after everything in `state`."""
    return state.step + 1


def event_errors(state: CaseState, event: dict) -> list[FieldError]:
    """The rules `event` breaks against `state`, as FieldErrors (an empty list: it can apply)."""
    kind = event.get("kind")
    if state.status == "closed" and kind != "note":
        return [FieldError("kind", "case_closed", {"date": state.closed_on or "-"})]
    date = event_date(event)
    if date and state.opened_on and date < state.opened_on:
        return [FieldError("date", "date_order", {"other": {"id": "tanggal kasus dibuka", "en": "the date opened"}})]
    if kind == "migrant" and state.case_kind not in MIGRANT_KINDS:
        return [FieldError("kind", "case_not_migrant", {"kind": bilingual("case_kind", state.case_kind)})]
    if kind == "referral_answer":
        return _answer_errors(state, event)
    return []


def _answer_errors(state: CaseState, event: dict) -> list[FieldError]:
    referral = state.referrals.get(event.get("referral_id"))
    if referral is None:
        return [FieldError("referral_id", "referral_unknown")]
    if referral.get("answer") in ("served", "declined"):
        return [FieldError("referral_id", "referral_answered",
                           {"answer": bilingual("referral_answer", referral["answer"])})]
    return []


def apply_event(state: CaseState, event: dict) -> CaseState:
    """The state after an event that breaks no rule (`event_errors` is empty)."""
    date, kind = event_date(event), event.get("kind")
    changes = _EFFECTS.get(kind, lambda state, event, date: {})(state, event, date)
    if kind in ACTIONS and state.status == "open":
        changes |= {"status": "active", "first_action_on": date}
    return dataclasses.replace(state, step=max(state.step, int(event.get("step") or 0)), **changes)


def _assessment(state, event, date) -> dict:
    return {"answers": dict(event["answers"]), "assessed_on": date}


def _plan_action(state, event, date) -> dict:
    return {"actions": (*state.actions, event)}


def _session(state, event, date) -> dict:
    return {"sessions": (*state.sessions, event)}


def _referral(state, event, date) -> dict:
    return {"referrals": {**state.referrals, str(event["id"]): {"event": event, "answer": None, "answered_on": None}}}


def _referral_answer(state, event, date) -> dict:
    referral = state.referrals[event["referral_id"]]
    answered = {**referral, "answer": event["referral_answer"], "answered_on": date, "answer_text": event.get("text")}
    return {"referrals": {**state.referrals, event["referral_id"]: answered}}


def _migrant(state, event, date) -> dict:
    given = {name: event[name] for name in MIGRANT_FIELDS if event.get(name) not in (None, "", [])}
    return {"migrant": {**state.migrant, **given}}


def _closure(state, event, date) -> dict:
    return {"status": "closed", "closed_on": date, "closure_reason": event["closure_reason"]}


_EFFECTS = {"assessment": _assessment, "plan_action": _plan_action, "session": _session, "referral": _referral,
            "referral_answer": _referral_answer, "migrant": _migrant, "closure": _closure}


def visible_history(state: CaseState, confidential: bool) -> tuple:
    """The history a reader sees: counselling notes only for who may read them (`confidential`)."""
    return tuple(event for event in state.history if confidential or not is_confidential_event(event))
