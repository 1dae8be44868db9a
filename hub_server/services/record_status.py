"""Telling the village what the hub made of the records it keeps (feed kind "status", ref = record id).

Registrations of residents no extract holds, community corrections and applications are kept
whether or not they can count (`schemas.record_status`). `publish` puts a record's status in the
feed of its village whenever it may have changed; `feed_entries` reads the current status when a
device pulls, so a laptop always sees the latest word, once.
"""

from sqlalchemy import select

from hub_server.models.population import FieldCheckOutcome, Person
from hub_server.models.programmes import Application, ListCorrection
from hub_server.services import record_store
from schemas.record_status import entry_data

CHUNK = 900
PERSON_STATUS = {"awaiting": "awaiting_verification", "confirmed": "confirmed", "refused": "refused",
                 "source": "verified"}


def publish(session, records) -> None:
    """Put the status of `records` ((record id, village code) pairs) in their villages' feed."""
    unique = dict(records)
    if unique:
        record_store.publish(session, [("status", record_id, village) for record_id, village in unique.items()])


def _rows(session, columns: tuple, key, refs) -> list:
    rows = []
    for start in range(0, len(refs), CHUNK):
        rows += session.execute(select(*columns).where(key.in_(refs[start:start + CHUNK]))).all()
    return rows


def _when(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "status": {record id: entry} for the records the hub holds a status of."""
    refs, found = list(refs), {}
    for table, model in (("list_correction", ListCorrection), ("application", Application)):
        for row in _rows(session, (model.record_id, model.problem), model.record_id, refs):
            found[row.record_id] = (table, entry_data(row.problem or "counted"))
    people = (Person.registered_record, Person.verification, Person.verification_note, Person.verified_by,
              Person.verified_at)
    for row in _rows(session, people, Person.registered_record, refs):
        found[row.registered_record] = ("person", entry_data(
            PERSON_STATUS.get(row.verification, "awaiting_verification"), note=row.verification_note,
            decided_by=row.verified_by, decided_at=_when(row.verified_at)))
    checks = (FieldCheckOutcome.record_id, FieldCheckOutcome.applied, FieldCheckOutcome.decided_by)
    for row in _rows(session, checks, FieldCheckOutcome.record_id, refs):
        found[row.record_id] = ("field_check", entry_data("field_check_applied") if row.applied
                                else entry_data("already_decided", decided_by=row.decided_by))
    return {ref: {"kind": "status", "table": table, "id": ref, "data": data} for ref, (table, data) in found.items()}
