"""Reading extract rows: the remembered, part-by-part checks answer exactly as the `schemas` validators do."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub_server.services.imports.rows import RowChecker, RowError, name_key, nik_disagreement
from hub_server.services.imports.sources import EKTP, KK
from schemas import check_kk, check_nik

TODAY = dt.date(2026, 3, 1)
REGION_PARTS = st.sampled_from(["350701", "350733", "357301", "320000", "990101", "350799", "640711", "350700"])
DATE_PARTS = st.builds(lambda day, month, year: f"{day:02d}{month:02d}{year:02d}", st.integers(0, 72),
                       st.integers(0, 13), st.integers(0, 99))
SERIALS = st.sampled_from(["0000", "0001", "5001", "9999"])
NUMBERS = st.builds(lambda region, date, serial: region + date + serial, REGION_PARTS, DATE_PARTS, SERIALS)


def findings(errors) -> list:
    return sorted((error.field, error.rule, tuple(sorted(map(str, error.params.items())))) for error in errors)


@settings(max_examples=400, deadline=None)
@given(NUMBERS)
def test_a_nik_checked_in_parts_breaks_the_rules_check_nik_says(number):
    checker = RowChecker(TODAY)
    digits, parts = checker.nik(number)
    expected = check_nik(number, today=TODAY)
    assert findings(checker.errors) == findings(expected.errors)
    if expected.ok:
        assert (digits, parts.birth_date, parts.sex) == (number, expected.parts.birth_date, expected.parts.sex)


@settings(max_examples=300, deadline=None)
@given(NUMBERS)
def test_a_family_card_number_checked_in_parts_breaks_the_rules_check_kk_says(number):
    checker = RowChecker(TODAY)
    checker.kk(number)
    assert findings(checker.errors) == findings(check_kk(number, today=TODAY).errors)


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1920, 1, 1), dt.date(2025, 12, 31)), st.sampled_from("MF"),
       st.dates(dt.date(1920, 1, 1), dt.date(2025, 12, 31)), st.sampled_from("MF"))
def test_nik_disagreement_is_the_disagreement_check_nik_reports(born, sex, recorded, recorded_sex):
    day = born.day + (40 if sex == "F" else 0)
    nik = f"350701{day:02d}{born.month:02d}{born.year % 100:02d}0001"
    rules = {error.rule for error in check_nik(nik, sex=recorded_sex, birth_date=recorded, today=TODAY).errors}
    expected = [name for name, rule in (("sex", "nik_sex_mismatch"), ("birth_date", "nik_birth_date_mismatch"))
                if rule in rules]
    found = nik_disagreement(nik, recorded_sex, recorded.isoformat())
    assert (found.split(",") if found else []) == expected


def test_names_compare_without_case_spaces_or_punctuation_but_with_every_letter():
    assert name_key("  SITI   aminah ") == name_key("Siti Aminah") == name_key("Siti-Aminah.")
    assert name_key("Soetrisno") != name_key("Sutrisno")
    assert name_key("Muh. Nur") == name_key("Muh Nur")


def ektp_row(**changes) -> list:
    values = {"nik": "3507014304770001", "name": "Sinta Azzahra", "birth_place": "Malang", "birth_date": "1977-04-03",
              "sex": "F", "address": "Dusun Jati", "address_rt": "006", "address_rw": "001",
              "village_code": "35.07.01.2001", "marital_status": "married", "occupation": "housewife", **changes}
    return [values[name] for name in EKTP.reads]


def test_source_words_map_to_the_record_vocabulary():
    checker = RowChecker(TODAY)
    row = EKTP.parse(checker, ektp_row(occupation="MENGURUS RUMAH TANGGA", sex="P", marital_status="Kawin"))
    assert (row[5], row[10], row[11]) == ("F", "married", "housekeeping")
    assert EKTP.parse(checker, ektp_row())[11] == "housekeeping"  # the generator's own word


def test_a_row_names_every_broken_field():
    with pytest.raises(RowError) as failed:
        EKTP.parse(RowChecker(TODAY), ektp_row(nik="35070143047700", birth_date="3/4/1977", village_code="35.07.01",
                                               address_rt="RT 6"))
    assert {(error.field, error.rule) for error in failed.value.errors} == {
        ("nik", "id_length"), ("birth_date", "date_format"), ("village_code", "region_level"),
        ("address_rt", "rtrw_format")}


def test_a_row_whose_nik_disagrees_with_its_sex_loads_and_says_so():
    row = EKTP.parse(RowChecker(TODAY), ektp_row(sex="M"))
    assert row[-1] == "sex"


def test_a_family_card_row_carries_what_the_nik_says():
    values = {"kk_number": "3507010612170001", "nik": "3507014304770001", "name": "Sinta Azzahra",
              "relationship": "spouse", "head_nik": "3507011907680001", "kk_issue_date": "2017-12-06",
              "address": "Dusun Jati", "address_rt": "6", "address_rw": "1", "village_code": "3507012001"}
    row = KK.parse(RowChecker(TODAY), [values[name] for name in KK.reads])
    assert row[-2:] == ("1977-04-03", "F")
    assert (row[8], row[10]) == ("006", "35.07.01.2001")
