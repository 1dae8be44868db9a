"""Family card (Kartu Keluarga, KK) number: 16 digits, PP KK CC DDMMYY SSSS.

The region part follows the NIK rule (province exists, no 00, a code missing from today's list is a
warning). Digits 7-12 are the issue date DDMMYY, with no +40, in the latest century that does not put
it after today. A household gets a new KK number on marriage, divorce, moving and death; the household
keeps its own stable id and the history of its numbers (see `schemas.household`).
"""

import datetime as dt
from dataclasses import dataclass

from schemas import idnumber
from schemas.errors import Check, FieldError
from schemas.local_time import latest_today


@dataclass(frozen=True)
class KkCheck(Check):
    """`value` is the 16 normalised digits (None if they cannot be read); `issue_date` from digits 7-12."""

    issue_date: dt.date | None = None


def check_kk(value, *, today: dt.date | None = None, field: str = "kk_number") -> KkCheck:
    """Check a family card number's structure."""
    digits, errors = idnumber.digits_of(value, field)
    if digits is None:
        return KkCheck(None, errors)
    issued = idnumber.read_date(int(digits[6:8]), int(digits[8:10]), int(digits[10:12]), today or latest_today())
    region_errors, warnings = idnumber.check_region_part(digits, field)
    date_errors = () if issued else (FieldError(field, "kk_date_invalid", {"digits": digits[6:12]}),)
    errors = region_errors + date_errors + idnumber.check_serial(digits, field)
    return KkCheck(digits, errors, warnings, issued)
