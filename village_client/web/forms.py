"""Small helpers the views share: the logged-in officer, field errors, choices and defaults."""

from flask import session

from schemas.choices import CHOICES
from schemas.local_time import today_in
from schemas.messages import label as field_label
from village_client.messages import text
from village_client.records import Officer
from village_client.web import lang, store, zone


def current_officer() -> Officer:
    data = session["officer"]
    return Officer(data["username"], data["full_name"], data["role"])


def errors_by_field(invalid) -> dict:
    """{field: message} in the officer's language, for showing each error next to its field."""
    errors = {}
    for error in invalid.errors:
        errors.setdefault(error.field, error.message(lang()))
    return errors


def choices(name: str) -> list:
    """(value, label) pairs of a vocabulary of `schemas`, labelled in the officer's language."""
    if name == "yesno":
        return [("yes", text("choice.yes", lang())), ("no", text("choice.no", lang()))]
    return [(value, labels[lang()]) for value, labels in CHOICES[name].items()]


def choice(name: str, value) -> str:
    """The label of a stored value, or the value itself when the vocabulary does not know it."""
    if value in (None, ""):
        return ""
    return CHOICES.get(name, {}).get(value, {}).get(lang(), str(value))


def field_name(name: str) -> str:
    return field_label(name, lang())


def default_village() -> str:
    """The village this laptop serves, when its scope is exactly one village."""
    scope = store().device()["scope"]
    return scope[0] if len(scope) == 1 and scope[0].count(".") == 3 else ""


def today() -> str:
    """Today in the village's zone (the laptop's computer may be set to another)."""
    return today_in(zone()).isoformat()


def yes_no(value) -> str:
    """A stored boolean as the select value the forms use."""
    if value in (None, ""):
        return ""
    return "yes" if value in (1, True, "1", "yes", "true") else "no"
