"""Who a case may reach: crisis cases and counselling notes go to the device of the case worker in charge only.

A crisis case (`schemas.case.is_crisis`) and every event appended to it, and the notes of a
counselling session on any case (`schemas.case.is_confidential_event`), are put in the feed addressed
to one device, the one that recorded the case (`FeedEntry.only_device`, as for sensitive complaints):
the other laptops of its village and the sub-district's never receive them. At the hub a crisis case
and counselling notes are read by district admins (`cases.confidential`) and by the case worker in
charge (the hub user with the case's officer name) only (docs/cases.md, "Who sees what").
"""

from sqlalchemy import select

from hub_server.models.records import Record
from schemas.case import is_confidential_event, is_crisis

CHUNK = 900  # ids per IN (...) list (record_store's chunks would import this module back)


def addressees(session, states, creator: str) -> dict:
    """{record id: device id} for the crisis cases, their events and counselling notes among `states`
    (RecordStates about to be written): each may reach that device only. `creator` made the new states."""
    cases = {state.record_id: state for state in states if state.table == "case"}
    events = [state for state in states if state.table == "case_event"]
    wanted = {event.values.get("case_id") for event in events} - set(cases)
    forms = _held(session, wanted | {record_id for record_id, state in cases.items() if not state.is_new})
    forms |= {record_id: (state.values, creator) for record_id, state in cases.items() if state.is_new}
    found = {record_id: forms[record_id][1] for record_id in cases
             if record_id in forms and is_crisis(forms[record_id][0])}
    for event in events:
        data, made_by = forms.get(event.values.get("case_id"), (None, None))
        if made_by and (is_crisis(data) or is_confidential_event(event.values)):
            found[event.record_id] = made_by
    return found


def _held(session, case_ids) -> dict:
    """{case id: (its record, the device that recorded it)} for the cases the hub holds among these."""
    ids, found = sorted(i for i in case_ids if i), {}
    for start in range(0, len(ids), CHUNK):
        query = select(Record.id, Record.data, Record.created_by).where(Record.id.in_(ids[start:start + CHUNK]),
                                                                        Record.table_name == "case")
        found |= {record_id: (data, made_by) for record_id, data, made_by in session.execute(query)}
    return found


def in_charge(actor, officer: str | None) -> bool:
    """Whether `actor` is the case worker in charge (hub user name = the case's officer)."""
    return bool(officer) and actor.name == f"user:{officer}"


def reads_confidential(actor, officer: str | None) -> bool:
    """Whether `actor` reads a case's confidential parts (a crisis case at all, counselling notes)."""
    return actor.can("cases.confidential") or in_charge(actor, officer)
