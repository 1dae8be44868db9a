"""Dates and times as the records and the wire carry them.

A date is ISO text `YYYY-MM-DD` (or a `datetime.date`); other spellings (`15-05-1990`, `15/5/90`)
are refused rather than guessed. A date of something that has happened (birth, submission) may not
be after today; the caller passes `today` from its own clock, which on a village laptop may be wrong,
so the message shows the date the check used. A time is ISO 8601 with a time zone and is kept in UTC
(`2026-11-23T08:30:00Z`); times are for people to read and are never checked against the clock.
"""

import datetime as dt
import re

from schemas.errors import Check, FieldError
from schemas.local_time import latest_today

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
                       r"(?:Z|[+-][0-9]{2}:[0-9]{2})")


def check_date(value, *, field: str, past: bool = False, today: dt.date | None = None,
               earliest: dt.date | None = None) -> Check:
    """Read a date; with `past` it may not be after `today`, with `earliest` not before it."""
    found = _read_date(value, field)
    if not found.ok:
        return found
    day = found.value
    if past and day > (today or latest_today()):
        return _fail(field, "date_future", today=(today or latest_today()).isoformat())
    if earliest and day < earliest:
        return _fail(field, "date_too_old", min=earliest.isoformat())
    return found


def check_birth_date(value, *, field: str = "birth_date", today: dt.date | None = None) -> Check:
    """A date of birth: a real date, not after today, not before 1900."""
    return check_date(value, field=field, past=True, today=today, earliest=EARLIEST_BIRTH_DATE)


def _read_date(value, field: str) -> Check:
    if isinstance(value, dt.datetime):
        return _fail(field, "date_format")
    if isinstance(value, dt.date):
        return Check(value)
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        return _fail(field, "date_format")
    try:
        return Check(dt.date.fromisoformat(value.strip()))
    except ValueError:
        return _fail(field, "date_invalid", value=value.strip())


def check_datetime(value, *, field: str = "time") -> Check:
    """Read a time with a time zone; the value is an aware datetime in UTC."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and _DATETIME.fullmatch(value.strip()):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return _fail(field, "datetime_format")
    else:
        return _fail(field, "datetime_format")
    if moment.tzinfo is None or moment.utcoffset() is None:
        return _fail(field, "datetime_format")
    return Check(moment.astimezone(dt.UTC))


def iso_datetime(moment: dt.datetime) -> str:
    """A UTC time as the wire writes it: 2026-11-23T08:30:00Z."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on `day` (someone born on 29 February has a birthday on 1 March in other years)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def _fail(field: str, rule: str, **params) -> Check:
    return Check(None, (FieldError(field, rule, params),))
