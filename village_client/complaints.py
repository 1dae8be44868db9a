"""Complaints on the laptop: the action form, the events that follow it, and the state they make.

The complaint record is the form as it was filled in and is never edited; everything after it is an
event appended to its history. Status, level, officer in charge, date transmitted, response and
acknowledgement are derived from the form and the events held (`schemas.complaint_state`), the same
way the hub and every other laptop derive them. An event is checked against that state before it
is saved (`event_errors`): a wrong transition is refused naming its rule, and nothing is written.

Reference numbers are made here without a network: `ADU/<village code>/<device id>/<nnnn>`, from the
laptop's own counter of complaints; the device id makes them unique across laptops (docs/complaints.md).

A sensitive case (`schemas.sensitive`: violence against women and children, trafficking) is seen on
this laptop by the officer who recorded it only (`may_see`); the other officers of the laptop neither
list it nor open it, and are told how many such cases the laptop holds. The hub never sends it to the
village's other laptops (docs/complaints.md, "Sensitive cases").
"""


from schemas.complaint_state import ComplaintState, derive, event_errors, history, next_step
from schemas.local_time import date_in_region
from schemas.roles import refusal
from schemas.sensitive import SENSITIVE_CATEGORIES, is_sensitive
from village_client import memberships, outbox, records
from village_client.fieldrules import LocalError
from village_client.records import InvalidRecord, Officer
from village_client.store import now_text

# The fields an officer gives for each kind of event (besides its date); anything else is refused.
KIND_FIELDS = {"status_change": ("status", "text"), "escalation": ("escalation_level", "text"),
               "assignment": ("officer_in_charge", "text"), "response": ("text",), "acknowledgement": ("text",),
               "note": ("text",), "referral": ("referred_to", "text")}
LIST_LIMIT = 300


def reference_number(village_code: str, device_id: str, counter: int) -> str:
    """`ADU/35.07.01.2001/KZDVVJ2UMN/0007`: readable, and unique because the device id is."""
    return f"ADU/{village_code}/{device_id.upper()}/{counter:04d}"


def _next_reference(db, device_id: str, village_code: str) -> str:
    db.execute("UPDATE device SET complaint_counter = complaint_counter + 1 WHERE id = 1")
    counter = db.execute("SELECT complaint_counter FROM device WHERE id = 1").fetchone()[0]
    return reference_number(village_code, device_id, counter)


def record_complaint(store, officer: Officer, complaint: dict) -> str:
    """Record a complaint on the action form; returns its id.

    The reference number is made by the laptop (`reference_assigned` if one is given); the date
    submitted defaults to today, the officer in charge to the officer recording it, the dates of a
    response and an acknowledgement given on the form to the date submitted. Raises InvalidRecord.
    """
    given = records._filled(complaint)
    if "reference_number" in given:
        raise InvalidRecord([LocalError("reference_number", "reference_assigned")])
    clean = records.validate("complaint", _with_defaults(officer, given))
    records.check_scope(store, clean["village_code"])
    _check_payment(store.db, clean)

    def build(db, device_id):
        complaint_id = outbox.next_record_id(db, device_id)
        clean["reference_number"] = _next_reference(db, device_id, clean["village_code"])
        if is_sensitive(clean):  # in the same transaction: never a moment when anyone else could open it
            db["sensitive_complaint"].insert({"complaint_id": complaint_id, "recorded_by": officer.username})
        return complaint_id, [records._create(db, "complaint", complaint_id, clean)]

    return records.save(store, officer, build)[0]


def _check_payment(db, clean: dict) -> None:
    """A payment named must be a membership this laptop holds for the complainant, counting in that month."""
    if not clean.get("payment_membership"):
        return
    nik = clean.get("complainant_nik") or next((row["nik"] for row in db.query(
        "SELECT nik FROM person WHERE id = ?", [clean.get("complainant_person_id") or ""])), None)
    if not memberships.person_month_exists(db, nik, clean["payment_membership"],
                                           memberships.month_of(clean.get("payment_period"))):
        raise InvalidRecord([LocalError("payment_membership", "payment_membership_unknown")])


def _with_defaults(officer: Officer, given: dict) -> dict:
    values = {"reference_number": "ADU/0000", "date_submitted": date_in_region(given.get("village_code")), **given}
    values.setdefault("officer_in_charge", officer.full_name)
    if values.get("response"):
        values.setdefault("response_date", values["date_submitted"])
    if _yes(values.get("acknowledged")):
        values.setdefault("acknowledged_date", values.get("response_date") or values["date_submitted"])
    return values


def _yes(value) -> bool:
    return str(value).strip().lower() in ("1", "yes", "ya", "true")


def add_complaint_event(store, officer: Officer, complaint_id: str, values: dict) -> str:
    """Append an event to a complaint's history, after checking it against the complaint's state.

    `values`: `kind` and the fields of that kind (KIND_FIELDS), and `date` (default today). A
    response names the level it answers (the complaint's level now). Raises InvalidRecord: the
    complaint is not on this laptop, a field breaks a rule, or the event is a wrong transition
    (`complaint_closed`, `escalation_skip`, `response_needed`...); nothing is saved.
    """
    complaint = _visible(store, officer, complaint_id)
    values = records._filled(values)
    _refuse_unused(values)

    def build(db, device_id):
        # The state is read inside the write transaction (BEGIN IMMEDIATE): another window or a CLI
        # command cannot add an event between the check and the save.
        clean = _checked_event(db, officer, complaint, values)
        event_id = outbox.next_record_id(db, device_id)
        return event_id, [records._create(db, "complaint_event", event_id, clean, kind="append")]

    return records.save(store, officer, build)[0]


def _checked_event(db, officer: Officer, complaint: dict, values: dict) -> dict:
    """The event's clean values, checked with the schema and against the complaint's state. Raises InvalidRecord."""
    state = state_of(db, complaint)
    if values.get("kind") == "response":
        values = {**values, "escalation_level": state.level}  # the level it answers
    event = {"complaint_id": complaint["id"], "officer": officer.username, "time": now_text(),
             "date": date_in_region(complaint.get("village_code")), "step": next_step(state), **values}
    clean = records.validate("complaint_event", event)
    errors = event_errors(state, clean)
    if errors:
        raise InvalidRecord(errors)
    return clean


def _refuse_unused(values: dict) -> None:
    allowed = {"kind", "date", *KIND_FIELDS.get(values.get("kind"), KIND_FIELDS["note"])}
    unused = [name for name in values if name not in allowed]
    if unused:
        raise InvalidRecord([LocalError(name, "event_field_unused") for name in unused])


def events_of(db, complaint_ids) -> dict:
    """{complaint id: [event rows]} for the complaints given, in one query."""
    return records.rows_by_parent(db, "complaint_event", "complaint_id", complaint_ids, _plain)


def _plain(row: dict) -> dict:
    return {name: value for name, value in row.items() if value is not None and name != "extra"}


def state_of(db, complaint: dict) -> ComplaintState:
    return derive(_plain(complaint), events_of(db, [complaint["id"]])[complaint["id"]])


def may_see(db, officer: Officer, complaint: dict) -> bool:
    """Whether `officer` may see this complaint here: any complaint but a sensitive case, which only the officer
    who recorded it sees (one this laptop did not record: the officers whose role records complaints)."""
    if not is_sensitive(complaint):
        return True
    row = db.execute("SELECT recorded_by FROM sensitive_complaint WHERE complaint_id = ?", [complaint["id"]]).fetchone()
    if row is None:
        return refusal(officer.role, "complaint", "create", {}) is None
    return row[0] == officer.username


def _visible(store, officer: Officer, complaint_id: str) -> dict:
    """The complaint, if `officer` may see it. Raises InvalidRecord(`complaint_id`, not_found) otherwise: a sensitive
    case is not there for an officer who need not know, exactly as a complaint this laptop does not hold."""
    complaint = records.get_record(store, "complaint", complaint_id, field="complaint_id")
    if not may_see(store.db, officer, complaint):
        raise InvalidRecord([LocalError("complaint_id", "not_found")])
    return complaint


def complaint_file(store, complaint_id: str, officer: Officer) -> dict:
    """The form, its derived state and its history (each event with the rules it was flagged for).

    Raises InvalidRecord(`complaint_id`, not_found), also for a sensitive case `officer` may not see.
    """
    complaint = _visible(store, officer, complaint_id)
    state = state_of(store.db, complaint)
    return {"complaint": complaint, "state": state, "events": list(history(state.history))}


def complaints(store, officer: Officer, limit: int = LIST_LIMIT) -> tuple:
    """(the latest complaints `officer` may see, each as (row, derived state); how many sensitive cases of
    other officers this laptop holds, which `officer` does not see)."""
    rows = list(store.db.query("SELECT * FROM complaint WHERE _deleted = 0 ORDER BY date_submitted DESC, id DESC "
                               "LIMIT ?", [limit]))
    shown = [row for row in rows if may_see(store.db, officer, row)]
    events = events_of(store.db, [row["id"] for row in shown])
    marks = ", ".join("?" for _ in SENSITIVE_CATEGORIES)
    sensitive = store.db.query(f"SELECT id, category FROM complaint WHERE _deleted = 0 AND category IN ({marks})",
                               SENSITIVE_CATEGORIES)
    withheld = sum(not may_see(store.db, officer, row) for row in sensitive)
    return [(row, derive(_plain(row), events[row["id"]])) for row in shown], withheld
