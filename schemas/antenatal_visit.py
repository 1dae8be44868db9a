"""An antenatal care visit (kunjungan ANC) the village midwife records for a pregnant woman.

The mid-upper arm circumference (LiLA) is what tells chronic energy deficiency (KEK: under 235 mm),
the condition the PMT-KEK programme's list asks the midwife to confirm.
"""

from schemas import fields as f
from schemas.base import RecordSchema


class AntenatalVisitSchema(RecordSchema):
    record_kind = "antenatal_visit"

    id = f.RecordId(required=True)
    person_id = f.RecordId(required=True)
    visit_date = f.Date(required=True, past=True)
    pregnancy_week = f.Integer(minimum=1, maximum=45)
    muac_mm = f.Integer(minimum=100, maximum=500)  # lingkar lengan atas, millimetres
    notes = f.Text(max_length=1000)
    officer = f.Officer()
