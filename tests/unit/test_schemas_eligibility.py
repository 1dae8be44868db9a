"""Eligibility rules as data: shapes, facts, operators, values; errors point into the rule."""

import pytest

from schemas.eligibility import FACTS, MAX_DEPTH, MAX_NODES, OPS, check_rule


def rules(found) -> list[tuple[str, str]]:
    return [(error.field, error.rule) for error in found.errors]


JSLU = {"all": [{"fact": "age", "op": "ge", "value": 60}, {"fact": "welfare_decile", "op": "le", "value": 2},
                {"not": {"fact": "occupation", "op": "in", "value": ["civil_servant", "military_police"]}}]}


def test_a_real_rule_passes_unchanged():
    found = check_rule(JSLU)
    assert found.ok and found.value == JSLU


def test_region_codes_come_back_dotted():
    found = check_rule({"any": [{"fact": "village_code", "op": "within", "value": "3507"},
                                {"fact": "village_code", "op": "in", "value": ["3507012001", "35.73.01.1001"]}]})
    assert found.value == {"any": [{"fact": "village_code", "op": "within", "value": "35.07"},
                                   {"fact": "village_code", "op": "in", "value": ["35.07.01.2001", "35.73.01.1001"]}]}


@pytest.mark.parametrize("rule, expected", [
    ({"fact": "salary", "op": "lt", "value": 1}, [("eligibility_rule.fact", "rule_fact_unknown")]),
    ({"fact": "sex", "op": "lt", "value": "F"}, [("eligibility_rule.op", "rule_op_unknown")]),
    ({"fact": "age", "op": "ge", "value": "60"}, [("eligibility_rule.value", "rule_value_type")]),
    ({"fact": "age", "op": "ge", "value": True}, [("eligibility_rule.value", "rule_value_type")]),
    ({"fact": "age", "op": "in", "value": []}, [("eligibility_rule.value", "rule_value_type")]),
    ({"fact": "sex", "op": "eq", "value": "L"}, [("eligibility_rule.value", "rule_value_type")]),
    ({"fact": "pregnant", "op": "eq", "value": 1}, [("eligibility_rule.value", "rule_value_type")]),
    ({"fact": "village_code", "op": "within", "value": "35.99"}, [("eligibility_rule.value", "rule_value_type")]),
    ({"fact": "welfare_decile", "op": "known", "value": "yes"}, [("eligibility_rule.value", "rule_value_type")]),
    ({"all": []}, [("eligibility_rule.all", "rule_group_empty")]),
    ({"any": {"fact": "age"}}, [("eligibility_rule.any", "rule_shape")]),
    ({"fact": "age", "op": "ge"}, [("eligibility_rule", "rule_shape")]),
    ({"all": [JSLU], "any": [JSLU]}, [("eligibility_rule", "rule_shape")]),
    ([JSLU], [("eligibility_rule", "rule_shape")]),
    ("age >= 60", [("eligibility_rule", "rule_shape")]),
    ({"all": [JSLU, {"not": {"fact": "agee", "op": "ge", "value": 1}}]},
     [("eligibility_rule.all.1.not.fact", "rule_fact_unknown")]),
])
def test_errors_point_into_the_rule(rule, expected):
    found = check_rule(rule)
    assert rules(found) == expected and found.value is None


def test_every_error_is_reported():
    found = check_rule({"all": [{"fact": "x", "op": "eq", "value": 1}, {"fact": "age", "op": "near", "value": 1}]})
    assert [rule for _, rule in rules(found)] == ["rule_fact_unknown", "rule_op_unknown"]


def test_depth_and_size_are_bounded():
    deep = {"fact": "age", "op": "ge", "value": 1}
    for _ in range(MAX_DEPTH):
        deep = {"not": deep}
    assert [rule for _, rule in rules(check_rule(deep))] == ["rule_too_deep"]
    wide = {"any": [{"fact": "age", "op": "eq", "value": n} for n in range(MAX_NODES)]}
    assert [rule for _, rule in rules(check_rule(wide))] == ["rule_too_large"]


def test_every_fact_can_be_asked_whether_it_is_known():
    for fact in FACTS:
        assert check_rule({"fact": fact, "op": "known", "value": True}).ok, fact
    assert set(OPS) == {"integer", "boolean", "region"}


def test_messages_list_the_choices_in_both_languages():
    found = check_rule({"fact": "sex", "op": "eq", "value": "L"})
    assert "M, F" in found.errors[0].message("id") and "M, F" in found.errors[0].message("en")
    assert "Aturan kelayakan" in found.errors[0].message("id")
