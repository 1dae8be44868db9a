"""Who a case may reach: crisis cases and counselling notes go to the device of the case worker in charge only.

A crisis case (`schemas.case.is_crisis`) and every event appended to it, and the notes of a
counselling session on any case (`schemas.case.is_confidential_event`), are put in the feed addressed
to one device, the one that recorded the case (`FeedEntry.only_device`, as for sensitive complaints):
the other laptops of its village and the sub-district's never receive them. At the hub a crisis case
and counselling notes are read by district admins (`cases.confidential`) and by the case worker in
charge (the hub user with the case's officer name) only (docs/cases.md, "Who sees what").
"""

from hub_server.services import one_device
from schemas.case import is_confidential_event, is_crisis

CRISIS = one_device.Private("case", "case_event", "case_id", is_crisis, is_confidential_event)


def addressees(session, states, creator: str) -> dict:
    """{record id: device id} for the crisis cases, their events and counselling notes among `states`
    (RecordStates about to be written): each may reach that device only. `creator` made the new states."""
    return one_device.addressees(session, states, creator, CRISIS)


def in_charge(actor, officer: str | None) -> bool:
    """Whether `actor` is the case worker in charge (hub user name = the case's officer)."""
    return bool(officer) and actor.name == f"user:{officer}"


def reads_confidential(actor, officer: str | None) -> bool:
    """Whether `actor` reads a case's confidential parts (a crisis case at all, counselling notes)."""
    return actor.can("cases.confidential") or in_charge(actor, officer)
