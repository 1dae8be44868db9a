"""Cases on the laptop: a case worker opens a case offline and follows it with events (`schemas.case`).

The case record is what was known when it opened and is never edited; every step after it (a needs
assessment, a plan action, a session, a referral and its answer, the migrant worker's record, the
closure) is an event appended to its history, checked against the case's state before it is saved
(`schemas.case_state.event_errors`): a wrong step is refused naming its rule, and nothing is written.

Who sees what here (docs/cases.md, "Who sees what"): the officers whose role follows cases (the
case worker, `schemas.roles`); a referral from the SWS desk (`village_client.referrals`) also the
officers who make them (the village secretary). A crisis case is seen by the case worker in charge only (its
`officer`), and so are the notes of a counselling session on any case; the others are told how many
crisis cases they do not see. The hub never sends these to another laptop.
"""

import json

from schemas import fields as f
from schemas.case import DESK_REFERRAL, is_crisis
from schemas.case_needs import questions
from schemas.case_state import MIGRANT_FIELDS, CaseState, derive, event_errors, next_step, visible_history
from schemas.local_time import date_in_region
from schemas.roles import refusal
from sync_protocol.changeset import Operation
from village_client import directory, outbox, records
from village_client.fieldrules import LocalError
from village_client.records import InvalidRecord, Officer
from village_client.store import now_text

# The fields an officer gives for each kind of event (besides its date and text); anything else is refused.
KIND_FIELDS = {"assessment": ("answers",), "plan_action": ("service_code", "action", "responsible", "due_date"),
               "session": ("session_kind", "session_outcome"), "referral": ("service_code",),
               "referral_answer": ("referral_id", "referral_answer"),
               "migrant": MIGRANT_FIELDS,
               "closure": ("closure_reason",), "note": ()}
JSON_FIELDS = ("answers", "documents")  # kept as JSON text, as the hub's copy arrives
LIST_LIMIT = 300


def open_case(store, officer: Officer, values: dict) -> str:
    """Open a case; returns its id. `opened_on` defaults to today, the case worker in charge to `officer`.
    Raises InvalidRecord naming each field (and `case` for an officer whose role does not follow cases)."""
    given = {"opened_on": date_in_region(values.get("village_code")), **records._filled(values),
             "officer": officer.username}
    return records.create_one(store, officer, "case", given)


def open_with_referral(store, officer: Officer, values: dict, case_kind: str, found: tuple = ()) -> tuple:
    """Open a case of `case_kind` with a referral event to a service of the directory; returns (case id, referral
    id). `values`: the case's fields, the service's `service_code` and the referral's `text`; `found`: errors
    the caller's own rules found already (told first, each field once). Everything is
    checked before anything is saved: a wrong service code or case field leaves no case behind. Raises
    InvalidRecord naming each field (an officer who may not open such a case is refused naming `case`)."""
    referral = records._filled({"kind": "referral", "service_code": values.get("service_code"),
                                "text": values.get("text")})
    case_values = {name: value for name, value in values.items() if name not in ("service_code", "text")}
    errors = list(found) + _errors_of("case_event", {"case_id": records.PLACEHOLDER_ID, "officer": officer.username,
                                        "time": now_text(), **referral})
    if not any(error.field == "service_code" for error in errors):  # a code the directory can be asked about
        errors += directory.errors(store.db, referral)
    opened_on = date_in_region(values.get("village_code"))
    errors += _errors_of("case", {"opened_on": opened_on, **records._filled(case_values),
                                  "case_kind": case_kind, "officer": officer.username})
    if errors:
        named = {error.field for error in found}
        raise InvalidRecord([error for error in errors if error in found or error.field not in named])
    case_id = open_case(store, officer, {**case_values, "case_kind": case_kind})
    return case_id, add_case_event(store, officer, case_id, referral)


def _errors_of(table: str, values: dict) -> list:
    try:
        records.validate(table, values)
    except InvalidRecord as invalid:
        return list(invalid.errors)
    return []


def add_case_event(store, officer: Officer, case_id: str, values: dict) -> str:
    """Append an event to a case's history after checking it against the case's state; returns its id.

    `values`: `kind`, the fields of that kind (KIND_FIELDS), `text` and `date` (default today); an
    assessment's answers as `answers` (a dict) or form fields `answers.<question>`. Raises InvalidRecord:
    the case is not here for `officer`, a field breaks a rule, or the step does not follow (`case_closed`,
    `referral_unknown`, `case_not_migrant`...); nothing is saved then.
    """
    case = _visible(store, officer, case_id)
    values = _event_values(records._filled(values))

    def build(db, device_id):
        # Read inside the write transaction: no other window adds an event between the check and the save.
        state = state_of(db, case)
        event = {"case_id": case_id, "officer": officer.username, "time": now_text(),
                 "date": date_in_region(case.get("village_code")), "step": next_step(state), **values}
        clean = records.validate("case_event", event)
        errors = event_errors(state, clean) + directory.errors(db, clean)
        if errors:
            raise InvalidRecord(errors)
        event_id = outbox.next_record_id(db, device_id)
        db["case_event"].insert({"id": event_id, **{name: _stored(value) for name, value in clean.items()
                                                    if value is not None}})
        return event_id, [Operation("append", "case_event", event_id, clean)]

    return records.save(store, officer, build)[0]


def _event_values(values: dict) -> dict:
    """The values an officer gave, with an assessment's `answers.<code>` gathered and typed as the form says."""
    answers = {key.partition(".")[2]: value for key, value in values.items() if key.startswith("answers.")}
    values = {key: value for key, value in values.items() if not key.startswith("answers.")}
    if answers:
        values["answers"] = typed_answers(answers)
    if isinstance(values.get("documents"), str):
        values["documents"] = [code.strip() for code in values["documents"].split(",") if code.strip()]
    allowed = {"kind", "date", "text", *KIND_FIELDS.get(values.get("kind"), ())}
    unused = [name for name in values if name not in allowed]
    if unused:
        raise InvalidRecord([LocalError(name, "event_field_unused") for name in unused])
    return values


ANSWER_READERS = {"integer": f.Integer(), "boolean": f.Bool()}  # how the record's own fields read typed text


def typed_answers(answers: dict) -> dict:
    """Answers typed as text (a form, the command line) in the kinds the form defines; what cannot be read
    stays as typed so that the check names it."""
    known, typed = questions(), {}
    for code, value in answers.items():
        reader = ANSWER_READERS.get(known.get(code, {}).get("type"))
        read = reader.check(value) if reader else None
        typed[code] = read.value if read is not None and read.ok else value
    return typed


def _stored(value):
    return json.dumps(value) if isinstance(value, dict | list) else value


def _plain(row: dict) -> dict:
    """A stored row as the record it is: JSON fields read back, flags as booleans, nothing empty."""
    found = {name: value for name, value in row.items() if value is not None and name not in ("extra", "_deleted")}
    for name in JSON_FIELDS:
        if isinstance(found.get(name), str):
            found[name] = json.loads(found[name])
    if "pre_departure_training" in found:
        found["pre_departure_training"] = bool(found["pre_departure_training"])
    return found


def events_of(db, case_ids) -> dict:
    """{case id: [events]} for the cases given, in one query."""
    return records.rows_by_parent(db, "case_event", "case_id", case_ids, _plain)


def state_of(db, case: dict) -> CaseState:
    return derive(_plain(case), events_of(db, [case["id"]])[case["id"]])


def follows_cases(officer: Officer) -> bool:
    return refusal(officer.role, "case", "create", {}) is None


def refers_from_desk(officer: Officer) -> bool:
    """Whether `officer` refers people met at the SWS desk (a `desk_referral` case, `schemas.roles`)."""
    return refusal(officer.role, "case", "create", {"case_kind": DESK_REFERRAL}) is None


def may_see(officer: Officer, case: dict) -> bool:
    """Any case for an officer who follows cases; a crisis case for the case worker in charge only; a referral
    from the SWS desk for the officers who make them too."""
    if case.get("case_kind") == DESK_REFERRAL and refers_from_desk(officer):
        return True
    return follows_cases(officer) and (not is_crisis(case) or case.get("officer") == officer.username)


def _visible(store, officer: Officer, case_id: str) -> dict:
    """The case, if `officer` may see it. Raises InvalidRecord(`case_id`, not_found) otherwise: a crisis case is
    not there for an officer who need not know, exactly as a case this laptop does not hold."""
    case = records.get_record(store, "case", case_id, field="case_id")
    if not may_see(officer, case):
        raise InvalidRecord([LocalError("case_id", "not_found")])
    return case


def case_file(store, case_id: str, officer: Officer) -> dict:
    """The case, its derived state and its history as `officer` may read it (counselling notes for the case
    worker in charge only), with `people`: {user name: full name} of the laptop's officers, to name who did
    each step. Raises InvalidRecord(`case_id`, not_found)."""
    case = _plain(_visible(store, officer, case_id))
    state = state_of(store.db, case)
    mine = case.get("officer") == officer.username and follows_cases(officer)
    shown = visible_history(state, mine)
    people = {row["username"]: row["full_name"] for row in store.db.query("SELECT username, full_name FROM officer")}
    return {"case": case, "state": state, "events": list(shown), "withheld_notes": len(state.history) - len(shown),
            "people": people}


def cases(store, officer: Officer, limit: int = LIST_LIMIT) -> tuple:
    """(the latest cases `officer` may see, each as (case, derived state); how many crisis cases are withheld)."""
    if not follows_cases(officer):
        return [], 0
    rows = [_plain(row) for row in store.db.query(
        "SELECT * FROM [case] WHERE _deleted = 0 ORDER BY opened_on DESC, id DESC LIMIT ?", [limit])]
    shown = [row for row in rows if may_see(officer, row)]
    events = events_of(store.db, [row["id"] for row in shown])
    return [(row, derive(row, events[row["id"]])) for row in shown], len(rows) - len(shown)
