"""Marshmallow fields over the pure validators; every error they raise is a rule of the catalogue.

Common to all fields here:
- an optional field that is missing loads as None; blank text ("", "  ") counts as not given, so an
  empty form input is None for an optional field and `required` for a required one;
- errors are `Problem`s (rule + parameters), rendered in the schema's language by `RecordSchema`;
- `warnings_for(value, path)` returns the warnings of a loaded value (e.g. a NIK's region code missing
  from today's list), which never block a load;
- a field reads `today` from its schema, so a check against the clock can be pinned.
"""

import re

from marshmallow import fields

from schemas import dates, kk, money, nik, phone, region, rtrw
from schemas.choices import values
from schemas.eligibility import check_rule
from schemas.errors import Check, FieldError, Problem, fail, fail_with

_MESSAGES = {"required": Problem("required"), "null": Problem("null"), "validator_failed": Problem("invalid")}


class _Base:
    default_error_messages = _MESSAGES

    def __init__(self, *args, **kwargs):
        if not kwargs.get("required") and "load_default" not in kwargs:
            kwargs["load_default"] = None
        super().__init__(*args, **kwargs)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if isinstance(value, str) and not value.strip():
            if not self.allow_none:
                raise self.make_error("required")
            value = None
        return super().deserialize(value, attr, data, **kwargs)

    def today(self):
        return getattr(self.root, "today", None)

    def warnings_for(self, value, path: str) -> list[FieldError]:
        return []


class Field(_Base, fields.Field):
    """A field whose `check(value) -> Check` does the work; its errors and warnings are the check's.

    `reads_clock`: the check depends on today's date, so its result for a value cannot be remembered.
    """

    reads_clock = False

    def check(self, value) -> Check:
        return Check(value)

    def _deserialize(self, value, attr, data, **kwargs):
        found = self.check(value)
        if found.errors:
            raise fail_with(found.errors)
        return found.value

    def warnings_for(self, value, path: str) -> list[FieldError]:
        return [warning.at(path) for warning in self.check(value).warnings]


class Text(Field):
    """Text, trimmed; at most `max_length` characters (and at least `min_length`)."""

    def __init__(self, *, max_length: int = 200, min_length: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.max_length, self.min_length = max_length, min_length

    def check(self, value) -> Check:
        if not isinstance(value, str):
            return _fails("text_type")
        text = value.strip()
        if len(text) > self.max_length:
            return _fails("text_too_long", max=self.max_length, length=len(text))
        if len(text) < self.min_length:
            return _fails("text_too_short", min=self.min_length)
        return Check(text)


class BilingualText(Field):
    """Text in both languages, `{"id": ..., "en": ...}`: each trimmed, given and at most `max_length`."""

    def __init__(self, *, max_length: int = 1000, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def check(self, value) -> Check:
        if not isinstance(value, dict) or set(value) != {"id", "en"}:
            return _fails("bilingual_text")
        texts, errors = {}, []
        for lang in ("id", "en"):
            text = value[lang].strip() if isinstance(value[lang], str) else ""
            if not text:
                errors.append(FieldError(f"text.{lang}", "bilingual_text"))
            elif len(text) > self.max_length:
                errors.append(FieldError(f"text.{lang}", "text_too_long", {"max": self.max_length,
                                                                           "length": len(text)}))
            texts[lang] = text
        return Check(None, tuple(errors)) if errors else Check(texts)


_NAME_PUNCTUATION = set(" .,'-’")


class Name(Text):
    """A person's or place's name: letters, spaces and . , ' - ; runs of spaces become one."""

    def check(self, value) -> Check:
        found = super().check(value)
        if not found.ok:
            return found
        text = " ".join(found.value.split())
        return Check(text) if _is_name(text) else _fails("name_characters")


def _is_name(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and all(ch.isalpha() or ch in _NAME_PUNCTUATION for ch in text)


class Code(Field):
    """Text matching `pattern` (after trimming, and upper-casing when `upper`); otherwise `rule`."""

    def __init__(self, pattern: str, rule: str, *, upper: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.pattern, self.rule, self.upper = re.compile(pattern), rule, upper

    def check(self, value) -> Check:
        if not isinstance(value, str):
            return _fails(self.rule)
        text = value.strip().upper() if self.upper else value.strip()
        return Check(text) if self.pattern.fullmatch(text) else _fails(self.rule)


RECORD_ID = r"(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{2,63}"  # device-counter ids and UUIDs; never all digits
PROGRAMME_CODE = r"(?=[A-Z0-9-]{2,24}\Z)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"  # PKH, BPJS-PBI, PMT-KEK
OFFICER = r"[A-Za-z0-9][A-Za-z0-9._@-]{1,63}"  # a user name: siti.aminah
REFERENCE = r"[A-Z0-9][A-Z0-9/.\-]{3,39}"  # ADU/3507/2026/00017


class RecordId(Code):
    def __init__(self, **kwargs):
        super().__init__(RECORD_ID, "record_id_format", **kwargs)


class ProgrammeCode(Code):
    def __init__(self, **kwargs):
        super().__init__(PROGRAMME_CODE, "programme_code_format", upper=True, **kwargs)


class Officer(Code):
    def __init__(self, **kwargs):
        super().__init__(OFFICER, "officer_format", **kwargs)


class Reference(Code):
    def __init__(self, **kwargs):
        super().__init__(REFERENCE, "reference_format", upper=True, **kwargs)


class Choice(Field):
    """One value of a vocabulary in `schemas.choices`."""

    def __init__(self, vocabulary: str, **kwargs):
        super().__init__(**kwargs)
        self.vocabulary = vocabulary
        values(vocabulary)  # fail at definition time on a misspelt vocabulary

    def check(self, value) -> Check:
        if isinstance(value, str) and value in values(self.vocabulary):
            return Check(value)
        return _fails("choice", choices=list(values(self.vocabulary)))


_TRUE, _FALSE = {"true", "ya", "yes", "1"}, {"false", "tidak", "no", "0"}


class Bool(Field):
    """True or false; also the text true/false, ya/tidak, yes/no, 1/0 and the numbers 1 and 0."""

    def check(self, value) -> Check:
        if isinstance(value, bool):
            return Check(value)
        text = str(value).strip().lower() if isinstance(value, (str, int)) else None
        if text in _TRUE or text in _FALSE:
            return Check(text in _TRUE)
        return _fails("boolean_invalid")


class Integer(Field):
    """A whole number (an int or digits; never a float or a bool) from `minimum` up to `maximum`."""

    def __init__(self, *, minimum: int | None = None, maximum: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def check(self, value) -> Check:
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value.strip()):
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            return _fails("integer_invalid")
        too_low = self.minimum is not None and value < self.minimum
        if self.maximum is not None and (too_low or value > self.maximum):
            return _fails("integer_range", min=self.minimum, max=self.maximum)
        return _fails("integer_min", min=self.minimum) if too_low else Check(value)


class Rupiah(Field):
    def check(self, value) -> Check:
        return money.check_rupiah(value)


class Nik(Field):
    """A NIK by structure alone; agreement with sex and date of birth is checked by the person schema."""

    reads_clock = True  # the century of its birth date

    def check(self, value) -> Check:
        return nik.check_nik(value, today=self.today())


class Kk(Field):
    reads_clock = True  # the century of its issue date

    def check(self, value) -> Check:
        return kk.check_kk(value, today=self.today())


class RegionCode(Field):
    """A Kemendagri code at `level` (any level if None), stored dotted.

    A code missing from the 2025 list is an error, or a warning when not `must_exist`.
    """

    def __init__(self, level: str | None = "village", *, must_exist: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.level, self.must_exist = level, must_exist

    def check(self, value) -> Check:
        return region.check_region_code(value, expected_level=self.level, must_exist=self.must_exist)


class Phone(Field):
    def check(self, value) -> Check:
        return phone.check_phone(value)


class RtRw(Field):
    def check(self, value) -> Check:
        return rtrw.check_rt_rw(value)


class Date(Field):
    """An ISO date. `past`: not after today; `birth`: a date of birth (not after today, not before 1900)."""

    reads_clock = True

    def __init__(self, *, past: bool = False, birth: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.past, self.birth = past, birth

    def check(self, value) -> Check:
        if self.birth:
            return dates.check_birth_date(value, today=self.today())
        return dates.check_date(value, field="date", past=self.past, today=self.today())

    def _serialize(self, value, attr, obj, **kwargs):
        return value.isoformat() if value is not None else None


class DateTime(Field):
    """An ISO 8601 time with a time zone, loaded as UTC and written `...Z`."""

    def check(self, value) -> Check:
        return dates.check_datetime(value)

    def _serialize(self, value, attr, obj, **kwargs):
        return dates.iso_datetime(value) if value is not None else None


class EligibilityRule(Field):
    """An eligibility rule as JSON data (see `schemas.eligibility`); errors name the part of the rule."""

    def check(self, value) -> Check:
        return check_rule(value, field="rule")


class List(_Base, fields.List):
    """A list of `inner` values: at most `max_length`, and with `unique` no value twice."""

    default_error_messages = {"invalid": Problem("list_invalid")}

    def __init__(self, inner, *, max_length: int = 100, unique: bool = False, **kwargs):
        super().__init__(inner, **kwargs)
        self.max_length, self.unique = max_length, unique

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list) and len(value) > self.max_length:
            raise fail("list_too_long", max=self.max_length)
        items = super()._deserialize(value, attr, data, **kwargs)
        repeated = next((item for index, item in enumerate(items) if item in items[:index]), None)
        if self.unique and repeated is not None:
            raise fail("list_duplicate", value=str(repeated))
        return items

    def warnings_for(self, value, path: str) -> list[FieldError]:
        return [found for index, item in enumerate(value) if item is not None
                for found in self.inner.warnings_for(item, f"{path}.{index}")]


class Nested(_Base, fields.Nested):
    """A nested record; it is loaded in the language and with the `today` of the outer schema."""

    default_error_messages = {"type": Problem("record_type")}

    def _load(self, value, partial=None):
        self.schema.lang = getattr(self.root, "lang", self.schema.lang)
        self.schema.today = self.today()
        return super()._load(value, partial=partial)

    def warnings_for(self, value, path: str) -> list[FieldError]:
        return self.schema.warnings(value, prefix=path)


def _fails(rule: str, **params) -> Check:
    return Check(None, (FieldError("", rule, params),))
