"""Rules compiled to SQL give what an independent Python evaluation of the ground truth gives.

The district is generated without faults, imported like any other, and its facts rebuilt by the
matching step; the Python side reads the generator's own CSV files and knows nothing of the SQL.
"""

import csv
import datetime as dt
import operator
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hub_server.models.population import Person
from hub_server.models.programmes import MatchFact
from hub_server.services import matching
from hub_server.services.imports.rows import ALIASES
from hub_server.services.rules_sql import condition_sql, reasons_sql
from schemas.choices import CHOICES
from schemas.eligibility import FACTS, check_rule, ops_for
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    TODAY,
    clean_district,
    import_all,
    population_db,
    wipe,
)

COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
           "ge": operator.ge}
INTEGER_RANGES = {"age": (0, 95), "monthly_income": (0, 6_000_000), "welfare_decile": (1, 10),
                  "household_size": (1, 9), "household_income_per_capita": (0, 4_000_000), "children_under_5": (0, 3),
                  "children_of_school_age": (0, 4)}


def years_old(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def truth_facts(folder, on: dt.date) -> dict:
    """NIK -> facts, read from the generator's ground truth."""
    with open(folder / "people.csv", encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    with open(folder / "households.csv", encoding="utf-8") as handle:
        deciles = {row["household_id"]: int(row["decile"]) for row in csv.DictReader(handle)}
    members = defaultdict(list)
    for row in people:
        members[row["household_id"]].append(row)
    return {row["nik"]: _facts(row, members[row["household_id"]], deciles[row["household_id"]], on) for row in people}


def _facts(row: dict, household: list, decile: int, on: dt.date) -> dict:
    ages = [years_old(dt.date.fromisoformat(member["birth_date"]), on) for member in household]
    income = sum(int(member["monthly_income"]) for member in household)
    return {"age": years_old(dt.date.fromisoformat(row["birth_date"]), on),
            "monthly_income": int(row["monthly_income"]), "welfare_decile": decile, "household_size": len(household),
            "household_income_per_capita": income // len(household),
            "children_under_5": sum(age < 5 for age in ages), "children_of_school_age": sum(7 <= a <= 18 for a in ages),
            "pregnant": row["pregnant"] == "true", "disability_severe": None, "has_nik": True, "sex": row["sex"],
            "marital_status": row["marital_status"], "disability": row["disability"],
            "occupation": ALIASES["occupation"].get(row["occupation"], row["occupation"]),
            "education": ALIASES["education"].get(row["education"], row["education"]),
            "relationship": row["relationship"], "migration": None, "nik_status": "recorded", "migrant_family": False,
            "village_code": row["village_code"]}


def holds(rule, facts: dict) -> bool:
    if "fact" in rule:
        return _condition(rule["fact"], rule["op"], rule["value"], facts[rule["fact"]])
    key, inner = next(iter(rule.items()))
    if key == "not":
        return not holds(inner, facts)
    return (all if key == "all" else any)(holds(item, facts) for item in inner)


def _condition(fact: str, op: str, wanted, value) -> bool:
    if op == "known":
        return (value is not None) == wanted
    if value is None:
        return False
    if op in COMPARE:
        return COMPARE[op](value, wanted)
    if op == "within":
        return value == wanted or value.startswith(wanted + ".")
    return (value in wanted) == (op == "in")


@pytest.fixture(scope="module")
def hub(population_db, clean_district):  # noqa: F811
    wipe(population_db)
    import_all(population_db, clean_district)
    with population_db.uow() as uow:
        matching.build_facts(uow.session, TODAY)
        uow.commit()
    return population_db


@pytest.fixture(scope="module")
def truth(clean_district):  # noqa: F811
    return truth_facts(clean_district, TODAY)


def regions(truth: dict) -> list:
    villages = sorted({facts["village_code"] for facts in truth.values()})
    return villages[:20] + sorted({code.rsplit(".", 1)[0] for code in villages})[:10] + ["35.07"]


def value_for(fact: str, op: str, places: list):
    kind = FACTS[fact]
    if op == "known":
        return st.booleans()
    if kind == "integer":
        single = st.integers(*INTEGER_RANGES[fact])
    elif kind == "boolean":
        single = st.booleans()
    elif kind == "region":
        single = st.sampled_from(places)
    else:
        single = st.sampled_from(list(CHOICES[kind]))
    return st.lists(single, min_size=1, max_size=4) if op in ("in", "not_in") else single


def conditions(places: list):
    def one(fact):
        return st.sampled_from(ops_for(FACTS[fact])).flatmap(
            lambda op: value_for(fact, op, places).map(lambda value: {"fact": fact, "op": op, "value": value}))

    return st.sampled_from(sorted(FACTS)).flatmap(one)


def rules(places: list):
    return st.recursive(conditions(places), lambda inner: st.one_of(
        st.builds(lambda items: {"all": items}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda items: {"any": items}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda item: {"not": item}, inner)), max_leaves=6)


def sql_verdicts(hub, rule) -> dict:
    """NIK -> reason bits, for everyone the SQL says meets the rule."""
    query = select(Person.nik, reasons_sql(rule, TODAY)).join(MatchFact, MatchFact.person_id == Person.id) \
        .where(condition_sql(rule, TODAY))
    with hub.uow() as uow:
        return dict(uow.session.execute(query).all())


def python_bits(rule, facts: dict) -> int:
    parts = next(iter(rule.values())) if set(rule) & {"all", "any"} else [rule]
    return sum(1 << index for index, part in enumerate(parts) if holds(part, facts))


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_random_rules_select_the_same_people_in_sql_as_in_python(hub, truth, data):
    rule = data.draw(rules(regions(truth)))
    checked = check_rule(rule)
    assert checked.ok, checked.errors
    expected = {nik: python_bits(checked.value, facts) for nik, facts in truth.items() if holds(checked.value, facts)}
    assert sql_verdicts(hub, checked.value) == expected


@pytest.mark.parametrize("rule", [
    {"all": [{"fact": "age", "op": "ge", "value": 7}, {"fact": "age", "op": "le", "value": 18}]},
    {"fact": "age", "op": "in", "value": [0, 5, 60]},
    {"not": {"fact": "pregnant", "op": "eq", "value": True}},
    {"fact": "disability_severe", "op": "known", "value": False},
    {"any": [{"fact": "village_code", "op": "within", "value": "35.07.01"},
             {"fact": "household_income_per_capita", "op": "lt", "value": 500_000}]},
])
def test_rules_the_catalogue_uses_agree_with_python(hub, truth, rule):
    expected = {nik for nik, facts in truth.items() if holds(rule, facts)}
    assert set(sql_verdicts(hub, rule)) == expected
    assert expected, "the rule should select someone in the district"


def test_every_resident_has_facts(hub, truth):
    with hub.uow() as uow:
        held = dict(uow.session.execute(select(Person.nik, MatchFact.welfare_decile)
                                        .join(MatchFact, MatchFact.person_id == Person.id)).all())
    assert held == {nik: facts["welfare_decile"] for nik, facts in truth.items()}
