"""Family card (KK) numbers: region part as for a NIK, issue date DDMMYY without +40, serial."""

import datetime as dt

import pytest

from schemas.kk import check_kk

TODAY = dt.date(2026, 11, 23)


def rules(found) -> list[str]:
    return [error.rule for error in found.errors]


def test_a_family_card_issued_in_donomulyo():
    found = check_kk("3507011203150001", today=TODAY)
    assert found.ok and found.warnings == ()
    assert found.value == "3507011203150001" and found.issue_date == dt.date(2015, 3, 12)


@pytest.mark.parametrize("written", ["3507 0112 0315 0001", "3507-011203-150001", "35.07.01.120315.0001"])
def test_separators_are_ignored(written):
    assert check_kk(written, today=TODAY).value == "3507011203150001"


@pytest.mark.parametrize("written, rule", [
    ("35070112031500", "id_length"), ("3507011203150001X", "id_format"), ("3907011203150001", "id_province_unknown"),
    ("3500011203150001", "id_region_zero"), ("3507001203150001", "id_region_zero"),
    ("3507011203150000", "id_serial_zero"),
])
def test_structural_errors(written, rule):
    found = check_kk(written, today=TODAY)
    assert rules(found) == [rule]
    assert found.errors[0].field == "kk_number"


@pytest.mark.parametrize("date_digits", ["520315", "000315", "311115", "290215", "151315"])
def test_digits_7_to_12_are_a_real_issue_date_with_no_plus_40(date_digits):
    found = check_kk(f"350701{date_digits}0001", today=TODAY)
    assert rules(found) == ["kk_date_invalid"] and found.errors[0].params == {"digits": date_digits}


def test_29_february_of_a_leap_year_is_a_real_issue_date():
    assert check_kk("3507012902240001", today=TODAY).issue_date == dt.date(2024, 2, 29)


def test_an_issue_date_is_never_read_as_after_today():
    assert check_kk("3507012411260001", today=TODAY).issue_date == dt.date(1926, 11, 24)
    assert check_kk("3507012311260001", today=TODAY).issue_date == dt.date(2026, 11, 23)


def test_a_family_card_from_a_renumbered_regency_is_a_warning():
    found = check_kk("9101011203150001", today=TODAY)
    assert found.ok and [w.rule for w in found.warnings] == ["id_region_unknown"]
