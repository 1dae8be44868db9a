"""A community correction to a pre-identified beneficiary list, decided in a village meeting.

The musyawarah desa may include someone the programme's rule did not select (a household that
fell into hardship after the data were collected) or exclude someone it did (moved away, already
well off). The correction never changes the rule's result: the hub keeps it beside it, and the
people who approve applications see both. A reason of at least `MIN_REASON` characters is always
required, so the district can check the decision later.
"""

from schemas import fields as f
from schemas.base import RecordSchema

MIN_REASON = 10


class ListCorrectionSchema(RecordSchema):
    record_kind = "list_correction"

    id = f.RecordId(required=True)
    programme_code = f.ProgrammeCode(required=True)
    nik = f.Nik(required=True)
    village_code = f.RegionCode("village", required=True)
    decision = f.Choice("list_decision", required=True)
    reason = f.Text(required=True, min_length=MIN_REASON, max_length=2000)
    meeting_date = f.Date(required=True, past=True)
    list_version = f.Integer(minimum=1)
    officer = f.Officer()
