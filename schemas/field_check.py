"""The outcome of a field check a sub-district officer records, offline, on the verification worklist.

The sub-district MIS unit checks in the field what the sources disagree on and who the villages
registered (DESIGN.md 2.1; SRS Table 4). One record says what was found, and the hub applies it:

- an **inconsistency** between sources (`inconsistency_id`, the hub's number): `resolved`, with the
  right value when the sources disagree on a name, a date of birth or a sex (`decided_field` and
  `decided_value`,
  checked by the person form's own field);
- a **resident** a village registered whom no source holds (`person_id`, the registration's record):
  `confirmed` from a document seen, or `refused` with the reason the village will read.

A document is required except for a refusal; a reason always. The record is written once and never
edited: a second check of the same item is a second record, and the hub applies the first that
reaches it while the item is still open (the others are kept, with the word that someone decided first).
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.choices import bilingual
from schemas.errors import FieldError

MIN_REASON = 10
# The person fields a field check may decide, and the inconsistency kinds that ask for them.
VALUE_FIELDS = {"name_spelling": "name", "birth_date": "birth_date", "sex": "sex"}
OUTCOMES = {"inconsistency_id": ("resolved",), "person_id": ("confirmed", "refused")}


def value_errors(field: str, value, name: str = "decided_value") -> tuple:
    """(the typed value, [FieldError on `name`]): a decided value as the person form's own field checks it."""
    from schemas.records import schema_for  # the person schema; imported here to keep this module's import light

    if value in (None, ""):
        return None, [FieldError(name, "required")]
    checked = schema_for("person").fields[field].check(value)
    if not checked.ok:
        return None, [FieldError(name, error.rule, error.params) for error in checked.errors]
    return checked.value, []


class FieldCheckSchema(RecordSchema):
    record_kind = "field_check"

    id = f.RecordId(required=True)
    village_code = f.RegionCode("village", required=True)
    inconsistency_id = f.Code(r"[0-9]{1,18}", "field_check_subject")
    person_id = f.RecordId()
    nik = f.Nik()
    outcome = f.Choice("field_check_outcome", required=True)
    decided_field = f.Choice("field_check_field")
    decided_value = f.Text(max_length=200)
    document = f.Choice("document")
    reason = f.Text(required=True, min_length=MIN_REASON, max_length=2000)
    checked_on = f.Date(required=True, past=True)
    officer = f.Officer()

    def record_errors(self, data: dict) -> list[FieldError]:
        subjects = [name for name in OUTCOMES if data.get(name)]
        if len(subjects) != 1:
            return [FieldError("inconsistency_id", "field_check_subject")]
        if data.get("outcome") not in OUTCOMES[subjects[0]]:
            return [FieldError("outcome", "field_check_outcome", {"outcomes": [bilingual("field_check_outcome", outcome)
                                                                   for outcome in OUTCOMES[subjects[0]]]})]
        errors = []
        if data.get("outcome") != "refused" and not data.get("document"):
            errors.append(FieldError("document", "required"))
        if data.get("decided_field"):
            errors += value_errors(data["decided_field"], data.get("decided_value"))[1]
        return errors
