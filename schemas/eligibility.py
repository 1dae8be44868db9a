"""Programme eligibility rules are data: a small JSON expression over facts about a person.

    rule      := {"all": [rule, ...]} | {"any": [rule, ...]} | {"not": rule} | condition
    condition := {"fact": FACT, "op": OP, "value": VALUE}

Facts and their kinds are in `FACTS`: whole numbers (age in years on the list date, rupiah, decile),
yes/no facts, a vocabulary of `schemas.choices`, or the village code. Operators by kind are in `OPS`:
`eq ne lt le gt ge` compare, `in not_in` take a non-empty list, `within` takes a region code and holds
for every village inside it, `known` takes true or false and asks whether the fact is recorded at all.
PKH for pregnant women in the poorest four deciles:

    {"all": [{"fact": "welfare_decile", "op": "le", "value": 4},
             {"fact": "pregnant", "op": "eq", "value": true}]}

This module checks a rule's shape and returns it with region codes in dotted form; the hub's matching
evaluates it. An unknown fact or operator is an error here, never a rule that silently matches no one.
"""

from schemas import region
from schemas.choices import CHOICES, values
from schemas.errors import Check, FieldError

FACTS = {
    "age": "integer", "monthly_income": "integer", "welfare_decile": "integer", "household_size": "integer",
    "household_income_per_capita": "integer", "children_under_5": "integer", "children_of_school_age": "integer",
    "pregnant": "boolean", "disability_severe": "boolean", "has_nik": "boolean", "migrant_family": "boolean",
    "sex": "sex", "marital_status": "marital_status", "occupation": "occupation", "education": "education",
    "disability": "disability", "relationship": "relationship", "migration": "migration", "nik_status": "nik_status",
    "village_code": "region",
}
_COMPARE = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "known")
_EQUALITY = ("eq", "ne", "in", "not_in", "known")
OPS = {"integer": _COMPARE, "boolean": ("eq", "ne", "known"), "region": ("within", "in", "not_in", "known")}
MAX_DEPTH, MAX_NODES, MAX_VALUES = 8, 200, 1000
_GROUPS = ("all", "any")
_CONDITION_KEYS = {"fact", "op", "value"}
_EXPECTED = {"integer": {"id": "bilangan bulat", "en": "a whole number"},
             "boolean": {"id": "true atau false", "en": "true or false"},
             "region": {"id": "kode wilayah Kemendagri yang ada", "en": "an existing Kemendagri region code"}}


def ops_for(kind: str) -> tuple[str, ...]:
    return OPS.get(kind, _EQUALITY)


def check_rule(rule, *, field: str = "eligibility_rule") -> Check:
    """Check an eligibility rule; the value is the rule with region codes in dotted form, or None."""
    walker = _Walker()
    clean = walker.node(rule, field, 1)
    return Check(None if walker.errors else clean, tuple(walker.errors))


class _Walker:
    def __init__(self):
        self.errors: list[FieldError] = []
        self.nodes = 0

    def fail(self, path: str, rule: str, **params) -> None:
        self.errors.append(FieldError(path, rule, params))

    def node(self, rule, path: str, depth: int):
        self.nodes += 1
        if self.nodes == MAX_NODES + 1:
            self.fail(path, "rule_too_large", max=MAX_NODES)
        if depth > MAX_DEPTH:
            return self.fail(path, "rule_too_deep", max=MAX_DEPTH)
        if isinstance(rule, dict) and set(rule) == _CONDITION_KEYS:
            return self.condition(rule, path)
        if not isinstance(rule, dict) or len(rule) != 1 or next(iter(rule)) not in (*_GROUPS, "not"):
            return self.fail(path, "rule_shape")
        key, inner = next(iter(rule.items()))
        if key == "not":
            return {"not": self.node(inner, f"{path}.not", depth + 1)}
        if not isinstance(inner, list) or not inner:
            return self.fail(f"{path}.{key}", "rule_group_empty" if isinstance(inner, list) else "rule_shape")
        return {key: [self.node(item, f"{path}.{key}.{index}", depth + 1) for index, item in enumerate(inner)]}

    def condition(self, rule: dict, path: str):
        fact, op = rule["fact"], rule["op"]
        kind = FACTS.get(fact) if isinstance(fact, str) else None
        if kind is None:
            return self.fail(f"{path}.fact", "rule_fact_unknown", fact=str(fact), facts=sorted(FACTS))
        if op not in ops_for(kind):
            return self.fail(f"{path}.op", "rule_op_unknown", op=str(op), fact=fact, ops=list(ops_for(kind)))
        value = self.value(kind, op, rule["value"])
        if value is _BAD:
            return self.fail(f"{path}.value", "rule_value_type", fact=fact, expected=_expected(kind, op))
        return {"fact": fact, "op": op, "value": value}

    def value(self, kind: str, op: str, value):
        if op == "known":
            return value if isinstance(value, bool) else _BAD
        if op in ("in", "not_in"):
            if not isinstance(value, list) or not 0 < len(value) <= MAX_VALUES:
                return _BAD
            items = [_single(kind, item) for item in value]
            return _BAD if any(item is _BAD for item in items) else items
        return _single(kind, value)


_BAD = object()


def _single(kind: str, value):
    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else _BAD
    if kind == "boolean":
        return value if isinstance(value, bool) else _BAD
    if kind == "region":
        found = region.check_region_code(value, field="value")
        return found.value if found.ok else _BAD
    return value if isinstance(value, str) and value in CHOICES[kind] else _BAD


def _expected(kind: str, op: str) -> dict[str, str]:
    if op == "known":
        return _EXPECTED["boolean"]
    single = _EXPECTED.get(kind) or {"id": "salah satu dari: " + ", ".join(values(kind)),
                                     "en": "one of: " + ", ".join(values(kind))}
    if op in ("in", "not_in"):
        return {"id": f"daftar tidak kosong (paling banyak {MAX_VALUES}), tiap butir {single['id']}",
                "en": f"a non-empty list (at most {MAX_VALUES}), each item {single['en']}"}
    return single
