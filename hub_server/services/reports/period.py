"""The area a report covers and the month it speaks of.

An area is a Kemendagri code: a village (35.07.01.2001), a sub-district (35.07.01) or a district
(35.07). A month is YYYY-MM; its window runs from midnight on the 1st to midnight on the 1st of the
next month in the district's local time (WIB, WITA or WIT, from the province), kept as UTC moments
because the hub stores times in UTC. Dates the villages record (a complaint's date submitted, an
application's decision date) are compared with the month's first and last day.
"""

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hub_server.errors import FieldError, Invalid
from schemas import region
from schemas.local_time import zone_name

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
LEVELS = {"regency": "district", "sub_district": "sub_district", "village": "village"}


@dataclass(frozen=True)
class Area:
    code: str
    level: str  # village | sub_district | district
    name: str

    def contains(self, code: str | None) -> bool:
        return bool(code) and (code == self.code or code.startswith(self.code + "."))

    def children(self) -> list:
        """The sub-districts of a district, the villages of a sub-district, as (code, name); none for a village."""
        return [] if self.level == "village" else region.children(self.code)

    def bounds(self) -> tuple[str, str]:
        """Codes `low <= code < high` of every village inside a district or sub-district, compared byte by byte."""
        return self.code + ".", self.code + "/"  # "/" follows "." in ASCII


@dataclass(frozen=True)
class Period:
    month: str  # YYYY-MM
    first_day: dt.date
    last_day: dt.date
    start: dt.datetime  # UTC, inclusive
    end: dt.datetime  # UTC, exclusive
    zone: str  # IANA name of the district's zone

    def holds(self, moment: dt.datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    def holds_day(self, day) -> bool:
        day = as_date(day)
        return day is not None and self.first_day <= day <= self.last_day


def area(code: str, field: str = "area") -> Area:
    """The Area of a code. Raises Invalid naming `field` for a malformed code, an unknown region or a province."""
    text = (code or "").strip()
    try:
        dotted = region.normalize_region_code(text)
        level = LEVELS.get(region.level(dotted))
    except (ValueError, KeyError):
        raise Invalid([FieldError(field, "report_area", {"value": text})]) from None
    name = region.region_name(dotted)
    if level is None:
        raise Invalid([FieldError(field, "report_area", {"value": text})])
    if name is None:
        raise Invalid([FieldError(field, "region_code", {"value": text})])
    return Area(dotted, level, name)


def month(text: str, zone: str | None = None, field: str = "month") -> Period:
    """The Period of "YYYY-MM" in `zone` (WIB by default). Raises Invalid naming `field` otherwise."""
    found = MONTH.match((text or "").strip())
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 2000:
        raise Invalid([FieldError(field, "report_month", {"value": (text or "").strip()})])
    first = dt.date(int(found[1]), int(found[2]), 1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    zone = zone or zone_name("")
    local = ZoneInfo(zone)
    start = dt.datetime.combine(first, dt.time(), local).astimezone(dt.UTC)
    end = dt.datetime.combine(following, dt.time(), local).astimezone(dt.UTC)
    return Period(found[0], first, following - dt.timedelta(days=1), start, end, zone)


def choices(top: str) -> list[dict]:
    """The areas a report can be asked for inside `top` (a district or a sub-district), for a picker:
    {code, name, level} of `top`, then each sub-district followed by its villages, by code."""
    if not top:
        return []
    head = area(top)
    found = [{"code": head.code, "name": head.name, "level": head.level}]
    if head.level == "district":
        for code, name in head.children():
            found.append({"code": code, "name": name, "level": "sub_district"})
            found += [{"code": village, "name": village_name, "level": "village"}
                      for village, village_name in region.children(code)]
    elif head.level == "sub_district":
        found += [{"code": code, "name": name, "level": "village"} for code, name in head.children()]
    return found


def zone_for(area_code: str, configured: str = "") -> str:
    """The zone a report's times are read in: the hub's DISPLAY_TIMEZONE if set, else the area's province's."""
    return configured or zone_name(area_code)


def as_date(value) -> dt.date | None:
    """A date, or the date part of a time or of ISO text; None when missing or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
