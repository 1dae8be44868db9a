"""A complaint the hub itself records (the call centre): a normal synced complaint record of a village.

`record(uow, village_code=..., form=...)` fills in the action form as a laptop would (the reference
from the hub's counter, `ADU/<village>/HUB/<nnnn>`), checks it with the records' schema, writes it
at a fresh feed position of its village (so every laptop of the village receives it at its next sync
and the desk sees it), and derives its state for the desk's queues. A form that carries a response
(a call settled on the phone) starts `resolved`, as `schemas.complaint_state.initial_state` says.
The caller commits.
"""

import uuid

from hub_server.models.records import Record
from hub_server.services import complaint_desk, complaints
from hub_server.services.apply import RecordCache, RecordState
from hub_server.services.record_store import write_cache
from schemas.errors import ValidationFailure
from schemas.records import dump_record, load_record
from sync_protocol.merge import HUB

CALL_CENTRE_LEVEL = "district"  # the call centre is the district's: its complaints start at that level


def form_data(village_code: str, form: dict, today) -> dict:
    """The complaint record the hub would write from `form`, before its reference is taken."""
    data = {"id": str(uuid.uuid4()), "village_code": village_code, "date_submitted": today.isoformat(),
            "reference_number": "ADU/0000", "channel": "call_centre", "escalation_level": CALL_CENTRE_LEVEL,
            "status": "open", **{key: value for key, value in form.items() if value not in (None, "")}}
    if data.get("response"):  # answered on the phone: settled the day it was recorded
        data.update(response_date=today.isoformat(), status="resolved", resolved_date=today.isoformat())
    return data


def errors(village_code: str, form: dict, today, lang: str = "id") -> list:
    """The rules of the record the complaint `form` breaks (schemas FieldErrors), for a form to show."""
    try:
        load_record("complaint", form_data(village_code, form, today), lang=lang, today=today)
    except ValidationFailure as failure:
        return failure.errors
    return []


def record(uow, *, village_code: str, form: dict, lang: str = "id", today=None) -> Record:
    """Write the complaint `form` (complaint fields; blanks count as not given) of `village_code`, submitted
    `today` (the district's date; the village's own if not given).

    Raises schemas.ValidationFailure (nothing written) when the form breaks a rule of the record.
    """
    session, today = uow.session, today or uow.today_in(village_code)
    data = form_data(village_code, form, today)
    clean, _ = load_record("complaint", data, lang=lang, today=today)
    clean["reference_number"] = complaints.next_reference(session, village_code)
    values = {**dump_record("complaint", clean), "_deleted": False}
    state = RecordState("complaint", data["id"], village_code, dict(values), values=values, is_new=True, changed=True)
    write_cache(session, RecordCache({data["id"]: state}), origin={}, device_id=HUB, seq_of={})
    complaint_desk.refresh(session, [data["id"]])
    return session.get(Record, data["id"])
