"""Kemendagri region codes in device scopes and officers' areas, checked against the official list."""

import re

from hub_server.errors import FieldError
from schemas.kemendagri import wilayah
from schemas.region import region_name

VILLAGE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
SUB_DISTRICT = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")


def normalise(code: str) -> str:
    """Dotted form: "3507012001" and " 35.07.01.2001 " both give "35.07.01.2001"."""
    return wilayah.normalize_wilayah_code(code.strip()) if code.strip() else ""


def split_codes(text) -> list:
    """Codes from a list or from text separated by commas, semicolons or white space; sorted, no repeats."""
    items = re.split(r"[,;\s]+", text) if isinstance(text, str) else list(text)
    return sorted({normalise(str(item)) for item in items if str(item).strip()})


def name(code: str) -> str | None:
    """The region's official name, or None for an unknown code (from the compact table the schemas read, so the
    hub does not hold the village list twice)."""
    return region_name(code)


def describe(codes) -> str:
    """Codes with names, for people: "35.07.01.2001 Tulungrejo, 35.07.02 Pagak"."""
    return ", ".join(f"{code} {name(code) or '?'}" for code in codes)


def scope_errors(codes, role: str, district: str = "", field: str = "scope") -> list:
    """FieldErrors for a device scope: village codes for a village laptop, sub-district or village
    codes for a sub-district laptop, each a real region, inside the hub's district when it has one."""
    if not codes:
        return [FieldError(field, "required")]
    errors = []
    for code in codes:
        error = _code_error(code, role, district, field)
        if error:
            errors.append(error)
    return errors


def area_error(code: str | None, field: str = "area") -> FieldError | None:
    """The FieldError for a sub_district_officer's area, or None when it is a real sub-district."""
    if not code:
        return FieldError(field, "required")
    if not SUB_DISTRICT.match(code):
        return FieldError(field, "sub_district_code", {"value": code})
    if name(code) is None:
        return FieldError(field, "region_code", {"value": code})
    return None


def _code_error(code: str, role: str, district: str, field: str) -> FieldError | None:
    if role == "village" and not VILLAGE.match(code):
        return FieldError(field, "village_code", {"value": code})
    if not (VILLAGE.match(code) or SUB_DISTRICT.match(code)):
        return FieldError(field, "area_code", {"value": code})
    if name(code) is None:
        return FieldError(field, "region_code", {"value": code})
    if district and not code.startswith(district + "."):
        return FieldError(field, "outside_district", {"value": code, "district": district})
    return None
