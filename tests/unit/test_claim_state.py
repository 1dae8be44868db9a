"""A claim: its record and events checked by the schema, its checklist by the catalogue, its status derived."""

import datetime as dt
import json

import pytest

from hub_server.services import catalogue
from schemas.claim import checklist_errors, missing_documents
from schemas.claim_state import derive, event_errors, next_step
from schemas.errors import ValidationFailure
from schemas.examples import example
from schemas.records import load_record

TODAY = dt.date(2026, 4, 10)
PROGRAMMES = {entry["code"]: entry for entry in json.loads(catalogue.SHIPPED.read_text(encoding="utf-8"))}
CLAIM = example("claim")
DAY = {"officer": "admin", "claim_id": CLAIM["id"], "time": "2026-04-01T01:00:00Z"}


def errors(kind: str, data: dict, lang: str = "en") -> dict:
    with pytest.raises(ValidationFailure) as caught:
        load_record(kind, data, lang=lang, today=TODAY)
    return {error["field"]: (error["rule"], error["message"]) for error in caught.value.as_dicts(lang)}


def event(n: int, kind: str, **fields) -> dict:
    return {**DAY, "id": f"hub-claim-{n}", "kind": kind, "step": n, "date": "2026-04-01", **fields}


PASSED = event(1, "submitted_to_agency", agency_reference="claims-ASKESOS-2026-04-01.csv")
PAID = event(2, "paid", amount_paid=1_850_000, paid_on="2026-04-08")
REFUSED = event(2, "refused", refusal_reason="documents_incomplete", text="Surat dokter belum ada.")


def test_the_example_claim_and_event_load():
    clean, warnings = load_record("claim", CLAIM, today=TODAY)
    assert warnings == [] and clean["documents_present"] == ["bpjs_card", "ktp", "medical_letter"]
    assert load_record("claim_event", example("claim_event"), today=TODAY)[0]["amount_paid"] == 1_850_000


def test_a_claim_names_the_rule_it_breaks_in_both_languages():
    found = errors("claim", {**CLAIM, "card_number": "kartu saya", "claim_kind": "funeral", "nik": None,
                             "recorded_on": "2026-02-01", "documents_present": ["ktp", "ktp"]})
    assert found["card_number"][0] == "card_number_format" and found["claim_kind"][0] == "choice"
    assert found["nik"][0] == "null" and found["documents_present"][0] == "list_duplicate"
    indonesian = errors("claim", {**CLAIM, "recorded_on": "2026-02-01"}, lang="id")
    assert indonesian["recorded_on"] == ("date_order", "Tanggal klaim dicatat tidak boleh sebelum Tanggal kejadian "
                                                       "(kecelakaan, kematian, rawat inap).")


def test_each_event_kind_needs_its_fields():
    assert errors("claim_event", {**event(2, "paid"), "paid_on": "2026-03-30"})["amount_paid"][0] == \
        "event_field_required"
    assert errors("claim_event", event(2, "refused"))["refusal_reason"][0] == "event_field_required"
    assert "text" in errors("claim_event", event(2, "refused", refusal_reason="other"))
    assert errors("claim_event", event(2, "paid", amount_paid=0, paid_on="2026-03-30"))["amount_paid"][0] == \
        "integer_min"


def test_the_checklist_comes_from_the_programme_in_the_catalogue():
    askesos = PROGRAMMES["ASKESOS"]
    assert checklist_errors(CLAIM, askesos) == []
    assert [error.rule for error in checklist_errors({**CLAIM, "claim_kind": "hospital_bill"}, askesos)] == \
        ["claim_kind_not_paid"]
    wrong = checklist_errors({**CLAIM, "documents_present": ["ktp", "kia_book"]}, askesos)
    assert [(error.field, error.rule) for error in wrong] == [("documents_present.1", "claim_document_unknown")]
    assert "Mother and child health book (KIA) is not on the documents checklist of a Work injury (JKK) claim" in \
        wrong[0].message("en")
    assert checklist_errors({**CLAIM, "programme_code": "PKH"}, PROGRAMMES["PKH"])[0].rule == "claim_kind_not_paid"


def test_missing_required_documents_are_shown():
    assert missing_documents(CLAIM, PROGRAMMES["ASKESOS"]) == ("accident_report",)
    assert derive(CLAIM, [], PROGRAMMES["ASKESOS"]).missing_documents == ("accident_report",)
    bill = {**CLAIM, "programme_code": "BPJS-PBI", "claim_kind": "hospital_bill", "documents_present": []}
    assert missing_documents(bill, PROGRAMMES["BPJS-PBI"]) == ("bpjs_card", "ktp", "referral_letter", "hospital_bill")
    assert derive(CLAIM, []).missing_documents == ()  # no catalogue at hand: nothing claimed missing


def test_recorded_then_passed_then_paid():
    assert derive(CLAIM, []).status == "recorded"
    passed = derive(CLAIM, [PASSED])
    assert (passed.status, passed.passed_on, passed.agency_reference) == \
        ("passed_to_agency", "2026-04-01", "claims-ASKESOS-2026-04-01.csv")
    paid = derive(CLAIM, [PAID, PASSED])  # history order, not arrival order
    assert (paid.status, paid.amount_paid, paid.paid_on, paid.flags) == ("paid", 1_850_000, "2026-04-08", {})
    assert next_step(paid) == 3 and paid.settled_on == "2026-04-08"


def test_a_paid_date_before_the_claim_was_passed_is_refused():
    early = event(2, "paid", amount_paid=5, paid_on="2026-03-01")
    assert [error.rule for error in event_errors(derive(CLAIM, [PASSED]), early)] == ["date_order"]


def test_refused_with_its_reason():
    refused = derive(CLAIM, [PASSED, REFUSED])
    assert (refused.status, refused.refusal_reason, refused.refusal_text, refused.refused_on) == \
        ("refused", "documents_incomplete", "Surat dokter belum ada.", "2026-04-01")


def test_steps_out_of_order_are_refused_where_made_and_flagged_in_a_merge():
    assert [error.rule for error in event_errors(derive(CLAIM, []), PAID)] == ["claim_not_passed"]
    assert [error.rule for error in event_errors(derive(CLAIM, [PASSED]), PASSED)] == ["claim_passed_already"]
    settled = derive(CLAIM, [PASSED, PAID])
    assert [error.rule for error in event_errors(settled, REFUSED)] == ["claim_settled"]
    assert event_errors(settled, event(3, "note", text="Diterima ahli waris.")) == []
    merged = derive(CLAIM, [PASSED, PAID, {**REFUSED, "id": "hub-claim-9", "step": 3}])
    assert merged.status == "paid" and [error.rule for error in merged.flags["hub-claim-9"]] == ["claim_settled"]


def test_an_event_dated_before_the_claim_was_recorded_is_refused():
    assert [error.rule for error in event_errors(derive(CLAIM, []), {**PASSED, "date": "2026-03-01"})] == \
        ["date_order"]
