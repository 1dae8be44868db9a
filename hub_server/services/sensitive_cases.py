"""Sensitive cases at the hub: to which device a sensitive complaint and its events may go, and who sees them.

A complaint of a sensitive category (`schemas.sensitive`) and every event appended to it are put in
the feed addressed to one device, the one that recorded the complaint (`FeedEntry.only_device`): the
other laptops of its village and the sub-district's laptops never receive them, while the recording
laptop still hears of the desk's response. A sensitive complaint taken at the hub (call centre) is
addressed to the hub itself, so no device receives it. At the desk and in the call centre, only an
actor with `desk.sensitive` (a district admin, the protection unit) sees one (docs/complaints.md).
"""

from hub_server.services import one_device
from schemas.sensitive import is_sensitive

SENSITIVE = one_device.Private("complaint", "complaint_event", "complaint_id", is_sensitive)


def addressees(session, states, creator: str) -> dict:
    """{record id: device id} for the sensitive complaints and their events among `states` (RecordStates about
    to be written): each may reach that device only. `creator` made the states that are new."""
    return one_device.addressees(session, states, creator, SENSITIVE)


def sees(actor) -> bool:
    """Whether `actor` may see sensitive cases at all (a district admin, the protection unit)."""
    return actor.can("desk.sensitive")


def sees_case(actor, village_code: str | None) -> bool:
    """Whether `actor` may see a sensitive case of this village (a sub-district's crisis centre: its own only)."""
    return sees(actor) and actor.covers([village_code or ""])
