"""An application: one person for one programme, and where it stands.

    pre_identified -> applied -> approved
          |              \\-> rejected -> applied (a new application after a rejection)
          \\-> rejected (verification found the person not eligible)

Someone not pre-identified may apply directly (a new record starting at `applied`). An application
names the resident by `person_id` (a registered resident) or by `nik` with the `village_code` (someone
on a pre-identified list the village has not registered itself). A rejection
always carries its justification (`justification`, at least `MIN_JUSTIFICATION` characters): the
person is told why, and can complain. The record holds the current status; its history is the
sequence of synchronized changes. `check_transition` is for services that change a status.
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.choices import bilingual
from schemas.errors import FieldError

MIN_JUSTIFICATION = 10
OPEN_STATUSES = ("pre_identified", "applied", "approved")  # one of these per person and programme at a time
TRANSITIONS = {
    None: ("pre_identified", "applied"),
    "pre_identified": ("applied", "rejected"),
    "applied": ("approved", "rejected"),
    "rejected": ("applied",),
    "approved": (),
}


class ApplicationSchema(RecordSchema):
    record_kind = "application"

    id = f.RecordId(required=True)
    person_id = f.RecordId()
    nik = f.Nik()
    village_code = f.RegionCode("village")
    programme_code = f.ProgrammeCode(required=True)
    status = f.Choice("application_status", required=True)
    status_date = f.Date(past=True)
    justification = f.Text(max_length=2000, min_length=MIN_JUSTIFICATION)
    officer = f.Officer()
    list_version = f.Integer(minimum=1)

    def record_errors(self, data: dict) -> list[FieldError]:
        errors = []
        if data.get("status") == "rejected" and not data.get("justification"):
            errors.append(FieldError("justification", "justification_required"))
        if not data.get("person_id") and not data.get("nik"):
            errors.append(FieldError("nik", "person_or_nik_required"))
        elif not data.get("person_id") and not data.get("village_code"):
            errors.append(FieldError("village_code", "village_required_with_nik"))
        return errors


def check_transition(old: str | None, new: str, *, field: str = "status") -> list[FieldError]:
    """The error of moving an application from `old` (None: a new application) to `new`, if it is not allowed."""
    if new in TRANSITIONS.get(old, ()) or old == new:
        return []
    return [FieldError(field, "status_transition", {
        "old": bilingual("application_status", old) if old else {"id": "(baru)", "en": "(new)"},
        "new": bilingual("application_status", new)})]
