"""The admin UI's language: texts of the hub's catalogue (`hub_server.messages`) in the session's language.

Templates call `t("key", name=value)`; the language is the session's (switched with the ID/EN buttons,
and set from the user's preference at login). `init_app(app)` gives the templates these helpers.
"""

from flask import current_app, flash, has_request_context, session

from hub_server.messages import CATALOGUE, field_message, message, text
from hub_server.reports.numbers import number, percent
from hub_server.services import regions
from schemas import record_status
from schemas.display import date_text, value_text
from schemas.local_time import local_time
from schemas.messages import DEFAULT_LANGUAGE, LANGUAGES, label


def current_language() -> str:
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **fields) -> str:
    """The text of `key` in the session's language; the key itself if it has no entry."""
    return text(key, current_language(), **fields)


def action_name(action: str) -> str:
    """An audit action for people; actions without a translation are shown as recorded."""
    return t(f"action.{action}") if f"action.{action}" in CATALOGUE else action


def error_message(code: str, **fields) -> str:
    return message(code, current_language(), **fields)


def field_messages(refusal) -> list:
    """ "Field: message" for each field error of a refusal."""
    return [f"{t('field.' + item.field)}: {field_message(item.field, item.rule, current_language(), **item.params)}"
            for item in refusal.errors]


def flash_refusal(refusal) -> None:
    """Show a refused action's message and its field errors on the next page."""
    flash(error_message(refusal.code, **refusal.fields), "error")
    for line in field_messages(refusal):
        flash(line, "error")


def errors_by_field(refusal) -> dict:
    """{field: its message} of a refusal, for a form that shows each beside its field."""
    lang = current_language()
    return {error.field: field_message(error.field, error.rule, lang, **error.params) for error in refusal.errors}


def when(value) -> str:
    """A time in the district's zone (`DISPLAY_TIMEZONE`, from its province), e.g. 23-11-2026 14:05 WIB."""
    return local_time(value, current_app.config["DISPLAY_TIMEZONE"])


def day(value) -> str:
    """A date as dd-mm-yyyy; "—" when missing."""
    return date_text(value)


def shown(value, table: str = "", field: str = "") -> str:
    """A record's value for people: a choice's label, yes/no, dd-mm-yyyy, rupiah; "—" when missing."""
    return value_text(table, field, value, current_language())


def nik_text(person) -> str:
    """A person's NIK, or why they have none yet (a newborn a village registered: "Bayi, NIK belum terbit")."""
    if person.nik:
        return person.nik
    return value_text("person", "nik_status", person.nik_status or "newborn", current_language())


def number_text(value) -> str:
    """A count in the page's language: 1.234.567 in Indonesian, 1,234,567 in English; "—" when missing."""
    return number(value, current_language())


def share_text(value) -> str:
    """A percentage in the page's language: 71,4% or 71.4%."""
    return percent(value, current_language())


def field_label(field: str) -> str:
    """A field's name as its forms label it."""
    return label(field, current_language())


def status_reason(code: str) -> str:
    """Why the hub keeps a record without counting it (`schemas.record_status`), with what would resolve it."""
    reason, resolve = record_status.describe({"status": code}, current_language())
    return f"{reason} {resolve}" if resolve else reason


def init_app(app) -> None:
    app.jinja_env.globals.update(t=t, lang=current_language, action_name=action_name, region_name=regions.name,
                                 field_label=field_label, status_reason=status_reason)
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["shown"] = shown
    app.jinja_env.filters["nik_text"] = nik_text
    app.jinja_env.filters["number"] = number_text
    app.jinja_env.filters["share"] = share_text
