"""Complaints at the hub: each with the state derived from its events, its history, and reference numbers.

The hub holds a complaint as the laptops do: the action form as filled in (a `complaint` record) and
every event appended to it (`complaint_event` records, from any device). Its status, level, officer
in charge, date transmitted, response and acknowledgement are derived with the same pure function
the laptops use (`schemas.complaint_state.derive`), so every screen shows the same state a village
laptop shows once it holds the same events. Reads only, except `next_reference`.
"""

from sqlalchemy import select

from hub_server.models.records import HubCounter, Record
from hub_server.services.record_store import lock_writes
from schemas.complaint_state import derive, history

HUB_DEVICE = "HUB"  # in a reference made at the hub, where a laptop's reference has its device id


def events_of(session, complaint_ids) -> dict:
    """{complaint id: [event data with its id]} for the complaints given, in one query."""
    ids = list(complaint_ids)
    found = {complaint_id: [] for complaint_id in ids}
    if not ids:
        return found
    query = select(Record).where(Record.table_name == "complaint_event",
                                 Record.data["complaint_id"].as_string().in_(ids))
    for record in session.execute(query).scalars():
        found.setdefault(record.data.get("complaint_id"), []).append({**record.data, "id": record.id})
    return found


def with_state(session, records: list) -> list:
    """Each complaint record as {"record", "state"}, the state derived from the events the hub holds."""
    events = events_of(session, [record.id for record in records])
    return [{"record": record, "state": derive(record.data, events[record.id])} for record in records]


def complaint(session, record_id: str) -> Record | None:
    found = session.get(Record, record_id)
    return found if found is not None and found.table_name == "complaint" else None


def complaint_file(session, record: Record) -> dict:
    """The form, its derived state and its history in history order, each flagged event with its rules."""
    state = derive(record.data, events_of(session, [record.id])[record.id])
    return {"record": record, "complaint": record.data, "state": state, "events": list(history(state.history))}


def next_reference(session, village_code: str) -> str:
    """`ADU/<village>/HUB/<nnnn>` from the hub's own counter, taken under the hub's write lock.

    Laptops number their complaints with their device id in that place, so no laptop's number and no
    hub number can be the same (docs/complaints.md).
    """
    lock_writes(session)
    return f"ADU/{village_code}/{HUB_DEVICE}/{next_count(session, 'complaint_reference'):04d}"


def next_count(session, name: str) -> int:
    """The next value of one of the hub's own counters (call under the write lock)."""
    counter = session.get(HubCounter, name)
    if counter is None:
        counter = HubCounter(name=name, value=0)
        session.add(counter)
    counter.value += 1
    session.flush()
    return counter.value
