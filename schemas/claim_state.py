"""A claim's status, derived from the claim record and its append-only events.

    state = derive(claim, events, programme)   # the same wherever the same events are held
    errors = event_errors(state, event)        # the rules an event breaks against that state

A claim is `recorded` until the hub passes it to the agency (`submitted_to_agency`: `passed_to_agency`),
then `paid` (amount and day) or `refused` (a reason from the fixed list); a paid or refused claim takes
notes only. Merged like a complaint (`schemas.complaint_state`, docs/payments.md "Claims"): events in
history order (step, then the time written on them, then id); each is checked against the state the
events before it made, and one that breaks a rule there is kept with its flag and changes nothing.
With the programme's catalogue entry, the state also says which required documents are missing.
Pure: no clock, no I/O; values are JSON-ready records (dates as ISO text).
"""

import dataclasses

from schemas.choices import bilingual
from schemas.claim import missing_documents
from schemas.complaint_state import event_date
from schemas.errors import FieldError
from schemas.event_fold import fold
from schemas.messages import LABELS

SETTLED = ("paid", "refused")
STATUSES = ("recorded", "passed_to_agency", *SETTLED)


@dataclasses.dataclass(frozen=True)
class ClaimState:
    """Where a claim stands; `flags` maps an event id to the rules it broke where it stands in history."""

    status: str
    recorded_on: str | None
    happened_on: str | None = None
    passed_on: str | None = None
    agency_reference: str | None = None
    paid_on: str | None = None
    amount_paid: int | None = None
    refused_on: str | None = None
    refusal_reason: str | None = None
    refusal_text: str | None = None
    missing_documents: tuple = ()
    step: int = 0
    history: tuple = ()
    flags: dict = dataclasses.field(default_factory=dict)

    @property
    def settled(self) -> bool:
        return self.status in SETTLED

    @property
    def settled_on(self) -> str | None:
        return self.paid_on if self.status == "paid" else self.refused_on


def initial_state(claim: dict, programme: dict | None = None) -> ClaimState:
    return ClaimState(status="recorded", recorded_on=claim.get("recorded_on"), happened_on=claim.get("happened_on"),
                      missing_documents=missing_documents(claim, programme))


def derive(claim: dict, events, programme: dict | None = None) -> ClaimState:
    """The claim's state after every event, folded in history order (`schemas.event_fold`)."""
    return fold(initial_state(claim, programme), events, event_errors, apply_event)


def next_step(state: ClaimState) -> int:
    """The step of an event made now, after everything in `state`."""
    return state.step + 1


def event_errors(state: ClaimState, event: dict) -> list[FieldError]:
    """The rules `event` breaks against `state`, as FieldErrors (an empty list: it can apply)."""
    kind = event.get("kind")
    if kind == "note":
        return []
    if state.settled:
        return [FieldError("kind", "claim_settled", {"status": bilingual("claim_status", state.status),
                                                     "date": state.settled_on or "-"})]
    date = event_date(event)
    if date and state.recorded_on and date < state.recorded_on:
        return [FieldError("date", "date_order", {"other": LABELS["recorded_on"]})]
    if kind == "submitted_to_agency" and state.status != "recorded":
        return [FieldError("kind", "claim_passed_already", {"date": state.passed_on or "-"})]
    if kind in SETTLED and state.status == "recorded":
        return [FieldError("kind", "claim_not_passed")]
    if kind == "paid" and state.passed_on and event.get("paid_on") and event["paid_on"] < state.passed_on:
        return [FieldError("paid_on", "date_order", {"other": {"id": "tanggal diteruskan ke instansi",
                                                              "en": "the date passed to the agency"}})]
    return []


def apply_event(state: ClaimState, event: dict) -> ClaimState:
    """The state after an event that breaks no rule (`event_errors` is empty)."""
    date, kind = event_date(event), event.get("kind")
    changes = {
        "submitted_to_agency": lambda: {"status": "passed_to_agency", "passed_on": date,
                                        "agency_reference": event.get("agency_reference")},
        "paid": lambda: {"status": "paid", "paid_on": event["paid_on"], "amount_paid": event["amount_paid"]},
        "refused": lambda: {"status": "refused", "refused_on": date, "refusal_reason": event["refusal_reason"],
                            "refusal_text": event.get("text")},
    }.get(kind, dict)()
    return dataclasses.replace(state, step=max(state.step, int(event.get("step") or 0)), **changes)
