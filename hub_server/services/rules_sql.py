"""Eligibility rules compiled to SQL over the matching facts, so the database evaluates them.

`condition_sql(rule, on)` turns a checked rule (`schemas.eligibility` plus the catalogue's membership
conditions) into one SQLAlchemy Core boolean over `match_facts`; `reasons_sql(rule, on)` into the
integer whose bit i says whether the rule's part i held. Nothing is evaluated in Python per person.

Semantics, the same on SQLite and PostgreSQL:

- every condition is true or false, never unknown: a condition on a fact that is not recorded is
  false (`known` asks about that), and `not` turns false into true;
- age is whole years on the list date `on`; someone born on 29 February is a year older on 1 March
  in other years. Age conditions become ranges of birth dates, so no date arithmetic runs in SQL;
- `within` a region code holds for the code itself and every region inside it;
- `programme` and `household_programme` read the lists (`selections`) already made in this run: a
  programme's rule is evaluated after the programmes it names (the catalogue refuses circles).
"""

import datetime as dt
import functools
import operator

from sqlalchemy import BigInteger, and_, case, exists, false, literal, not_, or_, true

from hub_server.models.programmes import MatchFact, Selection
from hub_server.services.catalogue import MAX_REASONS, rule_parts

FACTS = MatchFact.__table__
SELECTIONS = Selection.__table__
ALWAYS_RECORDED = {"has_nik"}  # everyone in the synchronized population has a NIK
COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
           "ge": operator.ge}


def born_by(on: dt.date, years: int) -> dt.date:
    """The last birth date of someone `years` old on `on` (29 February falls back to the 28th)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def condition_sql(rule, on: dt.date, facts=FACTS):
    """The rule as a boolean SQL expression over `facts` (a match_facts table or alias)."""
    if "fact" in rule:
        return _condition(rule["fact"], rule["op"], rule["value"], on, facts)
    key, inner = next(iter(rule.items()))
    if key == "not":
        return not_(condition_sql(inner, on, facts))
    parts = [condition_sql(item, on, facts) for item in inner]
    return and_(*parts) if key == "all" else or_(*parts)


def reasons_sql(rule, on: dt.date, facts=FACTS):
    """The integer of reason bits: bit i is set when part i of the rule held."""
    bits = [case((condition_sql(part, on, facts), literal(1 << index, BigInteger)), else_=literal(0, BigInteger))
            for index, part in enumerate(rule_parts(rule)[:MAX_REASONS])]
    return functools.reduce(operator.add, bits)


def _condition(fact: str, op: str, value, on: dt.date, facts):
    if fact in ("programme", "household_programme"):
        return _membership(fact, op, value, facts)
    if fact in ALWAYS_RECORDED:  # always known, always true
        holds = {"eq": value is True, "ne": value is not True, "known": bool(value)}[op]
        return true() if holds else false()
    if fact == "age":
        return _age(op, value, on, facts)
    column = facts.c[fact]
    if op == "known":
        return column.is_not(None) if value else column.is_(None)
    return and_(column.is_not(None), _compare(column, op, value))


def _compare(column, op: str, value):
    if op in COMPARE:
        return COMPARE[op](column, value)
    if op == "in":
        return column.in_(value)
    if op == "not_in":
        return column.not_in(value)
    # within: the region itself or any region inside it
    return or_(column == value, column.startswith(value + "."))


def _age(op: str, value, on: dt.date, facts):
    """An age condition as a range of birth dates (unrecorded birth date: false)."""
    born = facts.c.birth_date
    if op == "known":
        return born.is_not(None) if value else born.is_(None)

    def at_least(years):  # age >= years
        return born <= born_by(on, years)

    def aged(years):  # age == years
        return and_(born > born_by(on, years + 1), at_least(years))

    tests = {"ge": lambda: at_least(value), "gt": lambda: at_least(value + 1), "lt": lambda: not_(at_least(value)),
             "le": lambda: not_(at_least(value + 1)), "eq": lambda: aged(value), "ne": lambda: not_(aged(value)),
             "in": lambda: or_(*[aged(years) for years in value]),
             "not_in": lambda: not_(or_(*[aged(years) for years in value]))}
    return and_(born.is_not(None), tests[op]())


def _membership(fact: str, op: str, value, facts):
    """On the list of a programme (`programme`), or someone of the household is (`household_programme`)."""
    codes = value if isinstance(value, list) else [value]
    if fact == "programme":
        on_list = exists().where(SELECTIONS.c.programme_code.in_(codes), SELECTIONS.c.person_id == facts.c.person_id)
    else:
        on_list = and_(facts.c.household_id.is_not(None), exists().where(
            SELECTIONS.c.programme_code.in_(codes), SELECTIONS.c.household_id == facts.c.household_id))
    return on_list if op in ("eq", "in") else not_(on_list)


def priority_order(keys: list, facts=FACTS) -> list:
    """ORDER BY terms for a programme's priority keys ("-age": oldest first); unknown values come last."""
    terms = []
    for key in keys:
        descending = key.startswith("-")
        name = key.removeprefix("-")
        if name == "age":  # older means an earlier birth date
            column, descending = facts.c.birth_date, not descending
        else:
            column = facts.c[name]
        terms.append((column.desc() if descending else column.asc()).nulls_last())
    return terms
