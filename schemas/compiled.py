"""The schemas compiled to plain Python: the same rules at a fraction of marshmallow's cost per record.

    loader = compiled(schema_for("person"))
    clean = loader.load(data)                 # what schema.load(data) returns
    clean = loader.load(data, partial=True)   # an update: the fields given
    data = loader.dump(clean)                 # what schema.dump(clean) returns

Each schema is walked once: for every declared field, its `check` (the rule, written once in
`schemas.fields` and the validators) behind the handling of a missing, empty or null value that
marshmallow applies; then the schema's own validators and post-load steps, called as marshmallow
calls them. A good record takes this path alone. Anything else (a broken rule, an unknown field, a
value of a kind the path does not expect) goes to `schema.load`, which raises the exact error
(field, rule, parameters) it always did: the compiled path decides only that a record is good.

A list of nested records is loaded record by record through the nested schema's own compiled
form. A field marshmallow handles in ways this path does not mirror (another list, a nested record, a
field with its own validators, pre-load steps or a data key) is loaded by the field itself, as the schema
would; a schema with hooks this path does not know is not compiled and always loads through marshmallow.
A check that does not read the clock (`Field.reads_clock`) is remembered for values already seen:
a village's code, an RT number or an occupation repeats in every registration.
"""

import datetime as dt
from collections.abc import Callable

from marshmallow import RAISE, ValidationError, fields
from marshmallow.decorators import POST_DUMP, POST_LOAD, PRE_DUMP, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA
from marshmallow.utils import missing

from schemas import fields as f

REMEMBERED_VALUES = 4096  # per field; the set is emptied when full (a village's vocabulary fits many times)
_IMMUTABLE = (str, int, float, bool, dt.date, type(None))


class _Slow(Exception):
    """The fast path cannot vouch for this record: marshmallow decides (and names the error)."""


class CompiledSchema:
    """A schema's load as one plain-Python function; `load` falls back to the schema for anything not plainly good."""

    def __init__(self, schema):
        self.schema = schema
        self.steps = _steps(schema)
        self.names = frozenset(name for name, _ in self.steps)
        self.validators = [getattr(schema, name) for name, _, _ in schema._hooks[VALIDATES_SCHEMA]]
        self.post_loads = [getattr(schema, name) for name, _, _ in schema._hooks[POST_LOAD]]
        self.fast = compilable(schema)
        self.dumps = [(name, field, type(field)._serialize is fields.Field._serialize)
                      for name, field in schema.dump_fields.items()]
        self.fast_dump = not schema._hooks[PRE_DUMP] and not schema._hooks[POST_DUMP] and all(
            field.data_key is None and field.attribute is None for field in schema.dump_fields.values())

    def load(self, data, *, partial: bool = False) -> dict:
        """`schema.load(data, partial=partial)`, by the fast path when the record is good."""
        clean = self.fast_load(data, partial=partial)
        return self.schema.load(data, partial=partial) if clean is None else clean

    def fast_load(self, data, *, partial: bool = False) -> dict | None:
        """The clean record by the fast path alone; None when it cannot vouch for the record."""
        if not self.fast or type(data) is not dict or not self.names.issuperset(data):
            return None
        try:
            return self._load(data, partial)
        except (_Slow, ValidationError):
            return None

    def dump(self, clean) -> dict:
        """`schema.dump(clean)`: values as they are, and each field that writes its values its own way (a date as
        ISO text, a nested record) through that field."""
        if not self.fast_dump or type(clean) is not dict:
            return self.schema.dump(clean)
        return {name: clean[name] if plain else field.serialize(name, clean)
                for name, field, plain in self.dumps if name in clean}

    def _load(self, data: dict, partial: bool) -> dict:
        clean = {}
        for name, step in self.steps:
            value = step(data.get(name, missing), data, partial)
            if value is not missing:
                clean[name] = value
        for validator in self.validators:
            validator(clean, many=False, partial=partial, unknown=RAISE)
        for post_load in self.post_loads:
            clean = post_load(clean, many=False, partial=partial, unknown=RAISE)
        return clean


def compilable(schema) -> bool:
    """Whether the fast path mirrors everything this schema does on load (else it always loads through marshmallow)."""
    hooks = schema._hooks
    plain_hooks = all(not hook_many and not kwargs.get("pass_original")
                      for tag in (VALIDATES_SCHEMA, POST_LOAD) for _, hook_many, kwargs in hooks[tag])
    return (plain_hooks and not hooks[PRE_LOAD] and not hooks[VALIDATES] and schema.unknown == RAISE
            and not schema.many and all(field.data_key is None and field.attribute is None
                                        for field in schema.load_fields.values()))


def _steps(schema) -> list:
    """(field name, step) for every field a load reads; a step returns the clean value or `missing`."""
    return [(name, _leaf_step(field) if _is_leaf(field) else _records_step(field) if _is_record_list(field)
             else _field_step(name, field)) for name, field in schema.load_fields.items()]


def _is_leaf(field) -> bool:
    """A field whose whole load is marshmallow's missing/null handling around its own `check`."""
    return (isinstance(field, f.Field) and type(field)._deserialize is f.Field._deserialize
            and not field.validators and not field.pre_load and not field.post_load)


def _is_record_list(field) -> bool:
    """A list of nested records (a household's KK history) with no rule of its own beyond its length."""
    inner = getattr(field, "inner", None)
    return (type(field) is f.List and not field.unique and type(inner) is f.Nested and not inner.many
            and not any(part.validators or part.pre_load or part.post_load for part in (field, inner)))


def _field_step(name: str, field) -> Callable:
    """Any other field: loaded by the field itself, as the schema does."""
    def step(raw, data, partial):
        if raw is missing and partial:
            return missing
        if partial:
            raise _Slow(name)  # a partial load reaches inside nested records: marshmallow's own path
        return field.deserialize(raw, name, data, partial=False)
    return step


def _leaf_step(field) -> Callable:
    check = _remembering(field.check) if not field.reads_clock else field.check

    def load(raw, partial):
        found = check(raw)
        if found.errors:
            raise _Slow("rule")
        return found.value
    return _given(field, load)


def _records_step(field) -> Callable:
    """Each record of the list through the nested schema's compiled loader, in the outer record's language and day."""
    inner, max_length = field.inner, field.max_length

    def load(raw, partial):
        if partial or type(raw) is not list or len(raw) > max_length:
            raise _Slow("list")
        inner.schema.lang = getattr(inner.root, "lang", inner.schema.lang)  # as `Nested._load` does
        inner.schema.today = inner.today()
        nested = compiled(inner.schema)
        items = [nested.fast_load(item) if type(item) is dict else None for item in raw]
        if any(item is None for item in items):
            raise _Slow("record")
        return items
    return _given(field, load)


def _given(field, load: Callable) -> Callable:
    """`load(raw, partial)` of a value given, behind marshmallow's handling of a missing, null or blank one."""
    required, allow_none, default = field.required, field.allow_none, field.load_default

    def step(raw, data, partial):
        if raw is missing:
            if partial:
                return missing
            if required:
                raise _Slow("required")
            return default() if callable(default) else default
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if allow_none:
                return None
            raise _Slow("null")
        return load(raw, partial)
    return step


def _remembering(check: Callable) -> Callable:
    """`check`, remembering the Check of each good plain value (keyed by type: 1 and True differ)."""
    seen: dict = {}

    def remembered(raw):
        if type(raw) not in (str, int):
            return check(raw)
        key = (type(raw), raw)
        found = seen.get(key)
        if found is None:
            found = check(raw)
            if found.errors or not isinstance(found.value, _IMMUTABLE):
                return found
            if len(seen) >= REMEMBERED_VALUES:
                seen.clear()
            seen[key] = found
        return found
    return remembered


def compiled(schema) -> CompiledSchema:
    """The compiled form of a schema instance, built once and kept on it."""
    found = schema.__dict__.get("_compiled")
    if found is None:
        found = schema._compiled = CompiledSchema(schema)
    return found
