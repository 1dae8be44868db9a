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
import functools
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


def picks(kind: str, header: list) -> dict:
    """{column: its position} of the columns a file of `kind` reads, from its header's names."""
    names = [name.strip().lower().lstrip("\ufeff") for name in header]
    return {name: names.index(name) for name in COLUMNS[kind] if name in names}


def check_lines(kind: str, programmes: set, positions: dict, first: int, lines: list) -> tuple[list, list, int]:
    """Check a chunk of a file's lines (whole records) starting at line `first`: (rows, each with its line,
    (line, raw reference, RowProblems) of the rows breaking a rule, records read). `positions` has every
    column of the kind (a file lacking one is refused before)."""
    good, bad, read = [], [], 0
    names = COLUMNS[kind]
    at = [positions[name] for name in names]
    width, contribution = max(at) + 1, kind == "contribution"
    reader = csv.reader(lines)
    for values in reader:
        fields = [values[i].strip() for i in at] if len(values) >= width else [
            values[i].strip() if i < len(values) else "" for i in at]
        if not any(fields) and not any(value.strip() for value in values):
            continue  # a blank record
        read += 1
        row, problems = _well_formed(fields, contribution, programmes), []
        if row is None:
            row, problems = check(dict(zip(names, fields, strict=True)), kind, programmes)
        if row:
            row["line"] = first + reader.line_num - 1
            good.append(row)
        else:
            bad.append((first + reader.line_num - 1, fields[0], problems))
    return good, bad, read


def _well_formed(fields: list, contribution: bool, programmes: set) -> dict | None:
    """The row's values when every field is as a file almost always writes it (the NIK as 16 plain digits),
    else None and `check` says what is wrong: the same values as `check`, at a fraction of its cost."""
    reference, nik, number, programme, period, paid_on, amount = fields[:7]
    payer = (fields[7] or None) if contribution else None
    values = {"period": _month(period), "paid_on": _day(paid_on), "amount": _amount(amount)}
    if (len(nik) == 16 and nik.isascii() and nik.isdigit() and REFERENCE.match(reference) and NUMBER.match(number)
            and programme in programmes and None not in values.values() and (not contribution or payer in PAYERS)):
        return {"reference": reference, "nik": nik, "membership_number": number, "programme_code": programme,
                "payer": payer, **values}
    return None


@functools.lru_cache(maxsize=4096)  # a file has a few dozen distinct days and months and millions of rows
def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


_month = functools.lru_cache(maxsize=4096)(month_start)


@functools.lru_cache(maxsize=4096)  # a month's file has a handful of distinct amounts
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
    values = {"period": _month(raw["period"]), "paid_on": _day(raw["paid_on"]), "amount": _amount(raw["amount"])}
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
