"""NIK (Nomor Induk Kependudukan): the 16-digit national identity number.

    PP KK CC DDMMYY SSSS
    province, regency, sub-district where the NIK was first issued (not where the person lives now),
    birth date with 40 added to the day for women, serial (never 0000).

The two-digit year takes the latest century that does not put the birth date after today. When the
record also carries sex and date of birth, a disagreement names the part: the sex (day + 40) or the date.
Structure is all a laptop can check; whether Dukcapil issued the NIK is for the hub's source data.
"""

import datetime as dt
from dataclasses import dataclass

from schemas import idnumber
from schemas.choices import bilingual
from schemas.errors import Check, FieldError
from schemas.local_time import latest_today

FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True)
class NikParts:
    """What a NIK says. `birth_date` and `sex` are None when digits 7-12 are not a real date."""

    province: str
    regency: str
    sub_district: str
    birth_date: dt.date | None
    sex: str | None
    serial: str


@dataclass(frozen=True)
class NikCheck(Check):
    """`value` is the 16 normalised digits (None if they cannot be read); `parts` what they say."""

    parts: NikParts | None = None


def check_nik(value, *, sex: str | None = None, birth_date=None, today: dt.date | None = None,
              field: str = "nik", mismatch_as_warning: bool = False) -> NikCheck:
    """Check a NIK's structure and, when given, its agreement with the record's sex and date of birth.

    `birth_date` is a date or ISO text. With `mismatch_as_warning`, a disagreement with sex or date of
    birth is returned as a warning (the officer confirmed the documents really differ).
    """
    digits, errors = idnumber.digits_of(value, field)
    if digits is None:
        return NikCheck(None, errors)
    recorded_date = _as_date(birth_date)
    parts = _parts(digits, recorded_date, today or latest_today())
    region_errors, warnings = idnumber.check_region_part(digits, field)
    errors = region_errors + _date_errors(digits, parts, field) + idnumber.check_serial(digits, field)
    mismatches = _mismatches(digits, parts, sex, recorded_date, field)
    if mismatch_as_warning:
        warnings += mismatches
    else:
        errors += mismatches
    return NikCheck(digits, errors, warnings, parts)


def nik_mismatches(value, *, sex: str | None = None, birth_date=None, today: dt.date | None = None,
                   field: str = "nik") -> tuple[FieldError, ...]:
    """Only where a NIK disagrees with the recorded sex and date of birth: `check_nik`'s mismatches, for a rule
    across a record's fields whose NIK field was checked already (its region, date and serial not again)."""
    digits, _ = idnumber.digits_of(value, field)
    if digits is None:
        return ()
    recorded_date = _as_date(birth_date)
    return _mismatches(digits, _parts(digits, recorded_date, today or latest_today()), sex, recorded_date, field)


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _parts(digits: str, recorded: dt.date | None, today: dt.date) -> NikParts:
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "F" if day > FEMALE_DAY_OFFSET else "M"
    day -= FEMALE_DAY_OFFSET if sex == "F" else 0
    born = idnumber.read_date(day, month, yy, today) if day >= 1 else None
    if born and recorded and (recorded.day, recorded.month, recorded.year % 100) == (day, month, yy):
        born = recorded  # the same date; only the century was a guess, and the record knows it
    province, regency, sub_district = idnumber.region_codes(digits)
    return NikParts(province, regency, sub_district, born, sex if born else None, digits[12:16])


def _date_errors(digits: str, parts: NikParts, field: str) -> tuple[FieldError, ...]:
    if parts.birth_date is not None:
        return ()
    return (FieldError(field, "nik_date_invalid", {"digits": digits[6:12]}),)


def _mismatches(digits: str, parts: NikParts, sex, recorded: dt.date | None, field: str) -> tuple[FieldError, ...]:
    if parts.birth_date is None:
        return ()
    found = []
    if sex in ("M", "F") and sex != parts.sex:
        found.append(FieldError(field, "nik_sex_mismatch", {
            "nik_sex": bilingual("sex", parts.sex), "nik_day": digits[6:8], "sex": bilingual("sex", sex)}))
    if recorded is not None and recorded != parts.birth_date:
        found.append(FieldError(field, "nik_birth_date_mismatch", {
            "nik_date": parts.birth_date.isoformat(), "birth_date": recorded.isoformat()}))
    return tuple(found)
