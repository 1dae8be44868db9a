"""Every record schema: good records load, every field refuses bad input by name, in both languages."""

import datetime as dt

import pytest
from marshmallow import ValidationError

from schemas import fields as f
from schemas.case_needs import NeedsAnswers
from schemas.errors import FieldError, ValidationFailure, error_dicts
from schemas.examples import example, kinds
from schemas.messages import LABELS
from schemas.records import SCHEMAS, dump_record, load_record, schema_for

TODAY = dt.date(2026, 11, 23)


def failure(kind: str, data, **kwargs) -> ValidationFailure:
    with pytest.raises(ValidationFailure) as caught:
        load_record(kind, data, today=TODAY, **kwargs)
    return caught.value


def test_every_kind_has_a_schema_and_an_example():
    assert set(SCHEMAS) == set(kinds()) == {"person", "household", "programme", "application", "complaint",
                                            "complaint_event", "region", "list_correction", "antenatal_visit",
                                            "child_health", "officer", "field_check", "case",
                                            "case_event", "outreach_session", "claim", "claim_event"}


@pytest.mark.parametrize("kind", kinds())
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_example_loads_without_errors_or_warnings(kind, lang):
    clean, warnings = load_record(kind, example(kind), lang=lang, today=TODAY)
    assert warnings == []


@pytest.mark.parametrize("kind", kinds())
def test_dump_then_load_gives_the_same_record(kind):
    clean, _ = load_record(kind, example(kind), today=TODAY)
    again, _ = load_record(kind, dump_record(kind, clean), today=TODAY)
    assert again == clean


def test_loading_normalises():
    clean, _ = load_record("person", example("person"), today=TODAY)
    assert clean["nik"] == "3507015505900001" and clean["village_code"] == "35.07.01.2001"
    assert clean["birth_date"] == dt.date(1990, 5, 15) and clean["monthly_income"] == 1250000
    assert clean["phone"] == "+6281234567890" and (clean["address_rt"], clean["address_rw"]) == (3, 1)
    assert clean["nik_status"] == "recorded"
    dumped = dump_record("person", clean)
    assert dumped["birth_date"] == "1990-05-15"


# A value each kind of field refuses, and the rule it breaks.
BAD = [
    (f.Name, "R2-D2", "name_characters"), (f.Text, 12, "text_type"), (f.Choice, "zzz", "choice"),
    (f.Bool, "maybe", "boolean_invalid"), (f.Integer, 1.5, "integer_invalid"), (f.Rupiah, 1.5, "money_not_integer"),
    (f.Nik, "123", "id_length"), (f.Kk, "123", "id_length"), (f.RegionCode, "35/07", "region_format"),
    (f.Phone, "0341-551234", "phone_format"), (f.RtRw, "0", "rtrw_range"), (f.Date, "15-05-1990", "date_format"),
    (f.DateTime, "kemarin", "datetime_format"), (f.EligibilityRule, {"bad": 1}, "rule_shape"),
    (f.List, "ktp", "list_invalid"), (f.BilingualText, "hanya satu bahasa", "bilingual_text"),
    (f.Nested, "Dinas Sosial", "record_type"), (NeedsAnswers, "semua baik", "answers_invalid"),
]
CODE_RULES = {"record_id_format", "programme_code_format", "officer_format", "reference_format", "bps_code_format"}


def bad_value(field) -> tuple[object, set[str]]:
    if isinstance(field, f.Code):
        return "!!", {field.rule}
    for cls, value, rule in BAD:
        if isinstance(field, cls):
            return value, {rule}
    raise AssertionError(f"no bad value for {type(field).__name__}")


CASES = [(kind, name) for kind, schema in SCHEMAS.items() for name in schema().load_fields]


@pytest.mark.parametrize("kind, name", CASES)
def test_bad_input_to_every_field_names_the_field_and_the_rule(kind, name):
    field = schema_for(kind).load_fields[name]
    value, expected = bad_value(field)
    caught = failure(kind, {**example(kind), name: value})
    assert [(e.field, e.rule) for e in caught.errors if e.field == name], caught.errors
    assert {e.rule for e in caught.errors if e.field == name} <= expected | CODE_RULES
    for lang in ("id", "en"):
        named = [d for d in caught.as_dicts(lang) if d["field"] == name]
        assert LABELS[name][lang] in named[0]["message"]


@pytest.mark.parametrize("kind", kinds())
def test_missing_required_fields_are_each_named(kind):
    schema = schema_for(kind)
    required = {name for name, field in schema.load_fields.items() if field.required}
    caught = failure(kind, {})
    assert {e.field for e in caught.errors if e.rule == "required"} == required


@pytest.mark.parametrize("kind", kinds())
def test_an_unknown_field_is_refused_not_dropped(kind):
    caught = failure(kind, {**example(kind), "nama_ibu": "Sumiati"})
    assert [(e.field, e.rule) for e in caught.errors] == [("nama_ibu", "unknown_field")]


@pytest.mark.parametrize("kind", kinds())
@pytest.mark.parametrize("data", [None, "person", [1, 2], 42])
def test_input_that_is_not_a_record(kind, data):
    caught = failure(kind, data)
    assert [(e.field, e.rule) for e in caught.errors] == [("record", "record_type")]


def test_an_unknown_kind():
    caught = failure("pet", {})
    assert [(e.field, e.rule, e.params) for e in caught.errors] == [("record", "record_kind_unknown", {"kind": "pet"})]


def test_blank_text_means_not_given():
    clean, _ = load_record("person", {**example("person"), "phone": "  ", "birth_place": ""}, today=TODAY)
    assert clean["phone"] is None and clean["birth_place"] is None
    caught = failure("person", {**example("person"), "name": "   "})
    assert [(e.field, e.rule) for e in caught.errors] == [("name", "required")]


def test_null_for_a_required_field():
    caught = failure("person", {**example("person"), "name": None})
    assert [(e.field, e.rule) for e in caught.errors] == [("name", "null")]


def test_messages_are_indonesian_by_default_and_english_on_request():
    bad = {**example("person"), "birth_date": "15-05-1990"}
    assert failure("person", bad).as_dicts()[0]["message"].startswith("Tanggal lahir harus tanggal")
    assert failure("person", bad, lang="en").as_dicts()[0]["message"].startswith("Date of birth must be a date")


def test_the_schema_itself_speaks_the_requested_language():
    from schemas.person import PersonSchema

    bad = {**example("person"), "birth_date": "15-05-1990"}
    for lang, start in (("id", "Tanggal lahir"), ("en", "Date of birth")):
        with pytest.raises(ValidationError) as caught:
            PersonSchema(lang=lang, today=TODAY).load(bad)
        assert caught.value.messages["birth_date"][0].startswith(start)
        assert error_dicts(caught.value, lang) == [
            {"field": "birth_date", "rule": "date_format", "message": caught.value.messages["birth_date"][0]}]
    with pytest.raises(ValueError):
        PersonSchema(lang="jv")


def test_the_error_envelope():
    caught = failure("person", {**example("person"), "sex": "L", "address_rt": "RT 3"}, lang="en")
    envelope = caught.envelope()
    assert envelope["ok"] is False and (envelope["status"], envelope["code"]) == (400, "invalid")
    assert envelope["error"] == "The record cannot be saved: 2 field(s) need correcting."
    assert [(e["field"], e["rule"]) for e in envelope["errors"]] == [("sex", "choice"), ("address_rt", "rtrw_format")]
    assert envelope["errors"][0]["message"] == "Sex must be one of: M, F."
    assert caught.envelope("id")["errors"][0]["message"] == "Jenis kelamin harus salah satu dari: M, F."


def test_partial_load_checks_only_the_fields_given():
    clean, warnings = load_record("person", {"phone": "0812 3456 7890"}, partial=True, today=TODAY)
    assert clean == {"phone": "+6281234567890"} and warnings == []
    caught = failure("person", {"phone": "12"}, partial=True)
    assert [(e.field, e.rule) for e in caught.errors] == [("phone", "phone_format")]
    # A rule across fields needs the merged record; a partial update alone does not trip it.
    clean, _ = load_record("application", {"status": "rejected"}, partial=True, today=TODAY)
    assert clean == {"status": "rejected"}


def test_warnings_do_not_block_and_name_their_field():
    data = {**example("person"), "nik": "9101015505900001"}
    clean, warnings = load_record("person", data, today=TODAY)
    assert clean["nik"] == "9101015505900001"
    assert warnings == [FieldError("nik", "id_region_unknown", {"code": "91.01"})]
    assert "91.01" in warnings[0].message("id") and "flagged for review" in warnings[0].message("en")


def test_nested_errors_and_warnings_carry_their_path():
    data = example("household")
    data["kk_history"][0]["kk_number"] = "9101010804090003"
    data["kk_history"][1]["since"] = "2015-02-30"
    caught = failure("household", data)
    assert [(e.field, e.rule) for e in caught.errors] == [("kk_history.1.since", "date_invalid")]
    assert caught.as_dicts("en")[0]["message"].startswith("Valid since (kk_history.1.since):")
    data["kk_history"][1]["since"] = "2015-03-12"
    _, warnings = load_record("household", data, today=TODAY)
    assert [(w.field, w.rule) for w in warnings] == [("kk_history.0.kk_number", "id_region_unknown")]


def test_nested_records_in_a_list_must_be_objects():
    caught = failure("household", {**example("household"), "kk_history": ["3507011203150001"]})
    assert [(e.field, e.rule) for e in caught.errors] == [("kk_history.0", "record_type")]


def test_lists_name_the_bad_item():
    caught = failure("programme", {**example("programme"), "required_documents": ["ktp", "paspor"]})
    assert [(e.field, e.rule) for e in caught.errors] == [("required_documents.1", "choice")]


def test_the_clock_used_can_be_pinned():
    data = {**example("person"), "birth_date": "2026-11-24", "nik": "3507016411260001"}
    caught = failure("person", data)
    assert [(e.field, e.rule) for e in caught.errors] == [("birth_date", "date_future")]
    clean, _ = load_record("person", data, today=dt.date(2026, 11, 24))
    assert clean["birth_date"] == dt.date(2026, 11, 24)
