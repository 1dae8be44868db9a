"""A complaint (the action form) and its append-only events.

The action form: reference number, date submitted, date transmitted to the officer or unit that
handles it, officer in charge, category, the programme concerned (optional), description, the response
given to the complainant and the complainant's acknowledgement (the signature on the paper form).
A complaint that cannot be solved moves up: village -> sub_district -> district -> skpd (technical unit)
-> ombudsman (provincial), never down (`check_escalation`).

Events are never edited or removed: a status change, an escalation, a response or a note, each with the
officer and the time. Their times are what the laptop's clock said, for people to read; they are not
checked against the clock and never order anything.
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.choices import bilingual, values
from schemas.errors import FieldError
from schemas.messages import LABELS

ESCALATION = values("escalation_level")
DONE = ("resolved", "closed")


class ComplaintSchema(RecordSchema):
    record_kind = "complaint"

    id = f.RecordId(required=True)
    reference_number = f.Reference(required=True)
    village_code = f.RegionCode("village", required=True)
    date_submitted = f.Date(required=True, past=True)
    date_transmitted = f.Date(past=True)
    officer_in_charge = f.Name(max_length=100)
    complainant_person_id = f.RecordId()
    complainant_name = f.Name(max_length=100)
    complainant_phone = f.Phone()
    channel = f.Choice("complaint_channel")
    category = f.Choice("complaint_category", required=True)
    programme_code = f.ProgrammeCode()
    description = f.Text(required=True, max_length=4000)
    response = f.Text(max_length=4000)
    response_date = f.Date(past=True)
    acknowledged = f.Bool(load_default=False)
    acknowledged_date = f.Date(past=True)
    escalation_level = f.Choice("escalation_level", load_default="village")
    status = f.Choice("complaint_status", load_default="open")
    resolved_date = f.Date(past=True)

    def record_errors(self, data: dict) -> list[FieldError]:
        errors = _order_errors(data)
        if not data.get("complainant_person_id") and not data.get("complainant_name"):
            errors.append(FieldError("complainant_name", "complainant_required"))
        if (data.get("status") in DONE or data.get("acknowledged")) and not data.get("response"):
            errors.append(FieldError("response", "response_required"))
        if data.get("status") in DONE and not data.get("resolved_date"):
            errors.append(FieldError("resolved_date", "resolved_date_required",
                                     {"status": bilingual("complaint_status", data["status"])}))
        return errors


_AFTER = (("date_transmitted", "date_submitted"), ("response_date", "date_submitted"),
          ("resolved_date", "date_submitted"), ("acknowledged_date", "response_date"))


def _order_errors(data: dict) -> list[FieldError]:
    return [FieldError(later, "date_order", {"other": LABELS[earlier]})
            for later, earlier in _AFTER
            if data.get(later) and data.get(earlier) and data[later] < data[earlier]]


def check_escalation(current: str, new: str, *, field: str = "escalation_level") -> list[FieldError]:
    """The error of moving a complaint from escalation level `current` to `new`, unless `new` is higher."""
    if ESCALATION.index(new) > ESCALATION.index(current):
        return []
    return [FieldError(field, "escalation_backwards", {"old": bilingual("escalation_level", current),
                                                        "new": bilingual("escalation_level", new)})]


_EVENT_NEEDS = {"status_change": "status", "escalation": "escalation_level", "response": "text", "note": "text"}


class ComplaintEventSchema(RecordSchema):
    record_kind = "complaint_event"

    id = f.RecordId(required=True)
    complaint_id = f.RecordId(required=True)
    kind = f.Choice("complaint_event_kind", required=True)
    officer = f.Officer(required=True)
    time = f.DateTime(required=True)
    status = f.Choice("complaint_status")
    escalation_level = f.Choice("escalation_level")
    text = f.Text(max_length=4000)

    def record_errors(self, data: dict) -> list[FieldError]:
        needed = _EVENT_NEEDS.get(data.get("kind"))
        if needed and not data.get(needed):
            kind = bilingual("complaint_event_kind", data["kind"])
            return [FieldError(needed, "event_field_required", {"kind": kind})]
        return []
