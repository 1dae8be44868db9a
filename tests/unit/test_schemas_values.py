"""Money, phone numbers, dates and times, RT/RW: what is accepted, how it is normalised, what is refused."""

import datetime as dt
from decimal import Decimal

import pytest

from schemas.dates import age_on, check_birth_date, check_date, check_datetime, iso_datetime
from schemas.money import MAX_RUPIAH, check_rupiah, month_start
from schemas.phone import check_phone
from schemas.rtrw import check_rt_rw

TODAY = dt.date(2026, 11, 23)


def only_rule(found) -> str:
    assert found.value is None and len(found.errors) == 1
    return found.errors[0].rule


@pytest.mark.parametrize("written, amount", [
    (0, 0), (1500000, 1500000), ("1500000", 1500000), ("1.500.000", 1500000), ("Rp 1.500.000", 1500000),
    ("Rp1.500.000", 1500000), ("rp. 1.500.000", 1500000), ("Rp 1.500.000,-", 1500000), ("1.500.000,00", 1500000),
    ("  750000 ", 750000), ("25.500", 25500), ("999", 999), (MAX_RUPIAH, MAX_RUPIAH),
])
def test_rupiah_accepted(written, amount):
    found = check_rupiah(written)
    assert found.ok and found.value == amount and type(found.value) is int


@pytest.mark.parametrize("written, rule", [
    (1500000.0, "money_not_integer"), (1.5, "money_not_integer"),
    (Decimal("1500000"), "money_not_integer"),
    ("1.500.000,50", "money_not_integer"), ("1500000.50", "money_not_integer"), ("1,5", "money_not_integer"),
    ("1,500,000", "money_format"), ("1.5", "money_not_integer"), ("1.5000", "money_format"),
    ("satu juta", "money_format"),
    ("1,5 juta", "money_format"), ("Rp", "money_format"), (True, "money_format"), (None, "money_format"),
    ([1], "money_format"), (-1, "money_negative"), ("-1.000", "money_negative"), (MAX_RUPIAH + 1, "money_too_large"),
])
def test_rupiah_refused(written, rule):
    assert only_rule(check_rupiah(written)) == rule


@pytest.mark.parametrize("written", [
    "081234567890", "0812-3456-7890", "0812 3456 7890", "+6281234567890", "+62 812-3456-7890", "6281234567890",
    "+62 0812 3456 7890", "81234567890", "(0812) 3456.7890",
])
def test_mobile_numbers_are_normalised(written):
    assert check_phone(written).value == "+6281234567890"


@pytest.mark.parametrize("written, national_digits", [("0812345678", 10), ("0812345678901", 13)])
def test_mobile_number_lengths_at_the_limits(written, national_digits):
    assert check_phone(written).ok
    assert len(check_phone(written).value) - 3 + 1 == national_digits


@pytest.mark.parametrize("written, rule", [
    ("0341-551234", "phone_format"), ("+1 415 555 0100", "phone_format"), ("0812-3456-789O", "phone_format"),
    ("nomor saya 0812", "phone_format"), (81234567890, "phone_format"), ("", "phone_format"),
    ("081234567", "phone_length"), ("08123456789012", "phone_length"),
])
def test_phone_refused(written, rule):
    assert only_rule(check_phone(written)) == rule


def test_phone_length_error_counts_the_digits():
    assert check_phone("081234567").errors[0].params == {"length": 9}


def test_iso_dates():
    assert check_date("2024-02-29", field="d").value == dt.date(2024, 2, 29)
    assert check_date(dt.date(2024, 2, 29), field="d").value == dt.date(2024, 2, 29)


@pytest.mark.parametrize("written, rule", [
    ("15-05-1990", "date_format"), ("1990/05/15", "date_format"), ("1990-5-15", "date_format"),
    ("19900515", "date_format"), (dt.datetime(1990, 5, 15), "date_format"), (19900515, "date_format"),
    ("2023-02-29", "date_invalid"), ("1990-13-01", "date_invalid"), ("1990-04-31", "date_invalid"),
])
def test_dates_refused(written, rule):
    assert only_rule(check_date(written, field="d")) == rule


def test_a_birth_date_after_today_is_refused_and_the_message_shows_the_date_used():
    found = check_birth_date("2026-11-24", today=TODAY)
    assert only_rule(found) == "date_future"
    assert "23-11-2026" in found.errors[0].message("id") and "23-11-2026" in found.errors[0].message("en")
    assert check_birth_date("2026-11-23", today=TODAY).ok


def test_a_birth_date_before_1900_is_refused():
    assert only_rule(check_birth_date("1899-12-31", today=TODAY)) == "date_too_old"


def test_past_is_only_checked_when_asked():
    assert check_date("2030-01-01", field="d", today=TODAY).ok
    assert only_rule(check_date("2030-01-01", field="d", past=True, today=TODAY)) == "date_future"


def test_times_are_kept_in_utc():
    assert check_datetime("2026-11-23T08:30:00Z").value == dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    wib = check_datetime("2026-11-23T15:30:00+07:00").value
    assert wib == dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC) and iso_datetime(wib) == "2026-11-23T08:30:00Z"


@pytest.mark.parametrize("written", [
    "2026-11-23T08:30:00", "2026-11-23 08:30:00Z", "23/11/2026 08:30", "2026-11-23", "2026-11-23T25:00:00Z",
    dt.datetime(2026, 11, 23, 8, 30), None,
])
def test_times_refused(written):
    assert only_rule(check_datetime(written)) == "datetime_format"


def test_age_counts_whole_years_and_leap_day_birthdays():
    assert age_on(dt.date(1990, 5, 15), dt.date(2026, 5, 14)) == 35
    assert age_on(dt.date(1990, 5, 15), dt.date(2026, 5, 15)) == 36
    assert age_on(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 0
    assert age_on(dt.date(2024, 2, 29), dt.date(2025, 3, 1)) == 1


@pytest.mark.parametrize("written, number", [("003", 3), ("3", 3), (3, 3), (" 012 ", 12), ("999", 999), (1, 1)])
def test_rt_rw_accepted(written, number):
    assert check_rt_rw(written).value == number


@pytest.mark.parametrize("written, rule", [
    ("0", "rtrw_range"), ("000", "rtrw_range"), (1000, "rtrw_range"), ("1000", "rtrw_range"), (-3, "rtrw_range"),
    ("RT 03", "rtrw_format"), ("3a", "rtrw_format"), (3.0, "rtrw_format"), (True, "rtrw_format"),
    ("03/04", "rtrw_format"),
])
def test_rt_rw_refused(written, rule):
    assert only_rule(check_rt_rw(written)) == rule


def test_a_month_is_yyyy_mm_on_the_hub_and_the_laptop_alike():
    assert month_start(" 2026-03 ") == dt.date(2026, 3, 1)
    assert [month_start(text) for text in ("2026-13", "2026-3", "March", "", None, "2026-03-01")] == [None] * 6
