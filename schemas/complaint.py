"""A complaint (the action form) and its append-only events.

The action form: reference number, date submitted, the complainant (a registered resident, or a
name with NIK, address and phone as told, or anonymous), category, the programme concerned (optional),
what happened, the action the complainant asks for, date transmitted to the officer or unit that
handles it, officer in charge, the response given and the complainant's acknowledgement (the signature
on the paper form). The record holds the form as it was filled in; what happens next is a complaint
event, and the complaint's current state is derived from its events (`schemas.complaint_state`).
A complaint that cannot be solved moves up: village -> sub_district -> district -> skpd (technical unit)
-> ombudsman (provincial), one level at a time, never down (`check_escalation`).

Events are never edited or removed: a status change, an escalation, the assignment of an officer in
charge, a response, the complainant's acknowledgement or a note, each with the officer, the time and
the date it happened. `step` puts the event after every event its officer had seen (one more than the
highest step seen); times are what the laptop's clock said, for people to read, and only order
events that no one saw the other of (docs/complaints.md).
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
    anonymous = f.Bool(load_default=False)
    complainant_name = f.Name(max_length=100)
    complainant_nik = f.Nik()
    complainant_address = f.Text(max_length=200)
    complainant_phone = f.Phone()
    channel = f.Choice("complaint_channel")
    category = f.Choice("complaint_category", required=True)
    programme_code = f.ProgrammeCode()
    # A "payment delay" may name the membership (the hub's id, as the laptop holds it) and the month it is about.
    payment_membership = f.Code(r"[1-9][0-9]{0,18}", "payment_membership_format")
    payment_period = f.Code(r"20[0-9]{2}-(0[1-9]|1[0-2])", "payment_period_format")
    description = f.Text(required=True, max_length=4000)
    desired_action = f.Text(max_length=2000)
    response = f.Text(max_length=4000)
    response_date = f.Date(past=True)
    acknowledged = f.Bool(load_default=False)
    acknowledged_date = f.Date(past=True)
    escalation_level = f.Choice("escalation_level", load_default="village")
    status = f.Choice("complaint_status", load_default="open")
    resolved_date = f.Date(past=True)

    def record_errors(self, data: dict) -> list[FieldError]:
        errors = _order_errors(data) + _complainant_errors(data) + _payment_errors(data)
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


PAYMENT_FIELDS = ("payment_membership", "payment_period")


def _payment_errors(data: dict) -> list[FieldError]:
    """Only a payment delay names a payment, and then both the membership and the month."""
    given = [name for name in PAYMENT_FIELDS if data.get(name)]
    if given and data.get("category") != "payment_delay":
        return [FieldError(name, "payment_only_for_delay") for name in given]
    if len(given) == 1:
        return [FieldError(name, "payment_link_incomplete") for name in PAYMENT_FIELDS if name not in given]
    return []


IDENTIFYING = ("complainant_person_id", "complainant_name", "complainant_nik", "complainant_address",
               "complainant_phone")


def _complainant_errors(data: dict) -> list[FieldError]:
    """A complainant is named (a resident or a name), or anonymous and then nothing identifies them."""
    if data.get("anonymous"):
        return [FieldError(name, "anonymous_identified") for name in IDENTIFYING if data.get(name)]
    if not data.get("complainant_person_id") and not data.get("complainant_name"):
        return [FieldError("complainant_name", "complainant_required")]
    return []


def check_escalation(current: str, new: str, *, field: str = "escalation_level") -> list[FieldError]:
    """The error of moving a complaint from escalation level `current` to `new`: it goes up one level at a time.

    `escalation_backwards` for the same or a lower level, `escalation_skip` past the next level.
    """
    old, wanted = ESCALATION.index(current), ESCALATION.index(new)
    params = {"old": bilingual("escalation_level", current), "new": bilingual("escalation_level", new)}
    if wanted <= old:
        return [FieldError(field, "escalation_backwards", params)]
    if wanted > old + 1:
        return [FieldError(field, "escalation_skip", {**params, "next": bilingual("escalation_level",
                                                                                    ESCALATION[old + 1])})]
    return []


_EVENT_NEEDS = {"status_change": "status", "escalation": "escalation_level", "assignment": "officer_in_charge",
                "response": "text", "note": "text", "handover": "text", "referral": "referred_to"}


class ComplaintEventSchema(RecordSchema):
    record_kind = "complaint_event"

    id = f.RecordId(required=True)
    complaint_id = f.RecordId(required=True)
    kind = f.Choice("complaint_event_kind", required=True)
    officer = f.Officer(required=True)
    time = f.DateTime(required=True)
    date = f.Date(past=True)
    step = f.Integer(minimum=0)
    status = f.Choice("complaint_status")
    escalation_level = f.Choice("escalation_level")
    officer_in_charge = f.Name(max_length=100)
    referred_to = f.Choice("protection_unit")  # of a referral: the protection unit the case went to
    text = f.Text(max_length=4000)

    def record_errors(self, data: dict) -> list[FieldError]:
        needed = _EVENT_NEEDS.get(data.get("kind"))
        if needed and not data.get(needed):
            kind = bilingual("complaint_event_kind", data["kind"])
            return [FieldError(needed, "event_field_required", {"kind": kind})]
        return []
