"""The base of every record schema: language, clock, cross-field rules and warnings.

    schema = PersonSchema(lang="en", today=date(2026, 11, 23))
    clean = schema.load(data)          # raises marshmallow.ValidationError; messages in English
    warnings = schema.warnings(clean)  # FieldErrors to review; they never block a save

A subclass lists its fields, and may override `record_errors(data)` (rules across fields, returned as
FieldErrors) and `record_warnings(data)`. Unknown fields are refused (`unknown_field`): a misspelt
field name must not make a value vanish. With `partial=True` (an update carrying only the changed
fields) each field is checked but rules across fields are not: check the merged record with a full load.
"""

import datetime as dt

from marshmallow import RAISE, Schema, ValidationError, validates_schema

from schemas.errors import FieldError, Problem, render_messages
from schemas.local_time import latest_today
from schemas.messages import DEFAULT_LANGUAGE, LANGUAGES


class RecordSchema(Schema):
    record_kind = ""
    error_messages = {"unknown": Problem("unknown_field"), "type": Problem("record_type")}

    class Meta:
        unknown = RAISE

    def __init__(self, *, lang: str = DEFAULT_LANGUAGE, today: dt.date | None = None, **kwargs):
        """`lang`: the language of error messages; `today`: the date checks use (default: the clock's)."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
        super().__init__(**kwargs)
        self.lang, self.today = lang, today

    def handle_error(self, error: ValidationError, data, *, many: bool, **kwargs) -> None:
        error.messages = render_messages(error.messages, self.lang)

    @validates_schema
    def _check_record(self, data, *, partial=None, **kwargs) -> None:
        if partial:
            return
        errors = self.record_errors(data)
        if errors:
            messages: dict[str, list] = {}
            for error in errors:
                messages.setdefault(error.field, []).append(Problem(error.rule, **error.params))
            raise ValidationError(messages)

    def record_errors(self, data: dict) -> list[FieldError]:
        """Rules across fields of a loaded record (each field already valid)."""
        return []

    def record_warnings(self, data: dict) -> list[FieldError]:
        """Things across fields to review; they never block a save."""
        return []

    def warnings(self, clean: dict, prefix: str = "") -> list[FieldError]:
        """Every warning about a loaded record: its fields' and its own, with field paths under `prefix`."""
        found = []
        for name, field in self.load_fields.items():
            if clean.get(name) is not None:
                found += field.warnings_for(clean[name], _join(prefix, name))
        found += [warning.at(_join(prefix, warning.field)) for warning in self.record_warnings(clean)]
        return found

    def current_date(self) -> dt.date:
        return self.today or latest_today()


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name
