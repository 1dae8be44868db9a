"""An officer who works on a laptop, as the laptop tells the hub (never their PIN).

The hub checks each change-set against the role of the officer it names (`schemas.roles`).
"""

from schemas import fields as f
from schemas.base import RecordSchema


class OfficerSchema(RecordSchema):
    record_kind = "officer"

    id = f.RecordId(required=True)
    username = f.Officer(required=True)
    full_name = f.Name(required=True, max_length=100)
    role = f.Choice("officer_role", required=True)
    village_code = f.RegionCode(None, required=True)  # where the laptop works: its village or sub-district
    active = f.Bool(load_default=True)
