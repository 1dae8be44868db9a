"""Recording the outcome of a field check on the sub-district's worklist, offline (`schemas.field_check`).

An officer of the sub-district goes to the village, sees the family card or the e-KTP, and records
what is right:

- for an inconsistency between sources (`check_inconsistency`): the right value when the sources
  disagree on a name, a date of birth or a sex (one of the sources' values or a corrected one), the
  document seen and a reason;
- for a resident a village registered (`check_resident`): confirmed from the document seen, or
  refused with the reason the village will read.

The outcome is a record written once, in a change-set like any other; the hub applies it at the next
sync and its status comes back (applied, or someone decided first). Until then the worklist shows the
item as checked and waiting for the hub, and a second check of the same item is refused here.
"""


from schemas.local_time import date_in_region
from schemas.records import schema_for
from village_client import outbox, records
from village_client.fieldrules import LocalError
from village_client.records import InvalidRecord, Officer


def check_inconsistency(store, officer: Officer, inconsistency_id: str, *, document: str, reason: str,
                        checked_on: str | None = None, value: str | None = None) -> str:
    """Record that an open inconsistency was checked; returns the record id. Raises InvalidRecord naming the
    form's fields (`decided_value`, `document`, `reason`, `checked_on`, `inconsistency_id`); nothing is saved then."""
    item = _open_item(store, "SELECT * FROM inconsistency WHERE id = ? AND status = 'open'", inconsistency_id,
                      "inconsistency_id", "inconsistency_id = ?")
    given = {"inconsistency_id": str(inconsistency_id), "nik": item["nik"], "outcome": "resolved",
             "decided_field": item["field"] or None, "decided_value": value if item["field"] else None}
    return _record(store, officer, item["village_code"], given, document, reason, checked_on)


def check_resident(store, officer: Officer, person_id: str, *, outcome: str, reason: str,
                   document: str | None = None, checked_on: str | None = None) -> str:
    """Record that a resident awaiting verification was confirmed or refused; returns the record id. Raises
    InvalidRecord naming the form's fields (`outcome`, `document`, `reason`, `checked_on`, `person_id`)."""
    person = _open_item(store, "SELECT p.* FROM person p JOIN record_status s ON s.record_id = p.id WHERE p.id = ? "
                               "AND s.status = 'awaiting_verification' AND p._deleted = 0", person_id,
                        "person_id", "person_id = ?")
    given = {"person_id": person_id, "nik": person["nik"], "outcome": outcome}
    return _record(store, officer, person["village_code"], given, document, reason, checked_on)


def _open_item(store, query: str, item_id: str, field: str, checked_where: str) -> dict:
    """The worklist item, still open here and not yet checked on this laptop. Raises InvalidRecord on `field`."""
    found = next(iter(store.db.query(query, [str(item_id)])), None)
    if found is None:
        raise InvalidRecord([LocalError(field, "not_on_worklist")])
    # A check the hub has not answered yet stands; one it kept without applying may be followed by another.
    if store.scalar(f"SELECT 1 FROM field_check c LEFT JOIN record_status s ON s.record_id = c.id WHERE "
                    f"c.{checked_where} AND c._deleted = 0 AND s.status IS NULL", (str(item_id),)):
        raise InvalidRecord([LocalError(field, "already_checked")])
    return found


def _record(store, officer: Officer, village_code: str, given: dict, document, reason, checked_on) -> str:
    data = {**given, "village_code": village_code, "document": document or None, "reason": reason,
            "checked_on": checked_on or date_in_region(village_code), "officer": officer.username}
    given = {name: value for name, value in data.items() if value is not None}
    try:
        clean = records.validate("field_check", given)
    except InvalidRecord as invalid:
        # The rules across fields (a document, the value) are said at once too, not after a second try.
        named = {error.field for error in invalid.errors}
        across = [error for error in schema_for("field_check").record_errors(given) if error.field not in named]
        raise InvalidRecord(list(invalid.errors) + across) from None
    records.check_scope(store, clean["village_code"])

    def build(db, device_id):
        record_id = outbox.next_record_id(db, device_id)
        return record_id, [records.create_op(db, "field_check", record_id, clean)]

    return records.save(store, officer, build)[0]


def checks_of(db, column: str, ids) -> dict:
    """{item id: the field check recorded here, with the hub's word on it} for worklist items."""
    if column not in ("inconsistency_id", "person_id") or not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.query(f"SELECT c.*, s.status AS hub_status, s.data AS hub_data FROM field_check c LEFT JOIN "
                    f"record_status s ON s.record_id = c.id WHERE c.{column} IN ({marks}) AND c._deleted = 0 "
                    f"ORDER BY c.id", [str(item) for item in ids])
    return {row[column]: row for row in rows}
