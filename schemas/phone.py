"""Indonesian mobile numbers, stored as +628... (E.164).

Accepted as people write them: `0812-3456-7890`, `0812 3456 7890`, `+62 812-3456-7890`,
`6281234567890`, `+62 0812...` (a 0 kept after the country code) and `81234567890` (the 0 left off).
Only mobile numbers (08...) are accepted: the number is for SMS and WhatsApp follow-up of
applications and complaints, which a landline cannot receive.
"""

import re

from schemas.errors import Check, FieldError

_NOISE = re.compile(r"[\s().\-]+")
_PREFIX = re.compile(r"(?:\+62|62|0)?0?(?=8)")
_DIGITS = re.compile(r"[0-9]+")
MIN_DIGITS, MAX_DIGITS = 10, 13  # national form, counting the leading 0


def check_phone(value, *, field: str = "phone") -> Check:
    """Read an Indonesian mobile number; the value is "+628..." or None with the rule it breaks."""
    if not isinstance(value, str):
        return Check(None, (FieldError(field, "phone_format"),))
    text = _NOISE.sub("", value)
    prefix = _PREFIX.match(text)
    rest = text[prefix.end():] if prefix else ""
    if not rest.startswith("8") or not _DIGITS.fullmatch(rest):
        return Check(None, (FieldError(field, "phone_format"),))
    national = len(rest) + 1
    if not MIN_DIGITS <= national <= MAX_DIGITS:
        return Check(None, (FieldError(field, "phone_length", {"length": national}),))
    return Check(f"+62{rest}")
