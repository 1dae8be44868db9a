"""The message catalogue: both languages for every rule, every placeholder filled, every rule used and reachable."""

import ast
import dataclasses
import datetime as dt
import pathlib

import pytest
from marshmallow import fields as mm_fields

import schemas
from schemas.application import check_transition
from schemas.case_state import derive as case_derive
from schemas.case_state import event_errors as case_event_errors
from schemas.claim import checklist_errors, membership_errors
from schemas.claim_state import derive as claim_derive
from schemas.claim_state import event_errors as claim_event_errors
from schemas.complaint import check_escalation
from schemas.complaint_state import derive, event_errors
from schemas.errors import FieldError, Problem, ValidationFailure
from schemas.examples import example
from schemas.household import KkEntrySchema
from schemas.messages import CATALOGUE, LABELS, LANGUAGES, label, message, placeholders
from schemas.records import SCHEMAS, load_record
from schemas.roles import refusal

TODAY = dt.date(2026, 11, 23)
SOURCE = pathlib.Path(schemas.__file__).parent
NOT_FIELD_ERRORS = {"record_invalid"}  # the envelope's headline, not a rule a field breaks
FALLBACK = {"invalid"}  # a marshmallow message that is not ours; no field of ours produces one


@pytest.mark.parametrize("rule", sorted(CATALOGUE))
def test_every_rule_has_both_languages_with_the_same_placeholders(rule):
    assert set(CATALOGUE[rule]) == set(LANGUAGES)
    assert all(text.strip() for text in CATALOGUE[rule].values())
    used = placeholders(rule)
    assert used["id"] == used["en"]
    if rule not in NOT_FIELD_ERRORS | {"record_type", "record_kind_unknown"}:
        assert "field" in used["id"], "a field error names its field"


def test_languages_are_defined_once_for_every_program():
    root = SOURCE.parent
    defined = [str(path.relative_to(root)) for package in ("schemas", "sync_protocol", "hub_server", "village_client",
                                                           "sws_demo")
               for path in (root / package).rglob("*.py")
               if any(line.startswith("LANGUAGES =") for line in path.read_text(encoding="utf-8").splitlines())]
    assert defined == ["schemas/messages.py"]


def test_every_label_has_both_languages():
    for name, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES) and all(texts.values()), name


def _all_fields():
    for schema in [*SCHEMAS.values(), KkEntrySchema]:
        for name, field in schema().load_fields.items():
            yield schema, name, field
            if isinstance(field, mm_fields.List):
                yield schema, name, field.inner


def test_every_field_of_every_schema_has_a_label():
    assert {name for _, name, _ in _all_fields()} - set(LABELS) == set()


def test_every_message_marshmallow_can_raise_from_our_fields_and_schemas_is_a_catalogue_rule():
    for schema, name, field in _all_fields():
        for key, value in field.error_messages.items():
            assert isinstance(value, Problem) and value.rule in CATALOGUE, (schema.__name__, name, key)
    for schema in [*SCHEMAS.values(), KkEntrySchema]:
        for key, value in schema().error_messages.items():
            assert isinstance(value, Problem) and value.rule in CATALOGUE, (schema.__name__, key)


# Where the rule is among a call's arguments, for each way the code names a rule.
_RULE_ARGUMENT = {"FieldError": 1, "Problem": 0, "fail": 0, "_fails": 0, "_fail": 1, "Code": 1, "__init__": 1,
                  "message": 0}


def _rules_named_in_source() -> set[str]:
    named = set()
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = 1 if callee == "fail" and isinstance(node.func, ast.Attribute) else _RULE_ARGUMENT.get(callee)
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    named.add(argument.value)
    return named


def test_every_rule_named_in_the_code_is_in_the_catalogue():
    named = _rules_named_in_source()
    assert len(named) > 60
    assert named - set(CATALOGUE) == set()


def _found(record_kind: str, /, _data=None, **changes) -> list[FieldError]:
    data = _data if _data is not None else {**example(record_kind), **changes}
    try:
        _, warnings = load_record(record_kind, data, today=TODAY)
    except ValidationFailure as failure:
        return failure.errors
    return warnings


def _triggered() -> list[FieldError]:
    deep = {"fact": "age", "op": "ge", "value": 1}
    for _ in range(9):
        deep = {"not": deep}
    person_changes = [
        {"name": None}, {"name": " "}, {"nama": 1}, {"name": 5}, {"name": "A" * 101}, {"name": "B4"}, {"sex": "L"},
        {"pregnant": "maybe"}, {"nik": "x"}, {"nik": "123"}, {"nik": "3907015505900001"}, {"nik": "3500015505900001"},
        {"nik": "3507015505900000"}, {"nik": "3507013505900001"}, {"nik": "9101015505900001"},
        {"kk_number": "3507013002150001"}, {"village_code": "x"}, {"village_code": "35.07"},
        {"village_code": "35.07.01.9999"}, {"monthly_income": 1.5}, {"monthly_income": "1,500,000"},
        {"monthly_income": -1}, {"monthly_income": 10**15}, {"phone": "0341-551234"}, {"phone": "08123"},
        {"birth_date": "1990/05/15"}, {"birth_date": "1990-02-30"}, {"birth_date": "2026-12-01"},
        {"birth_date": "1899-01-01"}, {"address_rt": "x"}, {"address_rt": 0}, {"nik": None},
        {"nik_status": "newborn"}, {"sex": "M"}, {"birth_date": "1990-05-16"}, {"disability_severe": True},
        {"migration_date": "2020-01-01"}, {"moved_to": "Kota Surabaya"},
        {"birth_date": "1960-05-15", "nik": "3507015505600001"},
        {"household_id": "3507015505900001"},
    ]
    found = [error for changes in person_changes for error in _found("person", **changes)]
    found += _found("person", _data=[1])
    found += _found("household", welfare_decile="x") + _found("household", welfare_decile=0)
    found += _found("household", kk_history="x") + _found("household", kk_history=[example("household")] * 51)
    found += _found("household", kk_number="3507010804090003")
    history = example("household")["kk_history"]
    found += _found("household", kk_history=[history[1], history[0], history[1]])
    found += _found("household", kk_history=[{**history[0], "kk_number": "3507013202150001"}])
    found += _found("programme", quota=-1) + _found("programme", code="p k h")
    found += _found("programme", benefit_period=None)
    found += _found("programme", procedure={"id": "Datang ke kantor desa."})
    found += _found("programme", region_code="35") + _found("programme", level="district")
    found += _found("programme", eligibility_rule=deep) + _found("programme", eligibility_rule={"any": []})
    found += _found("programme", eligibility_rule=[])
    found += _found("programme", claims=[{"claim_kind": "death", "documents_required": ["ktp"]}] * 2)
    found += _found("programme", claims=[{"claim_kind": "death", "documents_required": ["ktp"],
                                          "documents_optional": ["ktp"]}])
    found += _found("programme", eligibility_rule={"any": [{"fact": "age", "op": "eq", "value": 1}] * 201})
    found += _found("programme", eligibility_rule={"fact": "x", "op": "eq", "value": 1})
    found += _found("programme", eligibility_rule={"fact": "age", "op": "like", "value": 1})
    found += _found("programme", eligibility_rule={"fact": "age", "op": "eq", "value": "1"})
    found += _found("application", justification=None) + _found("application", justification="singkat")
    found += _found("application", officer="siti aminah") + _found("application", person_id=None)
    found += _found("application", person_id=None, nik="3507015505900001")
    found += _found("complaint", complainant_person_id=None) + _found("complaint", reference_number="?")
    found += _found("complaint", status="resolved") + _found("complaint", date_transmitted="2026-01-01")
    found += _found("complaint_event", kind="note", text=None) + _found("complaint_event", time="kemarin")
    found += _found("region", level="village", code="35") + _found("region", parent_code="35.07.02")
    found += _found("region", code="35.07.01.2099") + _found("region", bps_code="1")
    found += _found("pet", _data={}) + check_transition("approved", "applied") + check_escalation("skpd", "village")
    found += [refusal("midwife", "complaint", "create", {}), refusal("midwife", "person", "update", {"phone": 1})]
    found += _found("person", pregnant=False, expected_delivery_date="2026-09-01")
    found += check_escalation("village", "district") + _complaint_state_rules()
    found += _found("complaint", anonymous=True)
    found += _found("complaint", payment_membership="x1", payment_period="2026-13")
    found += _found("complaint", category="payment_delay", payment_membership="12")
    found += _found("complaint", payment_membership="12", payment_period="2026-03")
    found += _found("field_check", inconsistency_id=None) + _found("field_check", outcome="confirmed")
    found += _found("outreach_session", men=0, women=0)
    found += _found("outreach_session", men=0, women=1, niks=["3507015505900001", "3507015505900002"])
    return found + _case_rules()


def _case_rules() -> list:
    assessment = {"kind": "assessment", "service_code": None, "action": None, "responsible": None, "due_date": None}
    found = _found("case", case_kind="household_plan") + _found("case", nik=None, person_id=None)
    found += _found("case_event", service_code="blk kepanjen") + _found("case_event", kind="note")
    found += _found("case_event", kind="migrant", migrant_stage="returned", service_code=None)
    wrong = {"main_income": "gold", "health_insurance": "ya", "wants": "job", "monthly_income": -1,
             "skills": "x" * 301, "hobby": 1}
    for answers in ("x", {"skills": "menjahit"}, wrong):
        found += _found("case_event", **assessment, answers=answers)
    case = example("case")
    day = {"officer": "dewi", "case_id": case["id"], "time": "2026-03-07T01:00:00Z"}
    referred = case_derive({**case, "case_kind": "household_plan"}, [
        {**day, "id": "x-1", "kind": "referral", "service_code": "BLK-KEPANJEN"},
        {**day, "id": "x-2", "kind": "referral_answer", "referral_id": "x-1", "referral_answer": "served"},
        {**day, "id": "x-3", "kind": "closure", "closure_reason": "plan_completed", "date": "2026-03-08"}])
    answer = {**day, "kind": "referral_answer", "referral_id": "x-1", "referral_answer": "served"}
    return (found + case_event_errors(referred, {**day, "kind": "note", "text": "?", "date": "2026-01-01"})
            + case_event_errors(referred, {**day, "kind": "migrant", "migrant_stage": "abroad"})
            + case_event_errors(case_derive(case, []), {**day, "kind": "migrant", "migrant_stage": "abroad",
                                                         "id": "x-9"})
            + case_event_errors(dataclasses.replace(referred, status="active", case_kind="household_plan"),
                                {**day, "kind": "migrant", "migrant_stage": "abroad"})
            + case_event_errors(dataclasses.replace(referred, status="active"), answer)
            + case_event_errors(case_derive(case, []), answer))


def _complaint_state_rules() -> list:
    form = example("complaint")
    day = {"officer": "siti", "complaint_id": form["id"], "time": "2026-03-07T01:00:00Z"}
    answered = derive(form, [{**day, "id": "x-1", "kind": "escalation", "escalation_level": "district"},
                             {**day, "id": "x-2", "kind": "response", "text": "Dijawab", "date": "2026-03-07"}])
    closed = derive(form, [*answered.history, {**day, "id": "x-3", "kind": "status_change", "status": "closed"}])
    return (event_errors(derive(form, []), {**day, "kind": "status_change", "status": "resolved"})
            + event_errors(derive(form, []), {**day, "kind": "status_change", "status": "open"})
            + event_errors(derive(form, []), {**day, "kind": "acknowledgement"})
            + event_errors(derive(form, []), {**day, "kind": "handover", "text": "Berkas dikirim"})
            + event_errors(derive(form, []), {**day, "kind": "referral", "referred_to": "uptd_ppa"})
            + event_errors(closed, {**day, "kind": "response", "text": "?"}))


def _claim_rules() -> list:
    claim, askesos = example("claim"), {"code": "ASKESOS", "name": "ASKESOS", "claims": [
        {"claim_kind": "work_injury", "documents_required": ["ktp"], "documents_optional": []}]}
    day = {"officer": "admin", "claim_id": claim["id"], "time": "2026-04-01T01:00:00Z", "date": "2026-04-01"}
    passed = claim_derive(claim, [{**day, "id": "hub-claim-1", "kind": "submitted_to_agency"}])
    paid = claim_derive(claim, [*passed.history, {**day, "id": "hub-claim-2", "kind": "paid", "amount_paid": 5,
                                                  "paid_on": "2026-04-01"}])
    return (_found("claim", card_number="?") + checklist_errors({**claim, "claim_kind": "death"}, askesos)
            + checklist_errors(claim, askesos) + membership_errors(claim, [])
            + membership_errors(claim, [{"programme": "ASKESOS", "number": "99"}])
            + claim_event_errors(claim_derive(claim, []), {**day, "kind": "refused", "refusal_reason": "duplicate"})
            + claim_event_errors(passed, {**day, "kind": "submitted_to_agency"})
            + claim_event_errors(paid, {**day, "kind": "refused", "refusal_reason": "duplicate"}))


TRIGGERED = _triggered() + _claim_rules()


def test_every_rule_of_the_catalogue_is_reachable():
    missing = set(CATALOGUE) - {error.rule for error in TRIGGERED} - NOT_FIELD_ERRORS - FALLBACK
    assert missing == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_raised_has_its_placeholders_filled_and_names_its_field(lang):
    for error in TRIGGERED:
        text = error.message(lang)
        assert "{" not in text and "}" not in text, (error, text)
        if "field" in placeholders(error.rule)[lang]:
            assert label(error.field, lang) in text


def test_the_two_languages_differ():
    for error in TRIGGERED:
        if error.rule not in ("id_length",):
            assert error.message("id") != error.message("en"), error


def test_message_fills_and_refuses():
    assert message("text_too_long", "en", field="Name", max=100, length=120) == (
        "Name may have at most 100 characters (it has 120).")
    assert message("choice", field="Jenis kelamin", choices=["M", "F"]) == "Jenis kelamin harus salah satu dari: M, F."
    assert message("nik_status_conflict", "en", field="NIK status", status={"id": "Bayi", "en": "Newborn"}) == (
        "NIK status cannot be Newborn when a NIK is given.")
    with pytest.raises(KeyError):
        message("no_such_rule")
    with pytest.raises(KeyError):
        message("text_too_long", field="Nama")
    with pytest.raises(ValueError):
        message("required", "jv", field="Nama")


def test_a_date_in_a_message_reads_dd_mm_yyyy_while_the_parameter_stays_iso():
    from schemas.dates import check_date

    refused = check_date("2026-12-06", field="birth_date", past=True, today=dt.date(2026, 12, 5))
    assert refused.errors[0].params == {"today": "2026-12-05"}  # for programs that read the error
    assert refused.errors[0].message("en") == "Date of birth may not be after today (05-12-2026)."
    assert refused.errors[0].message("id") == "Tanggal lahir tidak boleh setelah hari ini (05-12-2026)."
    assert message("date_too_old", "en", field="Date", min="1900-01-01") == "Date may not be before 01-01-1900."
    assert message("text_too_long", "en", field="2026-13-45", max=1, length=2).startswith("2026-13-45")


def test_labels_of_paths():
    assert label("kk_history.0.kk_number", "en") == "Family card (KK) number (kk_history.0.kk_number)"
    assert label("nik") == "NIK" and label("record", "en") == "Record" and label("nama_ibu") == "nama_ibu"
