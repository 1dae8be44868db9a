"""Dates in forms as people write them, dd-mm-yyyy, whatever the browser's locale.

A browser's own date picker shows the browser's format (mm/dd/yyyy on an English-US laptop), so the
forms use a plain text box that shows dd-mm-yyyy. Each date box names itself in a hidden `_dates`
field; before a view reads the form, a date typed as dd-mm-yyyy (or with / or .) becomes the ISO
text the records hold. Anything else is left as typed, for the schemas to refuse naming the field.
"""

import re

from flask import request
from werkzeug.datastructures import ImmutableMultiDict

TYPED = re.compile(r"\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})\s*")
ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def to_iso(text: str) -> str:
    found = TYPED.fullmatch(text or "")
    if found is None:
        return text
    day, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def shown(value) -> str:
    """The value of a date box: an ISO date as dd-mm-yyyy, anything else (what was typed) as it is."""
    text = "" if value is None else str(value)
    found = ISO.fullmatch(text)
    return f"{found[3]}-{found[2]}-{found[1]}" if found else text


def convert_posted_dates() -> None:
    """Before each POST: the form's date boxes as ISO dates (request hook)."""
    if request.method != "POST" or "_dates" not in request.form:
        return
    names = set(request.form.getlist("_dates"))
    pairs = [(name, to_iso(value) if name in names else value)
             for name, values in request.form.lists() if name != "_dates" for value in values]
    request.form = ImmutableMultiDict(pairs)
