"""Reading a JSON request body and its fields, collecting every field error before refusing."""

import base64
import binascii
import json

from flask import request

from hub_server.errors import FieldError, Invalid, Malformed


def json_object() -> dict:
    """The body as a JSON object. Raises Malformed."""
    try:
        body = json.loads(request.get_data(cache=False) or b"null")
    # RecursionError: nesting deeper than the parser goes; ValueError: a number longer than Python reads
    # (4,300 digits). Neither is a body this API could use: a coded refusal, not a 500.
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise Malformed(detail=f"not JSON this hub reads ({exc.__class__.__name__})") from None
    if not isinstance(body, dict):
        raise Malformed(detail="the body must be a JSON object")
    return body


class Fields:
    """Typed access to a body's fields; `done()` raises Invalid listing every field that failed."""

    def __init__(self, body: dict):
        self.body, self.errors = body, []

    def text(self, name: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self.body.get(name)
        if value is None or value == "":
            if required:
                self.errors.append(FieldError(name, "required"))
            return ""
        if not isinstance(value, str):
            self.errors.append(FieldError(name, "string"))
            return ""
        if len(value) > max_length:
            self.errors.append(FieldError(name, "max_length", {"max": max_length}))
            return ""
        return value

    def base64(self, name: str, *, required: bool = True, max_length: int = 4096) -> bytes:
        text = self.text(name, required=required, max_length=max_length)
        if not text:
            return b""
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            self.errors.append(FieldError(name, "base64"))
            return b""

    def done(self) -> None:
        if self.errors:
            raise Invalid(self.errors)
