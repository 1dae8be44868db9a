"""What a person does at the complaints desk: each action is a `complaint_event` the hub appends.

An action is checked as a laptop checks an event at capture: with the schema (its own fields), then
against the state derived from every event the hub holds (`schemas.complaint_state.event_errors`),
under the hub's write lock so no sync batch or other desk action slips in between. A wrong
transition is refused with the field, rule and message, and nothing is saved. An event that passes
is a new record with a hub-made id (`hub-<n>`, from the hub's counter) and the next `step`, put in
the feed of the complaint's village like any record, so the village's laptops receive it at their
next sync (docs/complaints.md).

Actions: `assign` (officer in charge), `forward` (escalation to the next level, with a note),
`respond`, `acknowledge` (the complainant's, with its date), `close`, `reopen`, `note`,
`handover` (to the ombudsman or SP4N-LAPOR!, once the complaint is at the ombudsman level) and `refer`
(a sensitive case to the women's and children's protection unit: a `referral` event). An event on a
sensitive case reaches only the laptop that recorded the complaint (`services/sensitive_cases.py`).
"""

import datetime as dt

from hub_server.errors import Forbidden, NotFound
from hub_server.models.records import Record
from hub_server.services import audit, complaint_desk, complaints, sensitive_cases
from hub_server.services.apply import RecordCache, RecordState
from hub_server.services.record_store import lock_writes, write_cache
from schemas.complaint_state import derive, event_errors, next_step
from schemas.dates import iso_datetime
from schemas.errors import FieldError, ValidationFailure
from schemas.records import dump_record, load_record
from schemas.sensitive import is_sensitive
from sync_protocol.merge import HUB

# Who a case file is handed to: the event's `officer_in_charge` names them (a name: letters only, so
# SP4N-LAPOR! is recorded by its service's name, LAPOR).
HANDOVER_TO = {"ombudsman": "Ombudsman Republik Indonesia", "sp4n_lapor": "LAPOR"}
ACTIONS = ("assign", "forward", "respond", "acknowledge", "close", "reopen", "note", "handover", "refer")
CASE_FILE_FORMAT = "sws-complaint-case-file"
CASE_FILE_VERSION = 1


def _event(action: str, form: dict, state) -> dict:
    """The event an action makes from the form's fields (the rest of the form is not used)."""
    text = (form.get("text") or "").strip() or None
    made = {
        "assign": lambda: {"kind": "assignment", "officer_in_charge": (form.get("officer_in_charge") or "").strip()
                           or None, "text": text},
        "forward": lambda: {"kind": "escalation", "escalation_level": state.next_level or state.level, "text": text},
        "respond": lambda: {"kind": "response", "text": text, "escalation_level": state.level},
        "acknowledge": lambda: {"kind": "acknowledgement", "text": text},
        "close": lambda: {"kind": "status_change", "status": "closed", "text": text},
        "reopen": lambda: {"kind": "status_change", "status": "in_progress", "text": text},
        "note": lambda: {"kind": "note", "text": text},
        "handover": lambda: {"kind": "handover", "officer_in_charge": HANDOVER_TO.get(form.get("to") or ""),
                             "text": text},
        "refer": lambda: {"kind": "referral", "referred_to": (form.get("referred_to") or "").strip() or None,
                          "text": text},
    }[action]()
    return {name: value for name, value in made.items() if value is not None}


def _form_errors(action: str, form: dict) -> list:
    if action not in ACTIONS:
        return [FieldError("action", "choice", {"choices": ", ".join(ACTIONS)})]
    if action == "handover" and form.get("to") not in HANDOVER_TO:
        return [FieldError("to", "choice", {"choices": ", ".join(HANDOVER_TO)})]
    return []


def act(uow, actor, complaint_id: str, action: str, form: dict, *, lang: str = "id") -> Record:
    """Record a desk action on a complaint as a new event. Returns the event record.

    Raises NotFound (no such complaint, or not the actor's to see), Forbidden (not the actor's level
    or scope), ValidationFailure (a field or a wrong transition: nothing saved).
    """
    session = uow.session
    lock_writes(session)  # the state checked is the state the event is appended to
    record = complaints.complaint(session, complaint_id)
    if record is None or (is_sensitive(record.data) and not sensitive_cases.sees_case(actor, record.village_code)):
        raise NotFound(path=f"complaint/{complaint_id}")  # a sensitive case is not even there for others
    state = derive(record.data, complaints.events_of(session, [record.id])[record.id])
    if not complaint_desk.may_act(actor, state.level, record.village_code or "", record.data.get("programme_code"),
                                  sensitive=state.sensitive):
        raise Forbidden(permission="desk.act", level=state.level)
    errors = _form_errors(action, form)
    if errors:
        raise ValidationFailure(errors, lang=lang)
    today = uow.today_in(record.village_code)
    event = {"id": "hub-0", "complaint_id": record.id, "officer": officer_name(actor),
             "time": iso_datetime(uow.now()), "date": (form.get("date") or "").strip() or today.isoformat(),
             "step": next_step(state), **_event(action, form, state)}
    loaded, _ = load_record("complaint_event", event, lang=lang, today=today)  # raises ValidationFailure
    clean = dump_record("complaint_event", loaded)  # JSON-ready, as records are held and derived from
    errors = event_errors(state, clean)
    if errors:
        raise ValidationFailure(errors, lang=lang)
    clean["id"] = _next_event_id(session)
    saved = write_event(session, "complaint_event", record.village_code, clean)
    complaint_desk.refresh(session, [record.id])
    audit.record(uow, actor, f"complaint.{action}", f"record:{record.id}", event=saved.id, kind=clean["kind"],
                 level=state.level)
    uow.commit()
    return saved


def officer_name(actor) -> str:
    """The user name an event names as its officer ("user:siti" -> "siti")."""
    return actor.name.split(":", 1)[-1]


def _next_event_id(session) -> str:
    """`hub-<n>`: the hub's own counter, so desk events order among themselves as a laptop's do."""
    return f"hub-{complaints.next_count(session, 'complaint_event')}"


def write_event(session, table: str, village_code: str | None, clean: dict) -> Record:
    """Write an event the hub made as a new record, in the feed of its village (as a laptop's would be)."""
    values = {**clean, "_deleted": False}
    state = RecordState(table, clean["id"], village_code, dict(values), values=values, is_new=True, changed=True)
    write_cache(session, RecordCache({clean["id"]: state}), origin={}, device_id=HUB, seq_of={})
    return session.get(Record, clean["id"])


def case_file(session, record: Record, *, exported_by: str, now: dt.datetime, hub: str = "") -> dict:
    """The complaint's case file for the ombudsman or SP4N-LAPOR! (format in docs/complaints.md)."""
    found = complaints.complaint_file(session, record)
    state = found["state"]
    events = [{**event, "flags": [error.rule for error in state.flags.get(str(event["id"]), ())]}
              for event in found["events"]]
    return {"format": CASE_FILE_FORMAT, "version": CASE_FILE_VERSION, "hub": hub,
            "exported_at": iso_datetime(now), "exported_by": exported_by,
            "complaint": {**record.data, "id": record.id}, "state": state.as_dict(), "events": events}

