"""A region record as the hub keeps and syncs it: a Kemendagri code with its name and place in the tree.

The 2025 list (`schemas.region`) is the reference; a code missing from it is accepted with a warning
(`region_not_listed`), since the hub may hold a region created after the list. Source extracts coded
with BPS statistical codes are mapped to Kemendagri codes through `bps_code`, never by guessing.
"""

from schemas import fields as f
from schemas import region
from schemas.base import RecordSchema
from schemas.choices import bilingual
from schemas.errors import FieldError

_NO_PARENT = {"id": "kosong (provinsi tidak punya induk)", "en": "empty (a province has none)"}
BPS_CODE = r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{3}(?:[0-9]{3})?)?)?"  # BPS: 2, 4, 7 or 10 digits


class RegionSchema(RecordSchema):
    record_kind = "region"

    code = f.RegionCode(None, required=True, must_exist=False)
    name = f.Text(required=True, max_length=100)
    level = f.Choice("region_level", required=True)
    parent_code = f.RegionCode(None, must_exist=False)
    bps_code = f.Code(BPS_CODE, "bps_code_format")

    def record_errors(self, data: dict) -> list[FieldError]:
        code = data["code"]
        expected = region.level(code)
        if data["level"] != expected:
            return [FieldError("level", "region_level_mismatch",
                               {"code": code, "expected": bilingual("region_level", expected)})]
        parent = region.parent(code)
        if data.get("parent_code") != parent:
            expected_parent = parent or _NO_PARENT
            return [FieldError("parent_code", "region_parent", {"code": code, "expected": expected_parent})]
        return []
