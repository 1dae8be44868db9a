"""NIK structure: region, birth date with +40 for women, century, serial; agreement with the record."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas import region
from schemas.nik import check_nik, nik_mismatches

TODAY = dt.date(2026, 11, 23)


def nik(sub_district: str, born: dt.date, sex: str, serial: int = 1) -> str:
    day = born.day + (40 if sex == "F" else 0)
    return f"{sub_district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def rules(found) -> list[str]:
    return [error.rule for error in found.errors]


def test_a_man_born_in_donomulyo():
    found = check_nik("3507010312880002", today=TODAY)
    assert found.ok and found.warnings == ()
    assert found.value == "3507010312880002"
    assert (found.parts.province, found.parts.regency, found.parts.sub_district) == ("35", "35.07", "35.07.01")
    assert (found.parts.birth_date, found.parts.sex, found.parts.serial) == (dt.date(1988, 12, 3), "M", "0002")


def test_a_woman_has_forty_added_to_her_day_of_birth():
    found = check_nik("3507015505900001", today=TODAY)
    assert found.ok
    assert (found.parts.birth_date, found.parts.sex) == (dt.date(1990, 5, 15), "F")


@pytest.mark.parametrize("written", [
    "3507 0155 0590 0001", "3507.0155.0590.0001", "3507-0155-0590-0001", " 3507015505900001 ", "35.07.01 550590 0001",
    3507015505900001,
])
def test_spaces_dots_and_hyphens_are_ignored(written):
    found = check_nik(written, today=TODAY)
    assert found.ok and found.value == "3507015505900001"


@pytest.mark.parametrize("written, rule", [
    ("350701550590000", "id_length"), ("35070155059000012", "id_length"), ("", "id_format"),
    ("3507O15505900001", "id_format"), ("3507/015505900001", "id_format"), (3.507015505900001e15, "id_format"),
    (None, "id_format"), (True, "id_format"), ("٣٥٠٧٠١٥٥٠٥٩٠٠٠٠١", "id_format"),
])
def test_what_is_not_sixteen_digits(written, rule):
    found = check_nik(written, today=TODAY)
    assert rules(found) == [rule] and found.value is None and found.parts is None


def test_length_error_says_how_many_digits_were_given():
    found = check_nik("3507 0155 0590 001", today=TODAY)
    assert found.errors[0].params == {"length": 15}
    assert "15" in found.errors[0].message("id") and "15" in found.errors[0].message("en")


@pytest.mark.parametrize("code", ["00", "10", "20", "39", "97", "99"])
def test_an_unknown_province_is_an_error(code):
    found = check_nik(f"{code}07015505900001", today=TODAY)
    assert rules(found) == ["id_province_unknown"]
    assert found.errors[0].params == {"code": code}


@pytest.mark.parametrize("written", ["3500015505900001", "3507005505900001", "3500005505900001"])
def test_regency_or_sub_district_00_is_an_error(written):
    assert rules(check_nik(written, today=TODAY)) == ["id_region_zero"]


def test_a_regency_missing_from_todays_list_is_a_warning_not_an_error():
    # Merauke was 91.01 (Papua) until it became 93.01 (Papua Selatan) in 2022; old NIKs keep 91.01.
    assert not region.exists("91.01") and region.exists("93.01")
    found = check_nik("9101015505900001", today=TODAY)
    assert found.ok
    assert [(w.rule, w.params) for w in found.warnings] == [("id_region_unknown", {"code": "91.01"})]
    assert found.parts.regency == "91.01"


def test_a_sub_district_missing_from_todays_list_is_a_warning():
    assert region.exists("35.07") and not region.exists("35.07.99")
    found = check_nik("3507995505900001", today=TODAY)
    assert found.ok and [w.params["code"] for w in found.warnings] == ["35.07.99"]


def test_a_nik_issued_in_another_district_is_valid():
    # Issued in Kota Bandung (32.73); where a person lives later does not change the NIK.
    found = check_nik("3273015505900001", today=TODAY)
    assert found.ok and found.warnings == () and found.parts.regency == "32.73"


def test_serial_0000_is_an_error():
    assert rules(check_nik("3507015505900000", today=TODAY)) == ["id_serial_zero"]


@pytest.mark.parametrize("date_digits", [
    "000590",  # day 0
    "320590",  # 32 May
    "400590",  # day 40: neither a man's day nor a woman's (41-71)
    "720590",  # 72 - 40 = 32 May
    "311190",  # 31 November
    "150090",  # month 0
    "151390",  # month 13
    "300290",  # 30 February
    "290223",  # 29 February 2023, not a leap year
    "690223",  # the same for a woman
    "290201",  # 2001 and 1901 are not leap years
])
def test_digits_7_to_12_must_be_a_real_date(date_digits):
    found = check_nik(f"350701{date_digits}0001", today=TODAY)
    assert rules(found) == ["nik_date_invalid"]
    assert found.errors[0].params == {"digits": date_digits}
    assert found.parts.birth_date is None and found.parts.sex is None


@pytest.mark.parametrize("date_digits, born, sex", [
    ("290224", dt.date(2024, 2, 29), "M"),
    ("690224", dt.date(2024, 2, 29), "F"),
    ("290200", dt.date(2000, 2, 29), "M"),  # 2000 is a leap year (divisible by 400)
    ("290296", dt.date(1996, 2, 29), "M"),
    ("710190", dt.date(1990, 1, 31), "F"),
])
def test_leap_days_and_edges_that_exist(date_digits, born, sex):
    found = check_nik(f"350701{date_digits}0001", today=TODAY)
    assert found.ok and (found.parts.birth_date, found.parts.sex) == (born, sex)


def test_the_century_is_the_latest_that_does_not_put_the_birth_in_the_future():
    assert check_nik("3507012311260001", today=TODAY).parts.birth_date == dt.date(2026, 11, 23)  # born today
    assert check_nik("3507012411260001", today=TODAY).parts.birth_date == dt.date(1926, 11, 24)  # tomorrow: 1926
    assert check_nik("3507010101270001", today=TODAY).parts.birth_date == dt.date(1927, 1, 1)
    assert check_nik("3507010101000001", today=TODAY).parts.birth_date == dt.date(2000, 1, 1)
    assert check_nik("3507010101250001", today=dt.date(2024, 6, 1)).parts.birth_date == dt.date(1925, 1, 1)


def test_the_record_settles_the_century_of_a_very_old_person():
    # 010520 reads as 2020 by the century rule; a person recorded as born in 1920 agrees with it.
    found = check_nik("3507010105200001", sex="M", birth_date=dt.date(1920, 5, 1), today=TODAY)
    assert found.ok and found.parts.birth_date == dt.date(1920, 5, 1)


def test_a_woman_recorded_as_a_man_names_the_sex():
    found = check_nik("3507015505900001", sex="M", birth_date="1990-05-15", today=TODAY)
    assert rules(found) == ["nik_sex_mismatch"]
    error = found.errors[0]
    assert error.params["nik_day"] == "55"
    assert "Perempuan" in error.message("id") and "Laki-laki" in error.message("id")
    assert "Female" in error.message("en") and "Male" in error.message("en")


def test_a_man_recorded_as_a_woman_names_the_sex():
    assert rules(check_nik("3507011505900001", sex="F", birth_date="1990-05-15", today=TODAY)) == ["nik_sex_mismatch"]


def test_a_different_birth_date_names_the_date():
    found = check_nik("3507015505900001", sex="F", birth_date=dt.date(1990, 5, 16), today=TODAY)
    assert rules(found) == ["nik_birth_date_mismatch"]
    assert found.errors[0].params == {"nik_date": "1990-05-15", "birth_date": "1990-05-16"}


def test_both_disagreements_are_named():
    found = check_nik("3507015505900001", sex="M", birth_date=dt.date(1991, 5, 15), today=TODAY)
    assert rules(found) == ["nik_sex_mismatch", "nik_birth_date_mismatch"]


def test_a_confirmed_disagreement_is_a_warning():
    found = check_nik("3507015505900001", sex="F", birth_date="1990-05-16", today=TODAY, mismatch_as_warning=True)
    assert found.ok and [w.rule for w in found.warnings] == ["nik_birth_date_mismatch"]


def test_agreement_is_not_checked_when_the_nik_date_is_not_real():
    found = check_nik("3507013202900001", sex="F", birth_date="1990-02-02", today=TODAY)
    assert rules(found) == ["nik_date_invalid"]


def test_every_problem_is_reported_at_once():
    found = check_nik("9900003202900000", today=TODAY)
    assert rules(found) == ["id_province_unknown", "nik_date_invalid", "id_serial_zero"]


def test_the_field_name_is_the_callers():
    assert check_nik("123", field="spouse_nik").errors[0].field == "spouse_nik"


# Properties -----------------------------------------------------------------------------------------

def _all_sub_districts() -> list[str]:
    return [code for province, _ in region.provinces() for regency, _ in region.regencies(province)
            for code, _ in region.sub_districts(regency)]


SUB_DISTRICTS = _all_sub_districts()
births = st.dates(min_value=TODAY.replace(year=TODAY.year - 99), max_value=TODAY)
valid_niks = st.builds(nik, st.sampled_from(SUB_DISTRICTS), births, st.sampled_from(["M", "F"]),
                       st.integers(1, 9999))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SUB_DISTRICTS), births, st.sampled_from(["M", "F"]), st.integers(1, 9999))
def test_generated_valid_niks_pass_and_read_back(sub_district, born, sex, serial):
    found = check_nik(nik(sub_district, born, sex, serial), sex=sex, birth_date=born, today=TODAY)
    assert found.ok and found.warnings == ()
    assert (found.parts.sub_district, found.parts.birth_date, found.parts.sex) == (sub_district, born, sex)
    assert found.parts.serial == f"{serial:04d}"


def _expected_date(digits: str):
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "F" if day > 40 else "M"
    day -= 40 if sex == "F" else 0
    year = TODAY.year - (TODAY.year - yy) % 100
    if (year, month, day) > (TODAY.year, TODAY.month, TODAY.day):
        year -= 100
    return dt.date(year, month, day), sex


@settings(max_examples=200, deadline=None)
@given(valid_niks, st.integers(0, 11), st.integers(1, 9))
def test_every_single_digit_change_to_region_or_date_is_caught_or_explained(original, position, shift):
    digit = str((int(original[position]) + shift) % 10)
    changed = original[:position] + digit + original[position + 1:]
    before, after = check_nik(original, today=TODAY), check_nik(changed, today=TODAY)
    if after.errors or after.warnings:
        return  # caught (an error) or explained (a warning to review)
    # Still a valid NIK: it must be read as a different NIK whose parts changed just as the digits did.
    assert after.parts.sub_district == f"{changed[0:2]}.{changed[2:4]}.{changed[4:6]}"
    assert (after.parts.birth_date, after.parts.sex) == _expected_date(changed)
    if position < 6:
        assert after.parts.sub_district != before.parts.sub_district
        assert (after.parts.birth_date, after.parts.sex) == (before.parts.birth_date, before.parts.sex)
    else:
        assert after.parts.sub_district == before.parts.sub_district
        assert (after.parts.birth_date, after.parts.sex) != (before.parts.birth_date, before.parts.sex)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SUB_DISTRICTS), births, st.sampled_from(["M", "F"]), st.integers(6, 11), st.integers(1, 9))
def test_with_the_record_every_change_to_the_date_part_is_an_error(sub_district, born, sex, position, shift):
    original = nik(sub_district, born, sex)
    changed = original[:position] + str((int(original[position]) + shift) % 10) + original[position + 1:]
    found = check_nik(changed, sex=sex, birth_date=born, today=TODAY)
    assert set(rules(found)) & {"nik_date_invalid", "nik_sex_mismatch", "nik_birth_date_mismatch"}


NIKS = ["3507015505900001", "3507011505900001", "3507 0155 0590 0001", "3507014505900001", "3507013102000001",
        "3507017102000001", "3507010000000001", "9907015505900001", "35070155059000", "x", "", None, 3507015505900001]
BIRTH_DATES = [dt.date(1990, 5, 15), dt.date(1890, 5, 15), dt.date(2000, 2, 29), "1990-05-15", "1990-05-16",
               "2000-02-31", dt.datetime(1990, 5, 15), None, "", 19900515]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(nik=st.sampled_from(NIKS), sex=st.sampled_from(["M", "F", None, "", "x"]),
       birth_date=st.sampled_from(BIRTH_DATES))
def test_the_mismatches_alone_are_those_the_whole_check_finds(nik, sex, birth_date):
    """The person's rule across fields asks only for the mismatches: they must be the whole check's."""
    today = dt.date(2026, 11, 23)
    whole = check_nik(nik, sex=sex, birth_date=birth_date, today=today)
    expected = [error for error in whole.errors if error.rule in ("nik_sex_mismatch", "nik_birth_date_mismatch")]
    assert list(nik_mismatches(nik, sex=sex, birth_date=birth_date, today=today)) == expected
