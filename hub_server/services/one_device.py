"""Records that may reach one device only: a record and the events appended to it, kept from the other laptops.

Sensitive complaints (`sensitive_cases`) and crisis cases with counselling notes (`case_privacy`) follow
one rule: a record judged private, and every event appended to it, go in the feed addressed to the
device that recorded the record (`FeedEntry.only_device`); an event may also be private on its own
(a counselling note on an ordinary case). `Private` says which tables and which judgements;
`addressees` applies it to the states a change-set is about to write.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from hub_server.models.records import Record

CHUNK = 900  # ids per IN (...) list


@dataclass(frozen=True)
class Private:
    table: str  # the record, e.g. "complaint"
    event_table: str  # its append-only events, e.g. "complaint_event"
    link: str  # the event's field naming its record, e.g. "complaint_id"
    record_is_private: Callable[[dict | None], bool]
    event_is_private: Callable[[dict], bool] = lambda values: False


def addressees(session, states, creator: str, rule: Private) -> dict:
    """{record id: device id} for the private records and events among `states` (RecordStates about to be
    written): each may reach that device only. `creator` made the states that are new."""
    records = {state.record_id: state for state in states if state.table == rule.table}
    events = [state for state in states if state.table == rule.event_table]
    wanted = {event.values.get(rule.link) for event in events} - set(records)
    wanted |= {record_id for record_id, state in records.items() if not state.is_new}
    forms = held(session, rule.table, wanted)
    forms |= {record_id: (state.values, creator) for record_id, state in records.items() if state.is_new}
    found = {record_id: forms[record_id][1] for record_id in records
             if record_id in forms and rule.record_is_private(forms[record_id][0])}
    for event in events:
        data, made_by = forms.get(event.values.get(rule.link), (None, None))
        if made_by and (rule.record_is_private(data) or rule.event_is_private(event.values)):
            found[event.record_id] = made_by
    return found


def held(session, table: str, record_ids) -> dict:
    """{record id: (its data, the device that recorded it)} for the records of `table` the hub holds among these."""
    ids, found = sorted(i for i in record_ids if i), {}
    for start in range(0, len(ids), CHUNK):
        query = select(Record.id, Record.data, Record.created_by).where(Record.id.in_(ids[start:start + CHUNK]),
                                                                        Record.table_name == table)
        found |= {record_id: (data, made_by) for record_id, data, made_by in session.execute(query)}
    return found
