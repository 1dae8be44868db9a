"""RT (rukun tetangga) and RW (rukun warga) numbers: 1 to 999, stored as int.

Accepted as the family card prints them (`"003"`) or as a number (`3`); `"RT 03"` or `"3a"` is refused.
"""

import re

from schemas.errors import Check, FieldError

_NUMBER = re.compile(r"[0-9]{1,6}")
LOWEST, HIGHEST = 1, 999


def check_rt_rw(value, *, field: str = "address_rt") -> Check:
    """Read an RT or RW number; the value is an int 1-999, or None with the rule it breaks."""
    if isinstance(value, bool):
        return Check(None, (FieldError(field, "rtrw_format"),))
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int):
        return Check(None, (FieldError(field, "rtrw_format"),))
    if not LOWEST <= value <= HIGHEST:
        return Check(None, (FieldError(field, "rtrw_range"),))
    return Check(value)
