"""A claim the SWS facilitates (a BPJS Ketenagakerjaan work-injury or death benefit, a hospital bill
under BPJS Kesehatan) and its append-only events.

A claim is recorded in the village (or at the hub) for a member of a programme that pays on claims:
the person by NIK (and the laptop's person record when there is one), the programme, the number on the
membership card, the kind of claim (one of the programme's `claims` in the catalogue), the date of
the accident, death or hospital stay, the amount claimed when known, the documents the claimant
brought (each on the kind's checklist) and a note. The record holds the claim as it was recorded;
what happens next is a claim event, and the claim's status is derived from its events
(`schemas.claim_state`): `submitted_to_agency` (the hub passed it to the agency in an export),
`paid` (with the amount and the day), `refused` (with a reason from `claim_refusal_reason`), `note`.
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.choices import bilingual
from schemas.errors import FieldError
from schemas.messages import LABELS
from schemas.programme import claim_checklist

CARD_NUMBER = r"[0-9A-Za-z][0-9A-Za-z./-]{0,31}"  # as a membership's number (hub_server.services.memberships)


class ClaimSchema(RecordSchema):
    record_kind = "claim"

    id = f.RecordId(required=True)
    village_code = f.RegionCode("village", required=True)
    person_id = f.RecordId()
    nik = f.Nik(required=True)
    name = f.Name(required=True, max_length=100)
    programme_code = f.ProgrammeCode(required=True)
    card_number = f.Code(CARD_NUMBER, "card_number_format", required=True)
    claim_kind = f.Choice("claim_kind", required=True)
    happened_on = f.Date(required=True, past=True)
    amount_claimed = f.Rupiah()
    documents_present = f.List(f.Choice("document"), max_length=20, unique=True, load_default=list)
    notes = f.Text(max_length=2000)
    recorded_on = f.Date(required=True, past=True)
    officer = f.Officer(required=True)

    def record_errors(self, data: dict) -> list[FieldError]:
        if data.get("recorded_on") and data.get("happened_on") and data["recorded_on"] < data["happened_on"]:
            return [FieldError("recorded_on", "date_order", {"other": LABELS["happened_on"]})]
        return []


def checklist_errors(claim: dict, programme: dict) -> list[FieldError]:
    """The rules a claim breaks against its programme's catalogue entry: the programme pays this kind of
    claim, and every document present is on the kind's checklist."""
    name = programme.get("name") or programme.get("code")
    kind = bilingual("claim_kind", claim.get("claim_kind"))
    checklist = claim_checklist(programme, claim.get("claim_kind"))
    if checklist is None:
        return [FieldError("claim_kind", "claim_kind_not_paid", {"programme": name, "kind": kind})]
    listed = (*checklist["documents_required"], *(checklist.get("documents_optional") or ()))
    return [FieldError(f"documents_present.{index}", "claim_document_unknown",
                       {"value": bilingual("document", document), "kind": kind})
            for index, document in enumerate(claim.get("documents_present") or ()) if document not in listed]


def membership_errors(claim: dict, memberships) -> list[FieldError]:
    """The rules a claim breaks against the memberships held of its person (each `{"programme", "number"}`, as
    the laptops hold them): a claim is only for a member of the programme, and names the card of that membership."""
    if not claim.get("nik") or not claim.get("programme_code"):
        return []  # the field's own rule (required) says what is missing
    numbers = [held.get("number") for held in memberships if held.get("programme") == claim.get("programme_code")]
    if not numbers:
        return [FieldError("programme_code", "claim_no_membership",
                           {"nik": claim.get("nik") or "-", "programme": claim.get("programme_code") or "-"})]
    if claim.get("card_number") and claim["card_number"] not in numbers:
        return [FieldError("card_number", "claim_card_mismatch", {"number": ", ".join(numbers)})]
    return []


def missing_documents(claim: dict, programme: dict | None) -> tuple:
    """The required documents of the claim's checklist that the claimant has not brought (none known: ())."""
    checklist = claim_checklist(programme or {}, claim.get("claim_kind"))
    present = set(claim.get("documents_present") or ())
    return tuple(name for name in (checklist or {}).get("documents_required", ()) if name not in present)


# What each kind of event must hold.
EVENT_NEEDS = {"submitted_to_agency": (), "paid": ("amount_paid", "paid_on"), "refused": ("refusal_reason",),
               "note": ("text",)}


class ClaimEventSchema(RecordSchema):
    record_kind = "claim_event"

    id = f.RecordId(required=True)
    claim_id = f.RecordId(required=True)
    kind = f.Choice("claim_event_kind", required=True)
    officer = f.Officer(required=True)
    time = f.DateTime(required=True)
    date = f.Date(past=True)
    step = f.Integer(minimum=0)
    amount_paid = f.Rupiah()
    paid_on = f.Date(past=True)
    refusal_reason = f.Choice("claim_refusal_reason")
    agency_reference = f.Text(max_length=100)  # the export file, or the agency's letter or transfer reference
    text = f.Text(max_length=2000)

    def record_errors(self, data: dict) -> list[FieldError]:
        kind = bilingual("claim_event_kind", data["kind"])
        errors = [FieldError(name, "event_field_required", {"kind": kind})
                  for name in EVENT_NEEDS[data["kind"]] if data.get(name) in (None, "")]
        if data["kind"] == "refused" and data.get("refusal_reason") == "other" and not data.get("text"):
            errors.append(FieldError("text", "event_field_required",
                                     {"kind": bilingual("claim_refusal_reason", "other")}))
        if data.get("amount_paid") is not None and data["amount_paid"] <= 0:
            errors.append(FieldError("amount_paid", "integer_min", {"min": 1}))
        return errors
