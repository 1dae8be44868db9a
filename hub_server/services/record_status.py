"""Telling the village what the hub made of the records it keeps (feed kind "status", ref = record id).

Registrations of residents no extract holds, community corrections and applications are kept
whether or not they can count (`schemas.record_status`). `publish` puts a record's status in the
feed of its village whenever it may have changed; `feed_entries` reads the current status when a
device pulls, so a laptop always sees the latest word, once.
"""

from sqlalchemy import select

from hub_server.models.population import Person
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


def _rows(session, column, refs) -> list:
    rows = []
    for start in range(0, len(refs), CHUNK):
        rows += session.execute(select(column.class_).where(column.in_(refs[start:start + CHUNK]))).scalars()
    return rows


def _when(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "status": {record id: entry} for the records the hub holds a status of."""
    refs, found = list(refs), {}
    for kept in _rows(session, ListCorrection.record_id, refs):
        found[kept.record_id] = entry_data(kept.record_id, "list_correction", kept.problem or "counted")
    for kept in _rows(session, Application.record_id, refs):
        found[kept.record_id] = entry_data(kept.record_id, "application", kept.problem or "counted")
    for person in _rows(session, Person.registered_record, refs):
        found[person.registered_record] = entry_data(
            person.registered_record, "person", PERSON_STATUS.get(person.verification, "awaiting_verification"),
            note=person.verification_note, decided_by=person.verified_by, decided_at=_when(person.verified_at))
    return {ref: {"kind": "status", "table": data["table"], "id": ref, "data": data} for ref, data in found.items()}
