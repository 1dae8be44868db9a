"""`schemas.display.value_text`: what screens and the command line show for a stored value."""

from schemas.display import value_text


def test_a_village_is_shown_by_its_name_with_the_code_beside():
    assert value_text("complaint", "village_code", "35.07.01.2001", "en") == "Tulungrejo (35.07.01.2001)"
    assert value_text("person", "village_code", "35.07.01.2001", "id") == "Tulungrejo (35.07.01.2001)"
    assert value_text("complaint", "village_code", "99.99.99.9999") == "99.99.99.9999"  # not in the list: the code
    assert value_text("complaint", "village_code", None) == "—"


def test_choices_dates_and_missing_values_are_words():
    assert value_text("person", "sex", "F", "en") == "Female"
    assert value_text("person", "birth_date", "1990-05-15") == "15-05-1990"
    assert value_text("person", "name", "") == "—"
