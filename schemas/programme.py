"""A programme of the catalogue the hub keeps and every laptop reads offline.

National (PKH, BPJS Kesehatan PBI, BSM, JSLU...), provincial or district programmes, each under one
guarantee of the Social Protection Floor. A provincial or district programme names its region
(`35` East Java, `35.07` Kabupaten Malang); a national one names none. The benefit is described in
words and, when it is money, as an amount per period. The eligibility rule is data
(`schemas.eligibility`); without one, beneficiaries are identified by people, not by matching.
`quota` is the number of beneficiaries the budget covers (none: no limit).

What a citizen is told (SWS function 1) is held in both languages, `{"id": ..., "en": ...}`: who is
eligible in plain words, the procedure, where to apply, and the focal point (office, name, phone);
`benefit_en` is the benefit in English beside `benefit`, as `name_en` is beside `name`. The
documents to bring are `required_documents`. All are optional: a laptop shows what is given.

A programme that pays on a claim (BPJS Ketenagakerjaan work injury and death, a hospital bill under BPJS
Kesehatan) lists under `claims` each kind of claim it pays, with the documents the agency asks for
(`documents_required`) and those that help (`documents_optional`): the checklist a claim is recorded
against (`schemas.claim`). The documents' labels in both languages are the `document` vocabulary's.
"""

import re

from schemas import fields as f
from schemas import region
from schemas.base import RecordSchema
from schemas.choices import bilingual
from schemas.errors import FieldError

_REGION_LEVEL = {"provincial": "province", "district": "regency"}
_STEP = re.compile(r"\s+(?=\d+\.\s)")  # "1. Bawa KTP. 2. Desa mencatat..." -> one step per number


def procedure_steps(text: str) -> list:
    """A procedure written as numbered steps in one text, as its steps (without their numbers): the laptop's
    and the hub's leaflets print them as a numbered list."""
    parts = _STEP.split(text.strip()) if text else []
    return [re.sub(r"^\d+\.\s+", "", part) for part in parts] if len(parts) > 1 else parts


class FocalPointSchema(RecordSchema):
    """Who registers applicants for the programme: the office, and a person to ask there."""

    record_kind = "focal_point"

    office = f.BilingualText(required=True, max_length=200)
    name = f.Text(max_length=100)
    phone = f.Phone()


class ClaimKindSchema(RecordSchema):
    """One kind of claim a programme pays, and its documents checklist."""

    record_kind = "claim_kind"

    claim_kind = f.Choice("claim_kind", required=True)
    documents_required = f.List(f.Choice("document"), max_length=20, unique=True, required=True)
    documents_optional = f.List(f.Choice("document"), max_length=20, unique=True, load_default=list)

    def record_errors(self, data: dict) -> list[FieldError]:
        twice = [name for name in data.get("documents_optional") or () if name in data["documents_required"]]
        return [FieldError("documents_optional", "claim_document_both", {"value": name}) for name in twice[:1]]


def claim_checklist(programme: dict, kind: str) -> dict | None:
    """The checklist of one kind of claim on a programme record (`claims` entry), or None if it pays no such claim."""
    return next((entry for entry in programme.get("claims") or () if entry.get("claim_kind") == kind), None)


class ProgrammeSchema(RecordSchema):
    record_kind = "programme"

    code = f.ProgrammeCode(required=True)
    name = f.Text(required=True, max_length=150)
    name_en = f.Text(max_length=150)
    guarantee = f.Choice("guarantee", required=True)
    level = f.Choice("programme_level", required=True)
    region_code = f.RegionCode(None)
    benefit = f.Text(required=True, max_length=1000)
    benefit_amount = f.Rupiah()
    benefit_period = f.Choice("benefit_period")
    eligibility_rule = f.EligibilityRule()
    quota = f.Integer(minimum=0)
    required_documents = f.List(f.Choice("document"), max_length=20, unique=True, load_default=list)
    description = f.Text(max_length=4000)
    benefit_en = f.Text(max_length=1000)
    eligibility_plain = f.BilingualText(max_length=1000)
    procedure = f.BilingualText(max_length=2000)
    where_to_apply = f.BilingualText(max_length=500)
    focal_point = f.Nested(FocalPointSchema)
    active = f.Bool(load_default=True)
    claims = f.List(f.Nested(ClaimKindSchema, allow_none=False), max_length=10, load_default=list)

    def record_errors(self, data: dict) -> list[FieldError]:
        errors = _region_errors(data.get("level"), data.get("region_code"))
        kinds = [entry["claim_kind"] for entry in data.get("claims") or ()]
        errors += [FieldError(f"claims.{index}.claim_kind", "claim_kind_twice", {"value": kind})
                   for index, kind in enumerate(kinds) if kind in kinds[:index]]
        if data.get("benefit_amount") is not None and not data.get("benefit_period"):
            errors.append(FieldError("benefit_period", "benefit_period_required"))
        return errors


def _region_errors(programme_level: str | None, region_code: str | None) -> list[FieldError]:
    if programme_level == "national":
        return [FieldError("region_code", "programme_region_national")] if region_code else []
    expected = _REGION_LEVEL.get(programme_level)
    if expected is None:
        return []
    if not region_code:
        return [FieldError("region_code", "programme_region_required",
                           {"level": bilingual("programme_level", programme_level)})]
    found = region.level(region_code)
    if found != expected:
        return [FieldError("region_code", "region_level", {"expected": bilingual("region_level", expected),
                                                           "got": bilingual("region_level", found),
                                                           "code": region_code})]
    return []
