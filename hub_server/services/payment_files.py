"""The layout of the payment files the district receives, and the check of each row (docs/payments.md).

Two kinds, CSV with a header row, columns in any order, UTF-8:

    contribution: reference, nik, membership_number, programme, period, paid_on, amount, payer
    benefit:      reference, nik, membership_number, programme, period, paid_on, amount

`reference` is the payer's or bank's reference of the payment, its natural key; `period` the month
paid for (yyyy-mm); `paid_on` the day the money moved (yyyy-mm-dd); `amount` whole rupiah.
A row breaking a rule is reported with its line, field and rule, and left out; the rest loads.
"""

import csv
import datetime as dt
import re
from dataclasses import dataclass

from hub_server.models.payments import PAYERS
from hub_server.services.memberships import NUMBER
from schemas.idnumber import digits_of
from schemas.money import month_start

KINDS = ("contribution", "benefit")
COMMON = ("reference", "nik", "membership_number", "programme", "period", "paid_on", "amount")
COLUMNS = {"contribution": (*COMMON, "payer"), "benefit": COMMON}
REFERENCE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z/._-]{3,63}$")
MAX_AMOUNT = 10**12


@dataclass(frozen=True)
class RowProblem:
    field: str
    rule: str
    value: str
    params: dict


def missing_columns(kind: str, header: list) -> list:
    """The columns a file of `kind` needs and its header lacks."""
    held = {name.strip().lower() for name in header}
    return [name for name in COLUMNS[kind] if name not in held]


def rows(handle, kind: str):
    """Yield (line, {column: value}) for each non-blank record of an open CSV file after its header."""
    reader = csv.reader(handle)
    header = [name.strip().lower().lstrip("\ufeff") for name in next(reader, [])]
    picks = {name: header.index(name) for name in COLUMNS[kind] if name in header}
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        yield reader.line_num, {name: (values[at].strip() if at < len(values) else "") for name, at in picks.items()}


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _amount(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) < MAX_AMOUNT else None


def check(raw: dict, kind: str, programmes: set) -> tuple[dict | None, list]:
    """(the row's values, []) or (None, the RowProblems): every rule the row breaks, each field once."""
    problems = []

    def fail(field, rule, **params):
        problems.append(RowProblem(field, rule, raw.get(field, ""), params))

    if not REFERENCE.match(raw["reference"]):
        fail("reference", "payment_reference")
    nik, errors = digits_of(raw["nik"], "nik")  # the whole structure is checked only for NIKs no resident has
    for error in errors:
        fail("nik", error.rule, **error.params)
    if not NUMBER.match(raw["membership_number"]):
        fail("membership_number", "membership_number")
    if raw["programme"] not in programmes:
        fail("programme", "unknown_programme", codes=raw["programme"] or "—")
    values = {"period": month_start(raw["period"]), "paid_on": _day(raw["paid_on"]), "amount": _amount(raw["amount"])}
    for field, rule in (("period", "payment_period"), ("paid_on", "date"), ("amount", "payment_amount")):
        if values[field] is None:
            fail(field, rule)
    payer = raw.get("payer") or None
    if kind == "contribution" and payer not in PAYERS:
        fail("payer", "choice", choices=", ".join(PAYERS))
    if problems:
        return None, problems
    return {"reference": raw["reference"], "nik": nik, "membership_number": raw["membership_number"],
            "programme_code": raw["programme"], "payer": payer, **values}, []
