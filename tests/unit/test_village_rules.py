"""Pure parts of the village client: field rules, backoff, enrollment tokens, messages."""

import pathlib
import random
import re

import pytest

import village_client
from tests.unit.catalogue_helpers import check_bilingual
from village_client.enrollment import EnrollmentRefused, parse_token
from village_client.fieldrules import officer_errors
from village_client.messages import CATALOGUE, error_text, text
from village_client.records import InvalidRecord, validate
from village_client.sync.backoff import backoff_delay

SOURCE = pathlib.Path(village_client.__file__).parent

PERSON = {"name": "Siti Aminah", "birth_date": "1990-05-14", "sex": "F", "village_code": "35.07.01.2001",
          "nik": "3507015405900002"}


def rules_failed(table, data, **kwargs):
    try:
        validate(table, data, **kwargs)
    except InvalidRecord as invalid:
        return {(error.field, error.rule) for error in invalid.errors}
    return set()


def test_a_valid_person_is_cleaned_to_json_ready_values():
    clean = validate("person", {**PERSON, "name": "  Siti Aminah ", "monthly_income": "1.500.000", "pregnant": "yes"})
    assert (clean["name"], clean["monthly_income"], clean["pregnant"]) == ("Siti Aminah", 1_500_000, True)
    assert "id" not in clean and clean["nik_status"] == "recorded"


@pytest.mark.parametrize(("change", "expected"), [
    ({"nik": "12345"}, ("nik", "id_length")),
    ({"nik": "3507011405900002"}, ("nik", "nik_sex_mismatch")),  # day without +40 for a woman
    ({"birth_date": "2999-01-01"}, ("birth_date", "date_future")),
    ({"birth_date": "14/05/1990"}, ("birth_date", "date_format")),
    ({"sex": "X"}, ("sex", "choice")),
    ({"name": ""}, ("name", "required")),
    ({"shoe_size": "42"}, ("shoe_size", "unknown_field")),
])
def test_each_bad_value_names_its_field_and_rule(change, expected):
    assert expected in rules_failed("person", {**PERSON, **change})


def test_errors_inside_a_form_of_several_records_are_named_by_their_path_and_worded_plainly():
    with pytest.raises(InvalidRecord) as invalid:
        validate("person", {**PERSON, "name": ""}, prefix="members.2.")
    [error] = invalid.value.as_dicts("en")
    assert (error["field"], error["rule"], error["message"]) == ("members.2.name", "required", "Name is required.")


def test_a_partial_update_needs_only_the_fields_it_changes():
    assert rules_failed("person", {"phone": "081234567890"}, partial=True) == set()
    assert rules_failed("person", {"name": ""}, partial=True) == {("name", "required")}


def test_officer_rules():
    assert officer_errors("siti.aminah", "Siti Aminah", "midwife", "123456") == []
    assert {(e.field, e.rule) for e in officer_errors("S i", "", "boss", "123")} == {
        ("username", "username"), ("full_name", "required"), ("role", "choice"), ("pin", "pin")}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_of_the_catalogue_exists_in_both_languages_with_the_same_placeholders(key):
    check_bilingual(CATALOGUE[key])
    if key.startswith(("rule.", "code.")):  # a message, not a screen label such as "PIN" or "Status"
        assert CATALOGUE[key]["id"] != CATALOGUE[key]["en"]


def test_every_key_the_program_uses_is_in_the_catalogue():
    sources = [path.read_text(encoding="utf-8") for path in [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.html")]]
    used = {key for source in sources for key in re.findall(r"""\b(?:t|text)\(["']([a-z_]+\.[a-z_.]+)["']""", source)}
    assert len(used) > 100 and used - set(CATALOGUE) == set()


def test_texts_and_error_codes_fill_their_placeholders_in_the_language_asked_for():
    assert error_text("sequence_gap", "en", expected=7) == "The hub asked to resend from number 7."
    assert error_text("sequence_gap", "id", expected=7) == "Hub meminta pengiriman ulang mulai nomor 7."
    assert error_text("brand_new_code", "en") == "brand_new_code"
    assert text("home.title", "en", name="Siti") == "Welcome, Siti" and text("no.such_key", "en") == "no.such_key"
    assert text("home.title", "fr", name="Siti") == text("home.title", "id", name="Siti")


def test_backoff_grows_exponentially_up_to_the_cap_with_jitter():
    assert backoff_delay(0, 60, 3600, rng=lambda: 1.0) == 60
    assert backoff_delay(3, 60, 3600, rng=lambda: 1.0) == 480
    assert backoff_delay(40, 60, 3600, rng=lambda: 1.0) == 3600
    waits = {backoff_delay(5, 60, 3600, rng=random.Random(seed).random) for seed in range(20)}
    assert len(waits) == 20 and all(30 <= wait <= 1920 for wait in waits)


def test_enrollment_token_splits_at_the_last_dot():
    assert parse_token(" 4f1c.9a2e-77b0.KZDVVJ2UMNQ3XK4D ") == ("4f1c.9a2e-77b0", "kzdvvj2umnq3xk4d")
    assert parse_token("k7qm-x3fa-92pd.ab4c-de5f-gh6j-kl7m") == ("k7qm-x3fa-92pd", "ab4cde5fgh6jkl7m")


@pytest.mark.parametrize("token", ["", "nodot", "secret.short", ".kzdvvj2umnq3xk4d", "secret.kzdvvj2umnq3xk4!"])
def test_a_token_without_a_long_enough_fingerprint_is_refused(token):
    with pytest.raises(EnrollmentRefused) as refused:
        parse_token(token)
    assert refused.value.code == "bad_token"
