"""Sensitive cases at the hub: to which device a sensitive complaint and its events may go, and who sees them.

A complaint of a sensitive category (`schemas.sensitive`) and every event appended to it are put in
the feed addressed to one device, the one that recorded the complaint (`FeedEntry.only_device`): the
other laptops of its village and the sub-district's laptops never receive them, while the recording
laptop still hears of the desk's response. A sensitive complaint taken at the hub (call centre) is
addressed to the hub itself, so no device receives it. At the desk and in the call centre, only an
actor with `desk.sensitive` (a district admin, the protection unit) sees one (docs/complaints.md).
"""

from sqlalchemy import select

from hub_server.models.records import Record
from schemas.sensitive import is_sensitive

CHUNK = 900


def addressees(session, states, creator: str) -> dict:
    """{record id: device id} for the sensitive complaints and their events among `states` (RecordStates about
    to be written): each may reach that device only. `creator` made the states that are new."""
    complaints = {state.record_id: state for state in states if state.table == "complaint"}
    events = [state for state in states if state.table == "complaint_event"]
    wanted = {event.values.get("complaint_id") for event in events} - set(complaints)
    wanted |= {record_id for record_id, state in complaints.items() if not state.is_new}
    held = _held(session, wanted)
    forms = {record_id: (state.values, creator) for record_id, state in complaints.items() if state.is_new}
    forms = {**held, **forms}
    found = {record_id: made_by for record_id, (data, made_by) in forms.items()
             if record_id in complaints and is_sensitive(data)}
    for event in events:
        data, made_by = forms.get(event.values.get("complaint_id"), (None, None))
        if is_sensitive(data):
            found[event.record_id] = made_by
    return found


def _held(session, complaint_ids) -> dict:
    """{complaint id: (its form, the device that recorded it)} for the complaints the hub holds among these."""
    ids, found = sorted(i for i in complaint_ids if i), {}
    for start in range(0, len(ids), CHUNK):
        query = select(Record.id, Record.data, Record.created_by).where(
            Record.id.in_(ids[start:start + CHUNK]), Record.table_name == "complaint")
        found |= {record_id: (data, made_by) for record_id, data, made_by in session.execute(query)}
    return found


def sees(actor) -> bool:
    """Whether `actor` may see sensitive cases at all (a district admin, the protection unit)."""
    return actor.can("desk.sensitive")


def sees_case(actor, village_code: str | None) -> bool:
    """Whether `actor` may see a sensitive case of this village (a sub-district's crisis centre: its own only)."""
    return sees(actor) and actor.covers([village_code or ""])
