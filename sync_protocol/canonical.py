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
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return _normalize_object(value, path)
    if isinstance(value, list | tuple):
        return [normalize(item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dt.datetime):
        return _utc_text(value, path)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise MalformedMessage(path, f"{type(value).__name__} is not allowed in canonical data")


def _normalize_object(value: dict, path: str) -> dict:
    result = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise MalformedMessage(path, "object keys must be strings")
        key = unicodedata.normalize("NFC", key)
        if key in result:
            raise MalformedMessage(path, f"key {key!r} appears twice after normalisation")
        result[key] = normalize(item, f"{path}.{key}")
    return result


def _utc_text(value: dt.datetime, path: str) -> str:
    if value.tzinfo is None or value.utcoffset() != dt.timedelta(0):
        raise MalformedMessage(path, "date-times must be in UTC")
    return value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def canonical_bytes(value) -> bytes:
    """The canonical encoding of `value`."""
    return encode_normalized(normalize(value))


def encode_normalized(value) -> bytes:
    """The canonical encoding of a value already passed through `normalize`."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def digest(value) -> bytes:
    """SHA-256 of the canonical encoding."""
    return hashlib.sha256(canonical_bytes(value)).digest()
