"""Dates in the laptop's forms: typed and shown dd-mm-yyyy, held as ISO dates."""

import pytest

from village_client.web.dates import shown, to_iso


@pytest.mark.parametrize(("typed", "held"), [
    ("15-05-1990", "1990-05-15"), ("5/5/1990", "1990-05-05"), (" 01.12.2026 ", "2026-12-01"),
    ("1990-05-15", "1990-05-15"), ("15-05-90", "15-05-90"), ("", ""), ("kemarin", "kemarin"),
])
def test_a_typed_date_becomes_iso_and_anything_else_is_left_for_the_schema_to_refuse(typed, held):
    assert to_iso(typed) == held


@pytest.mark.parametrize(("value", "box"), [("1990-05-15", "15-05-1990"), (None, ""), ("31-02-2026", "31-02-2026")])
def test_a_date_box_shows_an_iso_date_as_people_write_it_and_keeps_what_was_typed(value, box):
    assert shown(value) == box
