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


# 22:30 UTC on 30 June: already 1 July at 05:30 WIB, 06:30 WITA and 07:30 WIT (a day after this machine's
# own date, so that a check reading the machine's clock instead would fail here).
EARLY_MORNING = dt.datetime(2030, 6, 30, 22, 30, tzinfo=dt.UTC)


@pytest.fixture
def early_morning(monkeypatch):
    from schemas import local_time

    monkeypatch.setattr(local_time, "now_in", lambda zone: EARLY_MORNING.astimezone(local_time.ZoneInfo(zone)))


def test_a_laptops_date_is_its_regions_whatever_its_computers_zone(early_morning):
    from schemas.local_time import date_in_region, latest_today, today_in

    assert today_in(WIB) == today_in(WIT) == latest_today() == dt.date(2030, 7, 1)
    assert date_in_region("35.07.01.2001") == date_in_region("91.71") == "2030-07-01"


def test_a_date_given_early_in_the_morning_is_not_in_the_future_for_a_hub_kept_in_utc(early_morning):
    """The hub checks what the laptops send with the same schemas: a birth recorded at 05:30 WIB on 1 July
    reaches a hub whose own clock still says 30 June, and must not be refused as a day in the future."""
    from schemas.dates import check_date
    from schemas.examples import example
    from schemas.records import clean_record

    assert check_date("2030-07-01", field="date", past=True).ok
    refused = check_date("2030-07-02", field="date", past=True)
    assert [(e.rule, e.params) for e in refused.errors] == [("date_future", {"today": "2030-07-01"})]
    newborn = {**example("person"), "nik": None, "nik_status": "newborn", "birth_date": "2030-07-01",
               "pregnant": False, "sex": "M"}
    assert clean_record("person", newborn)["birth_date"] == dt.date(2030, 7, 1)
