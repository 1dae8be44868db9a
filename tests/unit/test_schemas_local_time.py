"""The province decides the zone, and times read as people there read them."""

import datetime as dt

import pytest

from schemas.local_time import WIB, WIT, WITA, local_time, zone_name


@pytest.mark.parametrize(("code", "zone"), [
    ("11.01", WIB), ("21.71", WIB), ("35.07.01.2001", WIB), ("36", WIB), ("61.01", WIB), ("62.71", WIB),
    ("51.71", WITA), ("53.01", WITA), ("63.71", WITA), ("64.72", WITA), ("65.01", WITA), ("73.71", WITA),
    ("76.01", WITA), ("81.71.01.1001", WIT), ("82.71", WIT), ("91.71", WIT), ("96.01", WIT),
    ("", WIB), (None, WIB), ("x", WIB)])
def test_the_zone_follows_the_province(code, zone):
    assert zone_name(code) == zone


def test_a_time_reads_in_local_time_with_its_zone():
    moment = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    assert local_time(moment, WIB) == "23-11-2026 15:30 WIB"
    assert local_time("2026-11-23T08:30:00Z", WITA) == "23-11-2026 16:30 WITA"
    assert local_time("2026-11-23T20:30:00+00:00", WIT) == "24-11-2026 05:30 WIT"
    assert local_time(dt.datetime(2026, 11, 23, 8, 30), WIB) == "23-11-2026 15:30 WIB"  # naive is UTC
    assert local_time(int(moment.timestamp()), WIB) == "23-11-2026 15:30 WIB"
    assert local_time(None) == local_time("") == "—"
    assert local_time("not a time") == "not a time"
