"""What NIK and family card (KK) numbers share: 16 digits, PP KK CC DDMMYY SSSS.

PP KK CC is the province, regency and sub-district where the number was issued, DDMMYY a date,
SSSS a serial. The region part keeps the code it was issued with, also after the region was split
and renumbered, so a code that is well formed but missing from today's list is a warning, not an error.
"""

import datetime as dt
import functools
import re

from schemas import region
from schemas.errors import FieldError

_SEPARATORS = re.compile(r"[\s.\-]+")
_DIGITS = re.compile(r"[0-9]+")
LENGTH = 16


def digits_of(value, field: str) -> tuple[str | None, tuple[FieldError, ...]]:
    """The 16 digits of an id number written with spaces, dots or hyphens, or the error that stops reading it."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, (FieldError(field, "id_format"),)
    text = _SEPARATORS.sub("", str(value))
    if not _DIGITS.fullmatch(text):
        return None, (FieldError(field, "id_format"),)
    if len(text) != LENGTH:
        return None, (FieldError(field, "id_length", {"length": len(text)}),)
    return text, ()


def region_codes(digits: str) -> tuple[str, str, str]:
    """The dotted province, regency and sub-district codes of the region part."""
    return digits[0:2], f"{digits[0:2]}.{digits[2:4]}", f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def check_region_part(digits: str, field: str) -> tuple[tuple[FieldError, ...], tuple[FieldError, ...]]:
    """(errors, warnings) for digits 1-6: a province that exists, no 00, and regions in today's list."""
    return _region_part(digits[:6], field)


@functools.lru_cache(maxsize=8192)  # a district's numbers share a few hundred region parts
def _region_part(digits: str, field: str) -> tuple[tuple[FieldError, ...], tuple[FieldError, ...]]:
    province, regency, sub_district = region_codes(digits)
    if not region.exists(province):
        return (FieldError(field, "id_province_unknown", {"code": province}),), ()
    if digits[2:4] == "00" or digits[4:6] == "00":
        return (FieldError(field, "id_region_zero", {"code": sub_district}),), ()
    missing = next((code for code in (regency, sub_district) if not region.exists(code)), None)
    if missing:
        return (), (FieldError(field, "id_region_unknown", {"code": missing}),)
    return (), ()


def check_serial(digits: str, field: str) -> tuple[FieldError, ...]:
    return (FieldError(field, "id_serial_zero"),) if digits[12:16] == "0000" else ()


def century_year(yy: int, month: int, day: int, today: dt.date) -> int:
    """The latest year ending in `yy` that does not put (year, month, day) after today."""
    year = today.year - (today.year - yy) % 100
    return year if (year, month, day) <= (today.year, today.month, today.day) else year - 100


def read_date(day: int, month: int, yy: int, today: dt.date) -> dt.date | None:
    """The date DD MM YY in the latest century that does not put it in the future; None if no such date."""
    try:
        return dt.date(century_year(yy, month, day, today), month, day)
    except ValueError:
        return None
