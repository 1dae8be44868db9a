"""A new resident's typed values come from the record its schema loaded on arrival, without a second check:
they must be what each field's own check reads from the village's values (`residents.typed`)."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub_server.services.residents import TYPED_FIELDS, typed
from schemas.errors import ValidationFailure
from schemas.examples import example
from schemas.records import clean_record
from tests.unit.test_schemas_compiled import POOLS

# Values the laptops send for the typed fields: as typed on a form, as stored, blank, and wrong.
TYPED_POOL = {name: POOLS["person"][name] for name in TYPED_FIELDS if name in POOLS["person"]}


@st.composite
def person_records(draw):
    data = example("person")
    for name in draw(st.lists(st.sampled_from(sorted(TYPED_POOL)), max_size=6)):
        data[name] = copy.deepcopy(draw(st.sampled_from(TYPED_POOL[name])))
    return data


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(values=person_records())
def test_typed_values_from_the_loaded_record_are_those_of_each_fields_check(values):
    try:
        clean = clean_record("person", copy.deepcopy(values))
    except ValidationFailure:
        return  # the hub refuses the record: it is never typed
    assert typed(values, clean) == typed(values)


def test_money_typed_on_a_laptop_is_read_as_a_number_either_way():
    values = {**example("person"), "monthly_income": "1.250.000", "birth_date": "1990-05-15"}
    clean = clean_record("person", copy.deepcopy(values))
    assert typed(values, clean)["monthly_income"] == typed(values)["monthly_income"] == 1_250_000
    assert typed(values, clean)["birth_date"] == typed(values)["birth_date"]
