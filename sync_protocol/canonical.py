"""Canonical encoding: the exact bytes that are hashed and signed.

Rules (docs/protocol.md, "Canonical encoding"):
- JSON, UTF-8, no insignificant white space, object keys sorted by code point;
- strings in Unicode NFC, so the same name typed on two keyboards hashes the same;
- numbers are integers only (money is integer rupiah); a float is refused, never rounded;
- dates become ISO 8601 strings (`2026-11-23`); date-times must be UTC and become `...Z`;
- only str, int, bool, None, list, tuple, dict (str keys), date and datetime are allowed.
"""

import datetime as dt
import hashlib
import json
import unicodedata

from sync_protocol.errors import MalformedMessage


def normalize(value, path: str = "$"):
    """Return `value` as plain JSON data under the canonical rules; raise MalformedMessage otherwise."""
    try:
        return _normalize(value)
    except _NotCanonical:
        _explain(value, path)  # walk again, slowly, to name where the bad value is
        raise


class _NotCanonical(Exception):
    pass


def _normalize(value):
    kind = type(value)
    if kind is str:
        return value if value.isascii() else unicodedata.normalize("NFC", value)  # ASCII is always NFC
    if value is None or kind is int or kind is bool:
        return value
    if kind is dict:
        result = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _NotCanonical
            if not key.isascii():
                key = unicodedata.normalize("NFC", key)
            if key in result:
                raise _NotCanonical
            result[key] = _normalize(item)
        return result
    if kind is list or kind is tuple:
        return [_normalize(item) for item in value]
    return _normalize_other(value)


def _normalize_other(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() != dt.timedelta(0):
            raise _NotCanonical
        return value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):  # subclasses of the JSON types (enums...) become the plain type
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return _normalize(str(value))
    raise _NotCanonical


def _explain(value, path: str) -> None:
    """Raise MalformedMessage naming the first value under `value` that breaks the rules."""
    if isinstance(value, dict):
        seen = set()
        for key, item in value.items():
            if not isinstance(key, str):
                raise MalformedMessage(path, "object keys must be strings")
            normal = unicodedata.normalize("NFC", key)
            if normal in seen:
                raise MalformedMessage(path, f"key {normal!r} appears twice after normalisation")
            seen.add(normal)
            _explain(item, f"{path}.{normal}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _explain(item, f"{path}[{index}]")
    elif isinstance(value, dt.datetime) and (value.tzinfo is None or value.utcoffset() != dt.timedelta(0)):
        raise MalformedMessage(path, "date-times must be in UTC")
    else:
        try:
            _normalize(value)
        except _NotCanonical:
            raise MalformedMessage(path, f"{type(value).__name__} is not allowed in canonical data") from None


def canonical_bytes(value) -> bytes:
    """The canonical encoding of `value`."""
    return encode_normalized(normalize(value))


def encode_normalized(value) -> bytes:
    """The canonical encoding of a value already passed through `normalize`."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def digest(value) -> bytes:
    """SHA-256 of the canonical encoding."""
    return hashlib.sha256(canonical_bytes(value)).digest()
