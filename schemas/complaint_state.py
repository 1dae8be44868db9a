"""A complaint's current state, derived from the action form and its append-only events.

    state = derive(complaint, events)      # the same wherever the same events are held
    errors = event_errors(state, event)    # the rules an event breaks against that state

Status, escalation level, officer in charge, date transmitted, response and acknowledgement are never
edited on the complaint record: each laptop and the hub hold the form as filled in and every event
they have received, and compute the state from them with this one function. Pure: no clock, no I/O;
values are the JSON-ready records (dates as ISO text), as laptops and hub store them.

Merge rules (docs/complaints.md):

1. History order: by `step` (one more than the highest step the officer had seen, so an event comes
   after everything its officer saw), then by the time written on the event, then by id. Arrival
   order and the device that sent an event play no part.
2. Each event is checked against the state the events before it made (`event_errors`); an event that
   breaks a rule there is kept in the history with its flag and changes nothing. On a laptop or in a
   hub form the same check refuses the event before it is saved; in a merge it can only be flagged,
   because it was valid against what its officer saw.
3. The same escalation made twice (two officers who both saw the complaint at one level) converges.
4. The level is the highest reached, one level at a time; a closed complaint stays closed.
5. A response names the level it answers (the level its officer saw): one that crossed an
   escalation it had not seen is kept and shown, but settles nothing at the new level.
"""

import dataclasses

from schemas.choices import bilingual, values
from schemas.complaint import check_escalation
from schemas.errors import FieldError
from schemas.event_fold import fold, step_of
from schemas.event_fold import history as history  # kept here too: complaints' readers order events with it
from schemas.sensitive import is_sensitive

ESCALATION = values("escalation_level")
SETTLED = ("resolved", "closed")


@dataclasses.dataclass(frozen=True)
class ComplaintState:
    """Where a complaint stands; `flags` maps an event id to the rules it broke where it stands in history."""

    status: str
    level: str
    date_submitted: str | None
    officer_in_charge: str | None = None
    date_transmitted: str | None = None
    response: str | None = None
    response_date: str | None = None
    response_level: str | None = None
    acknowledged: bool = False
    acknowledged_date: str | None = None
    resolved_date: str | None = None
    closed_date: str | None = None
    levels: tuple = ()
    level_date: str | None = None  # the date the complaint reached its current level (service standards)
    step: int = 0
    sensitive: bool = False  # a sensitive case (schemas.sensitive): seen only by who must
    referred_to: str | None = None  # the protection unit a sensitive case was referred to, and when
    referral_date: str | None = None
    history: tuple = ()
    flags: dict = dataclasses.field(default_factory=dict)

    @property
    def answered(self) -> bool:
        """A response was given at the level the complaint is at now."""
        return bool(self.response) and self.response_level == self.level

    @property
    def next_level(self) -> str | None:
        index = ESCALATION.index(self.level) + 1
        return ESCALATION[index] if index < len(ESCALATION) else None

    def as_dict(self) -> dict:
        """The state without its history, JSON-ready (what a page or an export shows)."""
        found = {name: getattr(self, name) for name in STATE_FIELDS}
        found["flags"] = {event: [error.rule for error in errors] for event, errors in self.flags.items()}
        return found


STATE_FIELDS = ("status", "level", "officer_in_charge", "date_transmitted", "response", "response_date",
                "response_level", "acknowledged", "acknowledged_date", "resolved_date", "closed_date", "levels",
                "level_date", "step", "sensitive", "referred_to", "referral_date")


def initial_state(complaint: dict) -> ComplaintState:
    """The state the action form starts the complaint in (a form may record a response at once)."""
    level = complaint.get("escalation_level") or "village"
    response = complaint.get("response") or None
    response_date = complaint.get("response_date") or (complaint.get("date_submitted") if response else None)
    status = complaint.get("status") or "open"
    if response and status in ("open", "in_progress"):
        status = "resolved"  # answered on the form itself, as a response event would
    resolved = complaint.get("resolved_date") or (response_date if status in SETTLED else None)
    return ComplaintState(
        status=status, level=level, date_submitted=complaint.get("date_submitted"),
        officer_in_charge=complaint.get("officer_in_charge") or None,
        date_transmitted=complaint.get("date_transmitted") or None, response=response, response_date=response_date,
        response_level=level if response else None, acknowledged=bool(complaint.get("acknowledged")),
        acknowledged_date=complaint.get("acknowledged_date") or None, resolved_date=resolved,
        closed_date=resolved if status == "closed" else None, levels=(level,), sensitive=is_sensitive(complaint),
        level_date=(complaint.get("date_transmitted") if level != "village" else None)
        or complaint.get("date_submitted"))


def derive(complaint: dict, events) -> ComplaintState:
    """The complaint's state after every event, folded in history order (rules 1 to 4, `schemas.event_fold`)."""
    return fold(initial_state(complaint), events, event_errors, apply_event, converges=_converges)


def next_step(state: ComplaintState) -> int:
    """The step of an event made now, after everything in `state`."""
    return state.step + 1


def _converges(state: ComplaintState, event: dict) -> bool:
    """Rule 3: an escalation to the level already reached, not on a closed complaint; and the `open`
    status event that laptops made with every complaint before steps were kept (it repeats the form)."""
    if event.get("kind") == "status_change" and event.get("status") == "open" and not event.get("step"):
        return True
    return (event.get("kind") == "escalation" and event.get("escalation_level") == state.level
            and state.status != "closed")


def event_date(event: dict) -> str | None:
    """The date an event happened: its `date`, or (for events made before dates were kept) its time's date."""
    return event.get("date") or (str(event["time"])[:10] if event.get("time") else None)


def event_errors(state: ComplaintState, event: dict) -> list[FieldError]:
    """The rules `event` breaks against `state`, as FieldErrors (an empty list: it can apply)."""
    kind = event.get("kind")
    if state.status == "closed" and kind != "note":
        return [FieldError("kind", "complaint_closed", {"date": state.closed_date or "-"})]
    errors = _date_errors(state, event)
    check = _CHECKS.get(kind)
    return errors + (check(state, event) if check else [])


def _date_errors(state: ComplaintState, event: dict) -> list[FieldError]:
    date, submitted = event_date(event), state.date_submitted
    if date and submitted and date < submitted:
        return [FieldError("date", "date_order", {"other": {"id": "tanggal pengaduan", "en": "the date submitted"}})]
    if event.get("kind") == "acknowledgement" and date and state.response_date and date < state.response_date:
        return [FieldError("date", "date_order", {"other": {"id": "tanggal tanggapan", "en": "the response date"}})]
    return []


def _check_escalation(state: ComplaintState, event: dict) -> list[FieldError]:
    return check_escalation(state.level, event["escalation_level"])


def _check_status(state: ComplaintState, event: dict) -> list[FieldError]:
    new = event["status"]
    if new == "open" and state.status != "open":
        return [FieldError("status", "status_reopen_only", {"new": bilingual("complaint_status", new),
                                                            "reopen": bilingual("complaint_status", "in_progress")})]
    if new in SETTLED and not state.answered:
        return [_response_needed(state, new)]
    return []


def _check_acknowledgement(state: ComplaintState, event: dict) -> list[FieldError]:
    if state.answered:
        return []
    return [FieldError("kind", "acknowledgement_needs_response", {"level": bilingual("escalation_level", state.level)})]


def _response_needed(state: ComplaintState, status: str) -> FieldError:
    return FieldError("status", "response_needed", {"level": bilingual("escalation_level", state.level),
                                                    "status": bilingual("complaint_status", status)})


def _check_handover(state: ComplaintState, event: dict) -> list[FieldError]:
    """A case file is handed to the ombudsman or SP4N-LAPOR! once it has been sent up to that level."""
    if state.level == ESCALATION[-1]:
        return []
    return [FieldError("kind", "handover_level", {"level": bilingual("escalation_level", ESCALATION[-1]),
                                                  "now": bilingual("escalation_level", state.level)})]


def _check_referral(state: ComplaintState, event: dict) -> list[FieldError]:
    """Only a sensitive case is referred to the women's and children's protection unit."""
    if state.sensitive:
        return []
    return [FieldError("kind", "referral_not_sensitive")]


_CHECKS = {"escalation": _check_escalation, "status_change": _check_status,
           "acknowledgement": _check_acknowledgement, "handover": _check_handover, "referral": _check_referral}


def apply_event(state: ComplaintState, event: dict) -> ComplaintState:
    """The state after an event that breaks no rule (`event_errors` is empty)."""
    changes = _EFFECTS.get(event.get("kind"), lambda state, event, date: {})(state, event, event_date(event))
    return dataclasses.replace(state, step=max(state.step, step_of(event)), **changes)


def _progress(state: ComplaintState) -> str:
    return "in_progress" if state.status == "open" else state.status


def _status_change(state: ComplaintState, event: dict, date) -> dict:
    new = event["status"]
    if new == "closed":
        return {"status": new, "closed_date": date, "resolved_date": state.resolved_date or date}
    return {"status": new, "resolved_date": date if new == "resolved" else None}


def _escalation(state: ComplaintState, event: dict, date) -> dict:
    # A new level gives its own response; the acknowledgement of a lower level's response is history.
    return {"level": event["escalation_level"], "levels": (*state.levels, event["escalation_level"]),
            "status": "in_progress", "date_transmitted": date, "level_date": date, "acknowledged": False,
            "acknowledged_date": None,
            "resolved_date": None}


def _assignment(state: ComplaintState, event: dict, date) -> dict:
    return {"officer_in_charge": event["officer_in_charge"], "date_transmitted": date, "status": _progress(state)}


def _response(state: ComplaintState, event: dict, date) -> dict:
    answered = event.get("escalation_level") or state.level  # the level the officer answered at
    given = {"response": event["text"], "response_date": date, "response_level": answered,
             "acknowledged": False, "acknowledged_date": None}
    if answered != state.level:
        return given  # a lower level's answer that crossed an escalation: history, it settles nothing
    return {**given, "status": "resolved", "resolved_date": date}


def _acknowledgement(state: ComplaintState, event: dict, date) -> dict:
    return {"acknowledged": True, "acknowledged_date": state.acknowledged_date if state.acknowledged else date}


def _referral(state: ComplaintState, event: dict, date) -> dict:
    # The latest referral names where the case is now followed; the earlier ones stay in the history.
    return {"referred_to": event["referred_to"], "referral_date": date, "status": _progress(state)}


_EFFECTS = {"status_change": _status_change, "escalation": _escalation, "assignment": _assignment,
            "response": _response, "acknowledgement": _acknowledgement, "referral": _referral}
