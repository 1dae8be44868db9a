"""Dates for a synthetic district, all relative to one fixed reference date.

Ages are ages on `REFERENCE_DATE`, never on today's date, so a seed gives the same district on
any day. Nobody is older than `OLDEST_AGE`: an NIK writes the birth year in two digits, and a
person born in 1925 would read as born in 2025.
"""

from datetime import date, timedelta
from random import Random

REFERENCE_DATE = date(2026, 1, 1)
OLDEST_AGE = 95
ONE_DAY = timedelta(days=1)


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(birth: date, on: date = REFERENCE_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def random_day(rng: Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included."""
    return date.fromordinal(first.toordinal() + int(rng.random() * (last.toordinal() - first.toordinal() + 1)))


def birth_date_at_age(rng: Random, age: int) -> date:
    """A birth date that makes someone exactly `age` on the reference date (and not born on it)."""
    first = years_before(REFERENCE_DATE, age + 1) + ONE_DAY
    last = min(years_before(REFERENCE_DATE, age), REFERENCE_DATE - ONE_DAY)
    return random_day(rng, first, last)


def ddmmyy(day: date, add_to_day: int = 0) -> str:
    """The six date digits of an NIK or KK number; women's NIKs add 40 to the day."""
    return f"{day.day + add_to_day:02d}{day.month:02d}{day.year % 100:02d}"
