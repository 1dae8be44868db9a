"""The one definition of every record, used by the village client's forms, the hub API and the importers.

    clean, warnings = load_record("person", data, lang="en")      # ValidationFailure on bad input
    clean = clean_record("person", data)                          # the same, without the warnings
    check_nik("3507015505900001", sex="F", birth_date="1990-05-15")  # validators work without marshmallow
    sub_districts("35.07")                                         # the 2025 Kemendagri region list

Errors and warnings are `FieldError(field, rule, params)`; their messages come from the bilingual
catalogue in `schemas.messages` (Bahasa Indonesia by default, English). See docs/schemas.md.
"""

import importlib

# Where each name of the package lives. Names are imported on first use (PEP 562), so that a program
# needing one small module (`schemas.errors`, `schemas.region`) does not load marshmallow and every schema:
# the laptop's command line starts in a fraction of a second (docs/performance.md).
_HOME = {
    "ApplicationSchema": "application", "check_transition": "application",
    "RecordSchema": "base",
    "ComplaintEventSchema": "complaint", "ComplaintSchema": "complaint", "check_escalation": "complaint",
    "check_birth_date": "dates", "check_date": "dates", "check_datetime": "dates",
    "check_rule": "eligibility",
    "Check": "errors", "FieldError": "errors", "ValidationFailure": "errors", "error_dicts": "errors",
    "errors_from_marshmallow": "errors",
    "HouseholdSchema": "household", "KkEntrySchema": "household",
    "check_kk": "kk",
    "ListCorrectionSchema": "list_correction",
    "CATALOGUE": "messages", "LANGUAGES": "messages", "label": "messages", "message": "messages",
    "check_rupiah": "money",
    "check_nik": "nik",
    "PersonSchema": "person",
    "check_phone": "phone",
    "ProgrammeSchema": "programme",
    "SCHEMAS": "records", "clean_record": "records", "dump_record": "records", "load_record": "records",
    "schema_for": "records",
    "check_region_code": "region", "children": "region", "exists": "region", "level": "region",
    "normalize_region_code": "region", "region_name": "region", "sub_districts": "region", "villages": "region",
    "RegionSchema": "region_record",
    "check_rt_rw": "rtrw",
}


def __getattr__(name: str):
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'schemas' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"schemas.{home}"), name)
    globals()[name] = value  # found once
    return value


def __dir__():
    return sorted({*globals(), *_HOME})


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
