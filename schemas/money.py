"""Money: whole rupiah as an integer, never a float.

Accepted: an int (`1500000`), or text as people write it: `"1500000"`, `"1.500.000"` (dots between
thousands), with an optional `Rp`/`Rp.` in front and `,-` or `,00` behind (`"Rp 1.500.000,-"`).
Refused: floats and decimals (even `1500000.0`: rupiah has no cents here and a float is never rounded),
cents (`"1.500.000,50"`), commas between thousands (`"1,500,000"`: a comma is the decimal mark in
Indonesian), negative amounts and amounts above `MAX_RUPIAH`.
"""

import datetime as dt
import re
from decimal import Decimal

from schemas.errors import Check, FieldError

MAX_RUPIAH = 999_999_999_999_999  # exact in a JavaScript number, so browser forms never round it

_AMOUNT = re.compile(r"(?:rp\.?\s*)?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,-|,0+)?", re.IGNORECASE)
_CENTS = re.compile(r"(?:rp\.?\s*)?(?:[0-9.]+,[0-9]+|[0-9]+\.[0-9]{1,2})", re.IGNORECASE)


def check_rupiah(value, *, field: str = "monthly_income") -> Check:
    """Read an amount of rupiah; the value is an int, or None with the rule it breaks."""
    if isinstance(value, bool):
        return _fail(field, "money_format")
    if isinstance(value, int):
        return _bounded(value, field)
    if isinstance(value, (float, Decimal)):
        return _fail(field, "money_not_integer")
    if isinstance(value, str):
        return _from_text(value.strip(), field)
    return _fail(field, "money_format")


def _from_text(text: str, field: str) -> Check:
    negative = text.startswith("-")
    body = text[1:].strip() if negative else text
    match = _AMOUNT.fullmatch(body)
    if match is None:
        return _fail(field, "money_not_integer" if _CENTS.fullmatch(body) else "money_format")
    amount = int(match.group(1).replace(".", ""))
    return _bounded(-amount if negative else amount, field)


def _bounded(amount: int, field: str) -> Check:
    if amount < 0:
        return _fail(field, "money_negative")
    if amount > MAX_RUPIAH:
        return _fail(field, "money_too_large", max=MAX_RUPIAH)
    return Check(amount)


def _fail(field: str, rule: str, **params) -> Check:
    return Check(None, (FieldError(field, rule, params),))


# What a month's payments come to, the one rule the hub's reconciliation and the laptop's payments page share
# (docs/payments.md, "Reconciliation").
QUARTER_ENDS = (3, 6, 9, 12)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_start(text: str | None) -> dt.date | None:
    """The first day of a `yyyy-mm` month (a payment's period, the month reconciled); None when it is not one."""
    found = _MONTH.match((text or "").strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    return dt.date(int(found.group(1)), int(found.group(2)), 1)


def payment_status(due: int | None, paid: int) -> str:
    """"unpaid" (nothing), "paid" (as due, or any amount when nothing is stated), "partial" or "overpaid"."""
    if paid == 0:
        return "unpaid"
    if due is None or paid == due:
        return "paid"
    return "partial" if paid < due else "overpaid"


def benefit_due(programme: dict, month_number: int) -> tuple[bool, int | None]:
    """(expected in that month, the amount) from a programme's catalogue entry: `benefit_period` "monthly", or
    "quarterly" in March, June, September and December, with its `benefit_amount`."""
    period = programme.get("benefit_period")
    if period == "monthly" or (period == "quarterly" and month_number in QUARTER_ENDS):
        return True, programme.get("benefit_amount")
    return False, None
