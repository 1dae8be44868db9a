"""Rules across fields of each record, and the status and escalation moves services check."""

import datetime as dt

import pytest

from schemas.application import check_transition
from schemas.complaint import check_escalation
from schemas.errors import ValidationFailure
from schemas.examples import example
from schemas.records import load_record

TODAY = dt.date(2026, 11, 23)


def errors(record_kind: str, /, **changes) -> list[tuple[str, str]]:
    try:
        load_record(record_kind, {**example(record_kind), **changes}, today=TODAY)
    except ValidationFailure as failure:
        return [(e.field, e.rule) for e in failure.errors]
    return []


def warnings(record_kind: str, /, **changes) -> list[tuple[str, str]]:
    _, found = load_record(record_kind, {**example(record_kind), **changes}, today=TODAY)
    return [(w.field, w.rule) for w in found]


# Person ---------------------------------------------------------------------------------------------

def test_a_newborn_without_a_nik_has_a_provisional_status():
    clean, _ = load_record("person", {**example("person"), "nik": None, "nik_status": "newborn", "pregnant": None},
                           today=TODAY)
    assert clean["nik"] is None and clean["nik_status"] == "newborn"


def test_no_nik_and_no_provisional_status():
    assert errors("person", nik=None) == [("nik", "nik_missing")]
    assert errors("person", nik="") == [("nik", "nik_missing")]
    assert errors("person", nik=None, nik_status="recorded") == [("nik", "nik_missing")]


def test_a_provisional_status_with_a_nik():
    assert errors("person", nik_status="newborn") == [("nik_status", "nik_status_conflict")]


def test_the_nik_must_agree_with_sex_and_birth_date():
    assert errors("person", sex="M", pregnant=False) == [("nik", "nik_sex_mismatch")]
    assert errors("person", birth_date="1990-05-16") == [("nik", "nik_birth_date_mismatch")]


def test_a_confirmed_disagreement_saves_with_a_warning():
    assert warnings("person", birth_date="1990-05-16", nik_mismatch_confirmed=True) == [
        ("nik", "nik_birth_date_mismatch")]


def test_a_resident_with_a_nik_issued_in_another_district_is_valid():
    assert errors("person", nik="3273015505900001") == []
    assert warnings("person", nik="3273015505900001") == []


def test_only_women_can_be_pregnant():
    assert errors("person", nik="3507011505900001", sex="M") == [("pregnant", "pregnant_not_female")]
    assert errors("person", nik="3507011505900001", sex="M", pregnant=False) == []


def test_an_unusual_age_for_pregnancy_is_a_warning():
    assert warnings("person", nik="3507014505600001", birth_date="1960-05-05") == [("pregnant", "pregnant_age")]
    assert warnings("person", nik="3507014505180001", birth_date="2018-05-05") == [("pregnant", "pregnant_age")]


def test_severity_and_migration_date_need_their_subject():
    assert errors("person", disability_severe=True) == [("disability_severe", "disability_severe_without")]
    assert errors("person", disability="physical", disability_severe=True) == []
    assert errors("person", migration_date="2025-01-01") == [("migration_date", "migration_date_without")]
    assert errors("person", migration="in", migration_date="2025-01-01") == []
    assert errors("person", migration="in", migration_date="2025-01-01", moved_to="Surabaya") == [
        ("moved_to", "moved_to_without")]  # a move within the district changes the village instead
    assert errors("person", migration="out", migration_date="2025-01-01", moved_to="Surabaya") == []


def test_names_are_letters_and_spaces_are_tidied():
    clean, _ = load_record("person", {**example("person"), "name": "  Moh.  Ali  O'Neil-Rahman "}, today=TODAY)
    assert clean["name"] == "Moh. Ali O'Neil-Rahman"
    assert errors("person", name="Siti 2") == [("name", "name_characters")]
    assert errors("person", name="...") == [("name", "name_characters")]
    assert errors("person", name="A" * 101) == [("name", "text_too_long")]


def test_the_record_id_is_never_a_nik():
    assert errors("person", id="3507015505900001") == [("id", "record_id_format")]
    assert errors("person", id="0b6f4f0e-6d0c-4c43-9f9a-3c2b6c1c2d10") == []
    assert errors("person", id="gen-hh-1") == []


# Household ------------------------------------------------------------------------------------------

def test_the_current_family_card_is_the_last_of_its_history():
    assert errors("household", kk_number="3507010804090003") == [("kk_number", "kk_history_current")]
    assert errors("household", kk_number=None) == [("kk_number", "kk_history_current")]
    assert errors("household", kk_history=[]) == []


def test_family_card_history_runs_forward_without_repeats():
    history = example("household")["kk_history"]
    repeated = [history[0], history[1], {**history[0], "since": "2018-01-01"}, {**history[1], "since": "2020-01-01"}]
    assert errors("household", kk_history=repeated) == [("kk_history.2.kk_number", "list_duplicate"),
                                                        ("kk_history.3.kk_number", "list_duplicate")]
    backwards = [{**history[0], "since": "2016-01-01"}, history[1]]
    assert errors("household", kk_history=backwards) == [("kk_history.1.since", "kk_history_order")]


def test_welfare_decile_is_1_to_10():
    assert errors("household", welfare_decile=0) == [("welfare_decile", "integer_range")]
    assert errors("household", welfare_decile=11) == [("welfare_decile", "integer_range")]
    assert errors("household", welfare_decile="10") == []


# Programme ------------------------------------------------------------------------------------------

def test_programme_region_follows_its_level():
    assert errors("programme", region_code="35") == [("region_code", "programme_region_national")]
    assert errors("programme", level="district") == [("region_code", "programme_region_required")]
    assert errors("programme", level="district", region_code="35") == [("region_code", "region_level")]
    assert errors("programme", level="district", region_code="3507") == []
    assert errors("programme", level="provincial", region_code="35") == []


def test_a_benefit_amount_needs_its_period():
    assert errors("programme", benefit_period=None) == [("benefit_period", "benefit_period_required")]


def test_programme_codes_and_documents():
    clean, _ = load_record("programme", {**example("programme"), "code": "pmt-kek"}, today=TODAY)
    assert clean["code"] == "PMT-KEK"
    assert errors("programme", code="PKH 2") == [("code", "programme_code_format")]
    assert errors("programme", required_documents=["ktp", "kk", "ktp"]) == [("required_documents", "list_duplicate")]
    assert errors("programme", quota=-1) == [("quota", "integer_min")]


def test_a_bad_eligibility_rule_points_into_the_rule():
    rule = {"all": [{"fact": "welfare_decile", "op": "lte", "value": 4}]}
    assert errors("programme", eligibility_rule=rule) == [("eligibility_rule.all.0.op", "rule_op_unknown")]


# Application ----------------------------------------------------------------------------------------

def test_a_rejection_needs_its_justification():
    assert errors("application", justification=None) == [("justification", "justification_required")]
    assert errors("application", justification="tidak") == [("justification", "text_too_short")]
    assert errors("application", status="approved", justification=None) == []


@pytest.mark.parametrize("old, new, allowed", [
    (None, "pre_identified", True), (None, "applied", True), (None, "approved", False),
    ("pre_identified", "applied", True), ("pre_identified", "rejected", True), ("pre_identified", "approved", False),
    ("applied", "approved", True), ("applied", "rejected", True), ("applied", "pre_identified", False),
    ("rejected", "applied", True), ("rejected", "approved", False), ("approved", "rejected", False),
    ("approved", "approved", True),
])
def test_application_status_moves(old, new, allowed):
    found = check_transition(old, new)
    assert (found == []) is allowed
    if not allowed:
        assert found[0].rule == "status_transition" and found[0].message("en")


# Complaint ------------------------------------------------------------------------------------------

def test_a_complaint_names_its_complainant():
    assert errors("complaint", complainant_person_id=None) == [("complainant_name", "complainant_required")]
    assert errors("complaint", complainant_person_id=None, complainant_name="Sumiati") == []


def test_complaint_dates_run_forward():
    assert errors("complaint", date_transmitted="2026-03-04") == [("date_transmitted", "date_order")]
    assert errors("complaint", date_submitted="2026-11-24") == [("date_submitted", "date_future")]


def test_a_resolved_or_acknowledged_complaint_has_a_response():
    assert errors("complaint", status="resolved") == [("response", "response_required"),
                                                      ("resolved_date", "resolved_date_required")]
    assert errors("complaint", acknowledged=True) == [("response", "response_required")]
    done = {"status": "closed", "response": "Sudah didaftarkan ulang.", "response_date": "2026-03-10",
            "resolved_date": "2026-03-10", "acknowledged": True, "acknowledged_date": "2026-03-09"}
    assert errors("complaint", **done) == [("acknowledged_date", "date_order")]
    assert errors("complaint", **{**done, "acknowledged_date": "2026-03-11"}) == []


def test_complaint_defaults_and_categories():
    data = {key: value for key, value in example("complaint").items() if key not in ("status", "escalation_level")}
    clean, _ = load_record("complaint", data, today=TODAY)
    assert (clean["status"], clean["escalation_level"], clean["acknowledged"]) == ("open", "village", False)
    assert errors("complaint", category="corruption") == [("category", "choice")]


@pytest.mark.parametrize("current, new, rule", [
    ("village", "sub_district", None), ("village", "district", "escalation_skip"), ("district", "skpd", None),
    ("skpd", "ombudsman", None), ("district", "village", "escalation_backwards"),
    ("ombudsman", "ombudsman", "escalation_backwards"),
])
def test_escalation_goes_up_one_level_at_a_time(current, new, rule):
    assert [error.rule for error in check_escalation(current, new)] == ([rule] if rule else [])


def test_an_anonymous_complaint_names_no_one_and_a_named_one_names_someone():
    assert errors("complaint", complainant_person_id=None) == [("complainant_name", "complainant_required")]
    assert errors("complaint", complainant_person_id=None, complainant_name="Ani Lestari") == []
    assert errors("complaint", complainant_person_id=None, anonymous=True) == []
    assert errors("complaint", complainant_person_id=None, anonymous=True, complainant_nik="3507015505900001",
                  complainant_phone="081234567890") == [("complainant_nik", "anonymous_identified"),
                                                         ("complainant_phone", "anonymous_identified")]


def test_the_action_form_keeps_the_complainants_nik_address_and_desired_action():
    clean, _ = load_record("complaint", {**example("complaint"), "complainant_nik": "3507015505900001",
                                         "complainant_address": "RT 1 RW 2 Tulungrejo",
                                         "desired_action": "Dimasukkan ke daftar PKH."}, today=TODAY)
    assert clean["desired_action"] == "Dimasukkan ke daftar PKH."
    assert errors("complaint", complainant_nik="12345") == [("complainant_nik", "id_length")]


def test_each_event_kind_needs_its_content():
    assert errors("complaint_event", escalation_level=None) == [("escalation_level", "event_field_required")]
    assert errors("complaint_event", kind="status_change") == [("status", "event_field_required")]
    assert errors("complaint_event", kind="note", text=None) == [("text", "event_field_required")]
    assert errors("complaint_event", kind="response", text="Data sudah diperbaiki.") == []


def test_event_times_have_a_time_zone():
    clean, _ = load_record("complaint_event", {**example("complaint_event"), "time": "2026-03-06T09:15:00+07:00"},
                           today=TODAY)
    assert clean["time"] == dt.datetime(2026, 3, 6, 2, 15, tzinfo=dt.UTC)
    assert errors("complaint_event", time="2026-03-06T09:15:00") == [("time", "datetime_format")]


# Region ---------------------------------------------------------------------------------------------

def test_region_level_and_parent_follow_the_code():
    assert errors("region", level="sub_district") == [("level", "region_level_mismatch")]
    assert errors("region", parent_code="35.07.02") == [("parent_code", "region_parent")]
    assert errors("region", code="35", level="province", parent_code=None, name="Jawa Timur") == []
    assert errors("region", code="35", level="province", parent_code="35", name="Jawa Timur") == [
        ("parent_code", "region_parent")]


def test_a_region_missing_from_the_list_is_kept_with_a_warning():
    new_village = {"code": "35.07.01.2099", "name": "Desa Baru", "level": "village", "parent_code": "35.07.01"}
    assert warnings("region", **new_village) == [("code", "region_not_listed")]
    assert errors("region", bps_code="35070100") == [("bps_code", "bps_code_format")]
