"""The one definition of every record, used by the village client's forms, the hub API and the importers.

    clean, warnings = load_record("person", data, lang="en")      # ValidationFailure on bad input
    clean = clean_record("person", data)                          # the same, without the warnings
    check_nik("3507015505900001", sex="F", birth_date="1990-05-15")  # validators work without marshmallow
    sub_districts("35.07")                                         # the 2025 Kemendagri region list

Errors and warnings are `FieldError(field, rule, params)`; their messages come from the bilingual
catalogue in `schemas.messages` (Bahasa Indonesia by default, English). See docs/schemas.md.
"""

from schemas.application import ApplicationSchema, check_transition
from schemas.base import RecordSchema
from schemas.complaint import ComplaintEventSchema, ComplaintSchema, check_escalation
from schemas.dates import check_birth_date, check_date, check_datetime
from schemas.eligibility import check_rule
from schemas.errors import Check, FieldError, ValidationFailure, error_dicts, errors_from_marshmallow
from schemas.household import HouseholdSchema, KkEntrySchema
from schemas.kk import check_kk
from schemas.list_correction import ListCorrectionSchema
from schemas.messages import CATALOGUE, LANGUAGES, label, message
from schemas.money import check_rupiah
from schemas.nik import check_nik
from schemas.person import PersonSchema
from schemas.phone import check_phone
from schemas.programme import ProgrammeSchema
from schemas.records import SCHEMAS, clean_record, dump_record, load_record, schema_for
from schemas.region import (
    check_region_code,
    children,
    exists,
    level,
    normalize_region_code,
    region_name,
    sub_districts,
    villages,
)
from schemas.region_record import RegionSchema
from schemas.rtrw import check_rt_rw

__all__ = [
    "CATALOGUE", "LANGUAGES", "SCHEMAS",
    "ApplicationSchema", "Check", "ComplaintEventSchema", "ComplaintSchema", "FieldError", "HouseholdSchema",
    "KkEntrySchema", "ListCorrectionSchema", "PersonSchema", "ProgrammeSchema", "RecordSchema", "RegionSchema",
    "ValidationFailure",
    "check_birth_date", "check_date", "check_datetime", "check_escalation", "check_kk", "check_nik",
    "check_phone", "check_region_code", "check_rt_rw", "check_rule", "check_rupiah", "check_transition",
    "children", "clean_record", "dump_record", "error_dicts", "errors_from_marshmallow", "exists", "label", "level",
    "load_record", "message", "normalize_region_code", "region_name", "schema_for", "sub_districts", "villages",
]
