"""The compiled validator accepts and refuses exactly what the marshmallow schemas do.

Records of every kind are generated from the examples (`schemas.examples`): fields dropped, set to
good values of other records, to values of the wrong kind, blank, null, too long or out of range,
and unknown fields added, loaded whole or as an update (partial). For each, the fast path alone must
either return what `schema.load` returns or decline; a record the schema refuses must be declined,
and `load` must then raise the schema's own error: the same fields, rules and parameters.
"""

import copy
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from schemas import fields as f
from schemas.choices import values
from schemas.compiled import _is_record_list, compiled
from schemas.errors import errors_from_marshmallow
from schemas.examples import example, kinds
from schemas.records import SCHEMAS, clean_record, schema_for

TODAY = dt.date(2026, 11, 23)
JUNK = [None, "", "   ", 0, 1, -3, 7, 11, 1000, True, False, 1.5, "x", "x" * 250, "Rp 1.500.000,-", "1,500,000",
        "0812 3456 7890", "+62 812-3456-7890", "021-555-1234", "3507015505900001", "3507014505900001",
        "3507 0155 0590 0000", "9907015505900001", "35070155059000", "3507011203150001", "35.07.01.2001",
        "3507012001", "35.07", "99.99.99.9999", "1990-05-15", "2030-01-01", "1899-12-31", "2020-02-30", "15-05-1990",
        "2026-03-06T02:15:00Z", "2026-03-06T02:15:00", "Siti Aminah", "Siti  Aminah 2", "g7nsjwgg34-99", "12345",
        "PKH", "pkh", "ya", "tidak", "003", "RT 03", [], ["ktp"], ["ktp", "ktp"], {}, {"id": "a", "en": "b"},
        {"fact": "pregnant", "op": "eq", "value": True}, [{"kk_number": "3507011203150001"}], [None], ["x"],
        [{"kk_number": "3507011203150001", "since": "2030-01-01"}], [{"kk_number": "3507011203150001", "x": 1}],
        [{"kk_number": f"35070112031500{n:02d}"} for n in range(1, 52)],
        [{"kk_number": "3507011203150001", "since": "2015-03-12"}, {"kk_number": "3507010804090003",
                                                                     "since": "2009-04-08"}]]


def _pools() -> dict:
    """{kind: {field: candidate values}}: the junk above, every example's value of that name, a vocabulary's words."""
    by_name = {}
    for kind in kinds():
        for name, value in example(kind).items():
            by_name.setdefault(name, []).append(value)
    pools = {}
    for kind, schema_class in SCHEMAS.items():
        schema = schema_class()
        pools[kind] = {name: by_name.get(name, []) + _vocabulary(field) + JUNK
                       for name, field in schema.load_fields.items()}
    return pools


def _vocabulary(field) -> list:
    return [*values(field.vocabulary), "nonsense"] if isinstance(field, f.Choice) else []


POOLS = _pools()


@st.composite
def records(draw, kind: str):
    data = example(kind)
    pool = POOLS[kind]
    for name in draw(st.lists(st.sampled_from(sorted(pool)), max_size=4)):
        if draw(st.integers(0, 4)) == 0:
            data.pop(name, None)
        else:
            data[name] = copy.deepcopy(draw(st.sampled_from(pool[name])))
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.sampled_from(["nama", "extra", "nik_number"]))] = "x"
    partial = draw(st.booleans())
    if partial:
        data = {name: value for name, value in data.items() if draw(st.integers(0, 2)) == 0}
    return data, partial


def _outcome(kind: str, data: dict, partial: bool):
    """(clean, None) or (None, [(field, rule, params)]) as the marshmallow schema decides."""
    try:
        return schema_for(kind, today=TODAY).load(copy.deepcopy(data), partial=partial), None
    except ValidationError as error:
        return None, [(e.field, e.rule, dict(e.params)) for e in errors_from_marshmallow(error)]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_kind_is_compiled_and_its_example_takes_the_fast_path(kind):
    schema = schema_for(kind, today=TODAY)
    loader = compiled(schema)
    assert loader.fast
    assert loader.fast_load(example(kind)) == schema.load(example(kind))
    assert loader.dump(schema.load(example(kind))) == schema.dump(schema.load(example(kind)))


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_compiled_validator_accepts_and_refuses_what_the_schema_does(kind, data):
    record, partial = data.draw(records(kind))
    expected, refused = _outcome(kind, record, partial)
    loader = compiled(schema_for(kind, today=TODAY))
    fast = loader.fast_load(copy.deepcopy(record), partial=partial)
    if refused is not None:
        assert fast is None  # the fast path never lets a bad record through
        with pytest.raises(ValidationError) as raised:
            loader.load(copy.deepcopy(record), partial=partial)
        assert [(e.field, e.rule, dict(e.params)) for e in errors_from_marshmallow(raised.value)] == refused
        return
    if fast is not None:
        assert fast == expected and list(fast) == list(expected)
    assert loader.load(copy.deepcopy(record), partial=partial) == expected
    assert loader.dump(expected) == schema_for(kind, today=TODAY).dump(expected)


def test_good_generated_records_mostly_take_the_fast_path():
    """Declining is always safe, so the fast path could decline everything: it must not."""
    loader, taken, good = compiled(schema_for("person", today=TODAY)), 0, 0
    for sex, birth, nik in (("F", "1990-05-15", "3507015505900001"), ("M", "1990-05-15", "3507011505900001")):
        for rt in ("001", "2", 3, "999"):
            record = {**example("person"), "sex": sex, "birth_date": birth, "nik": nik, "address_rt": rt,
                      "pregnant": sex == "F"}
            good += 1
            taken += loader.fast_load(record) == schema_for("person", today=TODAY).load(record)
    assert taken == good


def test_a_refused_record_names_the_same_fields_and_rules_through_clean_record():
    record = {**example("person"), "nik": "3507014505900001", "phone": "021-555-1234", "nama": "x"}
    with pytest.raises(Exception) as raised:
        clean_record("person", record, today=TODAY)
    _, refused = _outcome("person", record, False)
    assert [(e.field, e.rule, dict(e.params)) for e in raised.value.errors] == refused
    assert {rule for _, rule, _ in refused} >= {"unknown_field", "phone_format"}


@pytest.mark.parametrize("history, rule", [
    ([{"kk_number": f"35070112031500{n:02d}"} for n in range(1, 52)], "list_too_long"),
    ([{"kk_number": "3507011203150051", "since": "2026-12-01"}], "date_future"),  # after the schema's day
    (["x"], "record_type"),
    ([None], "null"),  # refused, where the schema's own rule across entries once failed on it
])
def test_a_household_history_is_checked_record_by_record_on_the_schemas_day(history, rule):
    schema = SCHEMAS["household"](today=TODAY)  # a schema no load has touched: its nested records' day is set here
    record = {**example("household"), "kk_history": history, "kk_number": "3507011203150051"}
    assert _is_record_list(schema.load_fields["kk_history"])  # compiled record by record, not left to marshmallow
    assert compiled(schema).fast_load(copy.deepcopy(record)) is None
    with pytest.raises(ValidationError) as raised:
        compiled(schema).load(copy.deepcopy(record))
    assert rule in {error.rule for error in errors_from_marshmallow(raised.value)}
