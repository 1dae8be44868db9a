"""Times as people in a region read them: 23-11-2026 14:05 WITA.

Records and the wire keep times in UTC (`schemas.dates`); screens and command lines show them in
the local time of the region they serve. Indonesia has three zones, and the zone follows from the
province, the first two digits of a Kemendagri region code:

- WIB (UTC+7): Sumatra and its islands (11-21), Java (31-36), West and Central Kalimantan (61, 62);
- WITA (UTC+8): Bali and Nusa Tenggara (51-53), South, East and North Kalimantan (63-65), Sulawesi (71-76);
- WIT (UTC+9): Maluku (81, 82) and Papua (91-96).

A code that names no province (an empty scope) reads as WIB, the zone of most people.
"""

import datetime as dt
from zoneinfo import ZoneInfo

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
ABBREVIATIONS = {WIB: "WIB", WITA: "WITA", WIT: "WIT"}
MISSING = "—"
_WIB_KALIMANTAN = ("61", "62")


def now_in(zone: str) -> dt.datetime:
    """The time now in `zone` (one place to read the clock, which tests move)."""
    return dt.datetime.now(ZoneInfo(zone))


def day_text(value) -> str:
    """A date (or the date part of ISO text) as dd-mm-yyyy; text that is not a date as it is."""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    try:
        return dt.date.fromisoformat(str(value)[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return str(value)


def today_in(zone: str = WIB) -> dt.date:
    """The date now in `zone`: a laptop's date is its region's, whatever zone its computer is set to."""
    return now_in(zone).date()


def date_in_region(region_code: str | None) -> str:
    """Today in the zone of a region (a record's village) as ISO text: a laptop's default date for what it records."""
    return today_in(zone_name(region_code)).isoformat()


def latest_today() -> dt.date:
    """Today's date in WIT, where Indonesia's day begins: no officer anywhere can have entered a later date.

    Checks that a date is not in the future use it, whatever the zone of the machine checking: a hub
    kept in UTC would otherwise refuse, as a day in the future, a birth recorded at 06:00 WIB.
    """
    return today_in(WIT)


def zone_name(region_code: str | None) -> str:
    """The time zone (IANA name) of a region, from its province: "35.07.01.2001" gives Asia/Jakarta."""
    province = (region_code or "").strip()[:2]
    if len(province) < 2 or not province.isdigit() or province[0] in "0123" or province in _WIB_KALIMANTAN:
        return WIB
    return WIT if province[0] in "89" else WITA


def to_moment(value) -> dt.datetime | None:
    """An aware UTC datetime from a datetime (naive means UTC), ISO text, or Unix seconds; None if unreadable."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def local_time(value, zone: str = WIB) -> str:
    """`value` (see `to_moment`) in `zone` as dd-mm-yyyy HH:MM and the zone's abbreviation; "—" when missing.

    Text that is not a time is shown as it is rather than hidden.
    """
    if value is None or value == "":
        return MISSING
    moment = to_moment(value)
    if moment is None:
        return str(value)
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%d-%m-%Y %H:%M} {ABBREVIATIONS.get(zone) or local.strftime('%Z')}"
