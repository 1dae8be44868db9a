"""Every record kind by name, and loading without marshmallow in sight.

    clean, warnings = load_record("person", data, lang="en")   # raises ValidationFailure
    clean = clean_record("person", data)                       # the same check, without the warnings
    data = dump_record("person", clean)                        # JSON-ready: dates as ISO text

Loads go through the compiled form of each schema (`schemas.compiled`): the same rules, and for a
record that breaks one, the same errors.

The kind names are the table names of the sync protocol (`person`, `household`, ...).
"""

import datetime as dt
import functools

from marshmallow import ValidationError

from schemas.antenatal_visit import AntenatalVisitSchema
from schemas.application import ApplicationSchema
from schemas.base import RecordSchema
from schemas.case import CaseEventSchema, CaseSchema
from schemas.child_health import ChildHealthSchema
from schemas.claim import ClaimEventSchema, ClaimSchema
from schemas.compiled import compiled
from schemas.complaint import ComplaintEventSchema, ComplaintSchema
from schemas.errors import FieldError, ValidationFailure, errors_from_marshmallow
from schemas.field_check import FieldCheckSchema
from schemas.household import HouseholdSchema
from schemas.list_correction import ListCorrectionSchema
from schemas.messages import DEFAULT_LANGUAGE
from schemas.officer_record import OfficerSchema
from schemas.outreach_session import OutreachSessionSchema
from schemas.person import PersonSchema
from schemas.programme import ProgrammeSchema
from schemas.region_record import RegionSchema

SCHEMAS: dict[str, type[RecordSchema]] = {schema.record_kind: schema for schema in (
    PersonSchema, HouseholdSchema, ProgrammeSchema, ApplicationSchema, ComplaintSchema, ComplaintEventSchema,
    RegionSchema, ListCorrectionSchema, AntenatalVisitSchema, ChildHealthSchema, OfficerSchema,
    FieldCheckSchema, CaseSchema, CaseEventSchema, OutreachSessionSchema, ClaimSchema, ClaimEventSchema)}


def schema_for(kind: str, *, lang: str = DEFAULT_LANGUAGE, today: dt.date | None = None) -> RecordSchema:
    """A schema instance for a record kind. Raises ValidationFailure (`record_kind_unknown`) for an unknown kind.

    Instances are shared: building a schema costs several times more than loading a record with it,
    and a loaded schema keeps no state between loads.
    """
    if kind not in SCHEMAS:
        raise ValidationFailure([FieldError("record", "record_kind_unknown", {"kind": str(kind)})], lang=lang)
    return _shared_schema(kind, lang, today)


@functools.lru_cache(maxsize=64)
def _shared_schema(kind: str, lang: str, today: dt.date | None) -> RecordSchema:
    return SCHEMAS[kind](lang=lang, today=today)


def load_record(kind: str, data, *, lang: str = DEFAULT_LANGUAGE, today: dt.date | None = None,
                partial: bool = False) -> tuple[dict, list[FieldError]]:
    """Check and normalise a record: (clean data, warnings).

    Raises ValidationFailure with every broken rule; nothing is half-loaded. `partial=True` checks
    only the fields given (an update); check the merged record with a full load before saving it.
    """
    clean = clean_record(kind, data, lang=lang, today=today, partial=partial)
    return clean, schema_for(kind, lang=lang, today=today).warnings(clean)


def clean_record(kind: str, data, *, lang: str = DEFAULT_LANGUAGE, today: dt.date | None = None,
                 partial: bool = False) -> dict:
    """`load_record` without the warnings (which never block a save): the clean data, or ValidationFailure."""
    schema = schema_for(kind, lang=lang, today=today)
    try:
        return compiled(schema).load(data, partial=partial)
    except ValidationError as error:
        raise ValidationFailure(errors_from_marshmallow(error), lang=lang) from error


def dump_record(kind: str, clean: dict) -> dict:
    """A loaded record as JSON-ready data (dates `YYYY-MM-DD`, times `...Z`)."""
    return compiled(schema_for(kind)).dump(clean)
