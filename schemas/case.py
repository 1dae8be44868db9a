"""A case (case management, and the one-roof services for migrant workers) and its append-only events.

A case worker opens a case for a person (by NIK) or a household (by family card), of one kind: a
household's personal plan, a prospective migrant worker, a migrant worker abroad, a returnee, the
family of a migrant worker, or a crisis (violence against women or children, trafficking); a village
secretary opens one kind only, a referral from the SWS desk (`desk_referral`, with its referral event). The case
record holds what was known when it opened; everything after is a case event, never edited or
removed, and the case's state (open, active, closed; its plan, referrals and migrant record) is
derived from its events (`schemas.case_state`), merged like a complaint's.

Event kinds: `assessment` (answers to the needs form, `schemas.case_needs`), `plan_action` (a service
from the directory, who does it, by when), `session` (counselling, mediation, legal aid, training or
a visit, with its outcome), `referral` (to a service of the directory) and `referral_answer`,
`migrant` (pre-departure, stay abroad, return and reintegration), `closure` (with its reason), `note`.
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.case_needs import NeedsAnswers
from schemas.choices import bilingual
from schemas.errors import FieldError

SERVICE_CODE = r"[A-Z0-9][A-Z0-9-]{1,39}"  # a code of the directory of services (PKM-KEPANJEN, BLK-SINGOSARI)
HOUSEHOLD_KINDS = ("household_plan", "migrant_family")  # a case for a household, by its family card
MIGRANT_KINDS = ("prospective_migrant", "migrant_abroad", "returnee", "migrant_family")
# A referral made at the SWS desk by the village secretary: a case opened with its referral event, for a
# person (NIK) or a household (family card), whichever was at the desk (docs/cases.md).
DESK_REFERRAL = "desk_referral"


class CaseSchema(RecordSchema):
    record_kind = "case"

    id = f.RecordId(required=True)
    village_code = f.RegionCode("village", required=True)
    case_kind = f.Choice("case_kind", required=True)
    subject_name = f.Name(required=True, max_length=100)
    nik = f.Nik()
    kk_number = f.Kk()
    person_id = f.RecordId()
    household_id = f.RecordId()
    opened_on = f.Date(required=True, past=True)
    officer = f.Officer(required=True)  # the case worker in charge
    summary = f.Text(max_length=2000)

    def record_errors(self, data: dict) -> list[FieldError]:
        kind = bilingual("case_kind", data["case_kind"])
        if data["case_kind"] == DESK_REFERRAL:
            held = any(data.get(name) for name in ("nik", "person_id", "kk_number", "household_id"))
            return [] if held else [FieldError("nik", "case_subject_required", {"kind": kind})]
        if data["case_kind"] in HOUSEHOLD_KINDS and not (data.get("kk_number") or data.get("household_id")):
            return [FieldError("kk_number", "case_subject_required", {"kind": kind})]
        if data["case_kind"] not in HOUSEHOLD_KINDS and not (data.get("nik") or data.get("person_id")):
            return [FieldError("nik", "case_subject_required", {"kind": kind})]
        return []


# What each kind of event must hold.
EVENT_NEEDS = {"assessment": ("answers",), "plan_action": ("service_code", "action", "responsible", "due_date"),
               "session": ("session_kind", "session_outcome"), "referral": ("service_code",),
               "referral_answer": ("referral_id", "referral_answer"), "migrant": ("migrant_stage",),
               "closure": ("closure_reason",), "note": ("text",)}


class CaseEventSchema(RecordSchema):
    record_kind = "case_event"

    id = f.RecordId(required=True)
    case_id = f.RecordId(required=True)
    kind = f.Choice("case_event_kind", required=True)
    officer = f.Officer(required=True)
    time = f.DateTime(required=True)
    date = f.Date(past=True)
    step = f.Integer(minimum=0)
    answers = NeedsAnswers()
    service_code = f.Code(SERVICE_CODE, "service_code_format", upper=True)
    action = f.Text(max_length=500)
    responsible = f.Name(max_length=100)
    due_date = f.Date()
    session_kind = f.Choice("case_session_kind")
    session_outcome = f.Choice("case_session_outcome")
    referral_id = f.RecordId()
    referral_answer = f.Choice("referral_answer")
    migrant_stage = f.Choice("migrant_stage")
    destination_country = f.Choice("destination_country")
    placement_agency = f.Text(max_length=150)
    job = f.Text(max_length=150)
    documents = f.List(f.Choice("migrant_document"), max_length=20, unique=True)
    pre_departure_training = f.Bool()
    contact = f.Text(max_length=200)
    return_date = f.Date(past=True)
    reintegration_plan = f.Text(max_length=2000)
    closure_reason = f.Choice("case_closure_reason")
    text = f.Text(max_length=4000)

    def record_errors(self, data: dict) -> list[FieldError]:
        kind = bilingual("case_event_kind", data["kind"])
        errors = [FieldError(name, "event_field_required", {"kind": kind})
                  for name in EVENT_NEEDS[data["kind"]] if data.get(name) in (None, "", [])]
        if data.get("migrant_stage") == "returned" and not data.get("return_date"):
            errors.append(FieldError("return_date", "event_field_required",
                                     {"kind": bilingual("migrant_stage", "returned")}))
        return errors


def is_crisis(case: dict | None) -> bool:
    """A crisis case (violence against women or children, trafficking): seen only by who must."""
    return bool(case) and case.get("case_kind") == "crisis"


def is_confidential_event(event: dict) -> bool:
    """A counselling session's notes: they reach the case worker in charge only, whatever the case."""
    return event.get("kind") == "session" and event.get("session_kind") == "counselling"
