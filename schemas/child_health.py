"""A child's growth and immunisation, as the village midwife records them at the posyandu.

Weight in grams and length or height in millimetres (as the KIA book writes them); the vaccines
given that day from the national schedule (`choices.vaccine`). Only a midwife records one
(`schemas.roles`).
"""

from schemas import fields as f
from schemas.base import RecordSchema


class ChildHealthSchema(RecordSchema):
    record_kind = "child_health"

    id = f.RecordId(required=True)
    person_id = f.RecordId(required=True)
    measured_on = f.Date(required=True, past=True)
    weight_g = f.Integer(minimum=500, maximum=40000)
    height_mm = f.Integer(minimum=300, maximum=1500)
    vaccines = f.List(f.Choice("vaccine"), max_length=12, unique=True)
    notes = f.Text(max_length=1000)
    officer = f.Officer()
