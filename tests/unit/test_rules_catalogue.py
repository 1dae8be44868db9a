"""The programme catalogue: the shipped one is valid, and a broken entry is refused naming its field."""

import copy
import json

import pytest

from hub_server.services import catalogue

SHIPPED = json.loads(catalogue.SHIPPED.read_text(encoding="utf-8"))
CODES = {entry["code"] for entry in SHIPPED}


def errors_of(entry: dict, lang: str = "en") -> dict:
    _, _, found = catalogue.check_entry(entry, CODES, lang=lang)
    return {error.field: catalogue.error_message(error, lang) for error in found}


def entry(**changes) -> dict:
    return {**copy.deepcopy(next(e for e in SHIPPED if e["code"] == "JSLU")), **changes}


def test_the_shipped_malang_catalogue_is_valid_and_complete():
    assert all(errors_of(item) == {} for item in SHIPPED)
    assert {"PKH", "BPJS-PBI", "BPJS-K3", "BPJS-K2", "BPJS-K1", "BSM", "JSLU", "JSPACA", "KUBE", "BLK", "PMT-KEK",
            "ASKESOS", "PMT-AS", "IMUNISASI", "PANTI-WERDHA", "POKTAN", "PELATIHAN-PR"} <= CODES
    contributions = {item["code"]: item["matching"]["contribution"]["amount"] for item in SHIPPED
                     if "contribution" in item.get("matching", {})}
    assert (contributions["BPJS-K3"], contributions["BPJS-K2"], contributions["BPJS-K1"]) == (25_500, 42_500, 59_500)
    assert all(item["required_documents"] and item["benefit"] for item in SHIPPED)
    assert {item["guarantee"] for item in SHIPPED} == {"health", "children", "working_age", "old_age"}


def test_every_shipped_programme_tells_citizens_how_to_apply_in_both_languages():
    for item in SHIPPED:
        assert item["benefit_en"] and item["required_documents"], item["code"]
        texts = [item[key] for key in ("eligibility_plain", "procedure", "where_to_apply")]
        texts.append(item["focal_point"]["office"])
        assert all(text["id"] and text["en"] and text["id"] != text["en"] for text in texts), item["code"]


def test_information_fields_are_optional_and_kept_as_given():
    bare = {key: value for key, value in entry().items()
            if key not in ("benefit_en", "eligibility_plain", "procedure", "where_to_apply", "focal_point")}
    assert errors_of(bare) == {}
    record, _, found = catalogue.check_entry(entry(procedure={"id": " Datang ke desa. ", "en": "Come to the village."}),
                                             CODES)
    assert found == [] and record["procedure"] == {"id": "Datang ke desa.", "en": "Come to the village."}
    assert record["focal_point"]["office"] == entry()["focal_point"]["office"]


def test_programmes_are_evaluated_after_those_their_rules_name():
    order = catalogue.evaluation_order({item["code"]: item for item in SHIPPED})
    assert order.index("BPJS-PBI") < order.index("BPJS-K3") and order.index("PKH") < order.index("BSM")


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"eligibility_rule": {"fact": "wealth", "op": "le", "value": 3}}, "eligibility_rule.fact", "unknown fact wealth"),
    ({"eligibility_rule": {"all": [{"fact": "age", "op": "within", "value": 60}]}}, "eligibility_rule.all.0.op",
     "operator within"),
    ({"eligibility_rule": {"fact": "sex", "op": "eq", "value": "X"}}, "eligibility_rule.value", "one of: M, F"),
    ({"eligibility_rule": {"fact": "programme", "op": "eq", "value": "NOPE"}}, "eligibility_rule.value", "PKH"),
    ({"eligibility_rule": {"fact": "household_programme", "op": "in", "value": "PKH"}}, "eligibility_rule.value",
     "must be one of"),
    ({"quota": -5}, "quota", "less than 0"),
    ({"guarantee": "pension"}, "guarantee", "one of"),
    ({"matching": {"priority": ["height"]}}, "matching.priority.0", "-age"),
    ({"matching": {"unit": "village"}}, "matching.unit", "person, household"),
    ({"procedure": {"id": "Datang ke kantor desa."}}, "procedure", "both languages"),
    ({"eligibility_plain": {"id": "Lansia miskin.", "en": " "}}, "eligibility_plain.en", "both languages"),
    ({"where_to_apply": {"id": "x" * 501, "en": "x"}}, "where_to_apply.id", "at most 500"),
    ({"focal_point": {"office": {"id": "Dinas Sosial", "en": "Social Affairs Office"}, "phone": "0341"}},
     "focal_point.phone", "Mobile number"),
    ({"focal_point": {"name": "Bu Sri"}}, "focal_point.office", "required"),
    ({"matching": {"reasons": [{"code": "x", "id": "x", "en": "x"}]}}, "matching.reasons", "3 reasons"),
    ({"matching": {"contribution": {"amount": 1.5, "period": "monthly"}}}, "matching.contribution.amount",
     "less than 0"),
    ({"matching": {"contribution": {"amount": 25500, "period": "monthly", "class": 4}}}, "matching.contribution.class",
     "one of: 1, 2, 3"),
    ({"matching": {"contribution": {"amount": 25500, "period": "monthly", "payers": ["bank"]}}},
     "matching.contribution.payers", "one of: self, state, district, province"),
    ({"matching": {"contribution": {"amount": 25500, "period": "monthly", "payer": "self"}}},
     "matching.contribution", "object of fields"),
    ({"matching": {"colour": "red"}}, "matching.colour", "not a known field"),
])
def test_a_broken_entry_is_refused_naming_its_field(change, field, words):
    found = errors_of(entry(**change))
    assert field in found, found
    assert words in found[field]


def test_messages_are_in_indonesian_by_default():
    found = errors_of(entry(eligibility_rule={"fact": "wealth", "op": "le", "value": 3}), lang="id")
    assert "fakta wealth tidak dikenal" in found["eligibility_rule.fact"]


def test_rules_that_depend_on_each_other_in_a_circle_are_refused():
    records = {"A": {"eligibility_rule": {"fact": "programme", "op": "eq", "value": "B"}},
               "B": {"eligibility_rule": {"fact": "programme", "op": "ne", "value": "A"}}}
    with pytest.raises(catalogue.CatalogueInvalid) as refused:
        catalogue.evaluation_order(records)
    [error] = refused.value.errors
    assert error.rule == "rule_programme_cycle" and "A -> B -> A" in catalogue.error_message(error, "en")


def test_membership_conditions_are_kept_in_the_saved_rule():
    record, _, found = catalogue.check_entry(next(e for e in SHIPPED if e["code"] == "BSM"), CODES)
    assert found == []
    assert {"fact": "household_programme", "op": "eq", "value": "PKH"} in record["eligibility_rule"]["all"][3]["any"]


@pytest.mark.parametrize(("field", "shown_beside"), [
    ("JSLU.focal_point.office.en", "focal_office_en"), ("JSLU.focal_point.office", "focal_office_id"),
    ("JSLU.focal_point.phone", "focal_phone"), ("JSLU.procedure", "procedure_id"),
    ("JSLU.where_to_apply.id", "where_to_apply_id"), ("JSLU.required_documents.2", "required_documents"),
    ("JSLU.quota", "quota"), ("JSLU.region_code", "form"), ("JSLU.eligibility_rule.all.0.op", "form"),
])
def test_an_error_of_the_admin_form_is_shown_beside_its_input(field, shown_beside):
    from hub_server.services import programme_form

    assert programme_form.input_of(field, "JSLU") == shown_beside


def test_claimable_programmes_carry_their_claim_kinds_and_documents_checklist():
    claims = {item["code"]: {claim["claim_kind"]: claim for claim in item.get("claims", [])} for item in SHIPPED}
    assert set(claims["ASKESOS"]) == {"work_injury", "death"}
    assert all(set(claims[code]) == {"hospital_bill"} for code in ("BPJS-PBI", "BPJS-K1", "BPJS-K2", "BPJS-K3"))
    assert "death_certificate" in claims["ASKESOS"]["death"]["documents_required"]
    assert "hospital_bill" in claims["BPJS-PBI"]["hospital_bill"]["documents_required"]
    assert claims["PKH"] == {}


@pytest.mark.parametrize(("claims", "field", "words"), [
    ([{"claim_kind": "burial", "documents_required": ["ktp"]}], "claims.0.claim_kind", "must be one of"),
    ([{"claim_kind": "death", "documents_required": ["ktp", "passport"]}], "claims.0.documents_required.1",
     "must be one of"),
    ([{"claim_kind": "death", "documents_required": ["ktp"]}, {"claim_kind": "death", "documents_required": ["kk"]}],
     "claims.1.claim_kind", "the claim kind death is listed twice"),
    ([{"claim_kind": "death", "documents_required": ["ktp"], "documents_optional": ["ktp"]}],
     "claims.0.documents_optional", "ktp is already among the required documents"),
    ([{"claim_kind": "death"}], "claims.0.documents_required", "is required"),
])
def test_a_wrong_claims_checklist_is_refused_naming_its_field(claims, field, words):
    found = errors_of(entry(claims=claims))
    assert any(name.endswith(field) and words in message for name, message in found.items()), found
