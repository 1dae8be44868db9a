"""Errors and warnings as data: which field, which rule, with which parameters.

    FieldError(field, rule, params)      one broken rule (or one warning) on one field
    Check(value, errors, warnings)       what a validator returns: the normalised value and its findings
    ValidationFailure(errors, warnings)  raised by `load_record`: a record that cannot be saved
    Problem                              a FieldError's rule inside marshmallow's messages (reads as text)
    error_envelope(status, code, ...)    the one error envelope every program answers with

Messages are made only when asked for, in the language asked for, from `schemas.messages`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from schemas.messages import DEFAULT_LANGUAGE, LANGUAGES, label, message

if TYPE_CHECKING:  # marshmallow is imported where an error is raised: the errors alone do not need it
    from marshmallow import ValidationError

RECORD = "record"  # the field name of an error about the record as a whole
ENVELOPE_KEYS = ("ok", "status", "code", "error", "errors")


def error_envelope(status: int, code: str, message_text: str, errors: Iterable[Mapping] = (),
                   fields: Mapping | None = None) -> dict:
    """The one error envelope of the hub API, the relay and both web UIs (docs/api.md, "Errors").

    {"ok": false, "status", "code", "error": the message in the reader's language,
     "errors": [{"field", "rule", "message"}, ...], ...the fields that explain the error}

    A field never replaces one of the five fixed keys; its value is made JSON-ready (lists stay lists,
    anything else that is not a plain value becomes text).
    """
    body = {"ok": False, "status": status, "code": code, "error": message_text,
            "errors": [{"field": item["field"], "rule": item["rule"], "message": item["message"]} for item in errors]}
    body.update({key: _plain(value) for key, value in (fields or {}).items() if key not in ENVELOPE_KEYS})
    return body


def wants_json(request) -> bool:
    """True when a web request gets the envelope rather than an HTML page: a path under /api/, or a
    client that prefers JSON. `request` is the web framework's request (path, accept_mimetypes)."""
    if request.path.startswith("/api/"):
        return True
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def accepted_language(request) -> str:
    """The language an API client asks for with Accept-Language: Indonesian unless it prefers English."""
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return str(value)


@dataclasses.dataclass(frozen=True)
class FieldError:
    """One rule broken by one field (or, as a warning, one thing to review). Params fill the message."""

    field: str
    rule: str
    params: Mapping = dataclasses.field(default_factory=dict)

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in `lang`, naming the field. Raises KeyError for a rule not in the catalogue."""
        return message(self.rule, lang, **{**self.params, "field": label(self.field, lang)})

    def as_dict(self, lang: str = DEFAULT_LANGUAGE) -> dict:
        """The form used in the API error envelope: {"field", "rule", "message"}."""
        return {"field": self.field, "rule": self.rule, "message": self.message(lang)}

    def at(self, field_name: str) -> FieldError:
        """The same finding on another field (a validator's default field name replaced by the caller's)."""
        return FieldError(field_name, self.rule, self.params)


@dataclasses.dataclass(frozen=True)
class Check:
    """A validator's result: the normalised value (None when it cannot be read) and its findings."""

    value: object
    errors: tuple = ()
    warnings: tuple = ()

    @property
    def ok(self) -> bool:
        return not self.errors


class ValidationFailure(ValueError):
    """A record that breaks rules; nothing was saved. `errors` and `warnings` are FieldError lists."""

    status, code = 400, "invalid"  # as the hub's own `Invalid` error

    def __init__(self, errors: Iterable[FieldError], warnings: Iterable[FieldError] = (), *,
                 lang: str = DEFAULT_LANGUAGE):
        self.errors = list(errors)
        self.warnings = list(warnings)
        self.lang = lang
        super().__init__("; ".join(f"{e.field}: {e.rule}" for e in self.errors))

    def as_dicts(self, lang: str | None = None) -> list[dict]:
        """The errors as {"field", "rule", "message"}, in `lang` or the language the load asked for."""
        return [error.as_dict(lang or self.lang) for error in self.errors]

    def envelope(self, lang: str | None = None) -> dict:
        """The API error envelope: {"ok": false, "status", "code", "error", "errors": [...]}."""
        lang = lang or self.lang
        return error_envelope(self.status, self.code, message("record_invalid", lang, count=len(self.errors)),
                              self.as_dicts(lang))


class Problem(str):
    """A rule inside marshmallow's error messages: it reads as its message, and carries rule and params.

    Marshmallow formats field messages with `str.format`; `format` here keeps the rule.
    """

    def __new__(cls, rule: str, text: str | None = None, **params):
        problem = super().__new__(cls, text if text is not None else rule)
        problem.rule, problem.params = rule, params
        return problem

    def format(self, *args, **kwargs) -> Problem:
        return Problem(self.rule, **{**self.params, **kwargs})

    def rendered(self, field_name: str, lang: str) -> Problem:
        return Problem(self.rule, FieldError(field_name, self.rule, self.params).message(lang), **self.params)


def fail(rule: str, **params) -> ValidationError:
    """A marshmallow ValidationError carrying one rule; raise it from a field or validator."""
    from marshmallow import ValidationError  # here: the errors alone need no marshmallow (a CLI starts faster)

    return ValidationError(Problem(rule, **params))


def fail_with(errors: Iterable[FieldError]) -> ValidationError:
    """A marshmallow ValidationError carrying a validator's findings on the field being loaded.

    A finding's own field name is the validator's; what follows its first dot (a part inside the
    value, such as `all.0.op` of an eligibility rule) is kept as a path below the field.
    """
    inside: dict[str, list] = {}
    for error in errors:
        part = error.field.partition(".")[2] or "_schema"
        inside.setdefault(part, []).append(Problem(error.rule, **error.params))
    from marshmallow import ValidationError

    return ValidationError(inside["_schema"] if list(inside) == ["_schema"] else inside)


def _walk(messages, path: str):
    """Yield (field path, message) for every message in marshmallow's nested messages."""
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            yield from _walk(value, _join(path, key))
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            yield from _walk(item, path)
    else:
        yield path or RECORD, messages


def errors_from_marshmallow(error: ValidationError) -> list[FieldError]:
    """The FieldErrors in a marshmallow ValidationError; a plain text message becomes rule `invalid`."""
    found = []
    for path, item in _walk(error.messages, ""):
        if isinstance(item, Problem):
            found.append(FieldError(path, item.rule, item.params))
        else:
            found.append(FieldError(path, "invalid", {"detail": str(item)}))
    return found


def error_dicts(error: ValidationError, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    """A marshmallow ValidationError as the API's list of {"field", "rule", "message"} in `lang`."""
    return [found.as_dict(lang) for found in errors_from_marshmallow(error)]


def render_messages(messages, lang: str, path: str = ""):
    """Marshmallow's messages with every Problem's text in `lang` (the structure is kept)."""
    if isinstance(messages, Mapping):
        return {key: render_messages(value, lang, _join(path, key)) for key, value in messages.items()}
    if isinstance(messages, list):
        return [render_messages(item, lang, path) for item in messages]
    if isinstance(messages, Problem):
        return messages.rendered(path or RECORD, lang)
    return messages


def _join(path: str, key) -> str:
    if key == "_schema":
        return path
    return f"{path}.{key}" if path else str(key)
