"""A month of payment files for a synthetic district, with deliberate faults written down in `payment_faults.csv`.

`enrolments(households)` says who the district's members are (a deterministic share of each welfare
decile, as BPJS and the social affairs office would have enrolled them; amounts from the shipped
catalogue); `write_payment_files(out_dir, members, month)` writes, in the layout of docs/payments.md:

- `contributions-YYYY-MM.csv`: one row per member with a monthly contribution, paid by its payer;
  a self-paying member pays with probability `SELF_PAYS`, the state and the district always do;
- `benefits-YYYY-MM.csv`: one row per JSLU and BPNT member, the catalogue's amount;
- `payment_faults.csv`: each planted fault: `unknown_nik` (the row's NIK is no resident's),
  `duplicate_payment` (a second row, another reference, for the same member and month),
  `wrong_amount` (not the catalogue's amount), and `not_paid` (a self-payer who did not pay, a
  beneficiary the bank did not pay), with the file, line, reference, NIK, programme and card number.

Deterministic for a seed. The generator reads nothing of a hub: the hub enrols the same members with
`services.memberships.add_roll`.
"""

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue" / "malang.json"
CONTRIBUTION_COLUMNS = ("reference", "nik", "membership_number", "programme", "period", "paid_on", "amount", "payer")
BENEFIT_COLUMNS = CONTRIBUTION_COLUMNS[:-1]
FAULT_COLUMNS = ("kind", "file", "line", "reference", "nik", "programme", "membership_number")
SELF_PAYS = 0.9
BENEFIT_PAID = 0.97
# Who is enrolled, by welfare decile: (programme, share of the decile's people, payer).
HEALTH = {1: ("BPJS-PBI", 1.0), 2: ("BPJS-PBI", 1.0), 3: ("BPJS-PBI", 1.0), 4: ("BPJS-PBI", 1.0),
          5: ("BPJS-K3", 0.5), 6: ("BPJS-K3", 0.5), 7: ("BPJS-K2", 0.35), 8: ("BPJS-K2", 0.35),
          9: ("BPJS-K1", 0.25), 10: ("BPJS-K1", 0.25)}
DISTRICT_PBI = 0.1  # of PBI members, the share the district budget pays for (PBI-D)


@dataclass(frozen=True)
class Member:
    nik: str
    programme: str
    number: str
    village_code: str
    payer: str
    monthly_contribution: int
    benefit_amount: int


def catalogue_amounts(path: Path = CATALOGUE) -> dict:
    """{programme: (monthly contribution, benefit amount per payment)} from the shipped catalogue."""
    amounts = {}
    for entry in json.loads(path.read_text(encoding="utf-8")):
        contribution = entry.get("matching", {}).get("contribution") or {}
        amounts[entry["code"]] = (contribution.get("amount", 0), entry.get("benefit_amount") or 0)
    return amounts


def enrolments(households, *, seed: int = 1, amounts: dict | None = None):
    """Yield the Members of a district's households: health insurance by decile, JSLU for poor people aged
    60 or more who do not work, BPNT for the heads of households in deciles 1-4."""
    amounts, rng, serial = amounts or catalogue_amounts(), Random(seed), 0
    for household in households:
        for person in household.members:
            programme, share = HEALTH[household.decile]
            if rng.random() < share:
                serial += 1
                payer = "self" if programme != "BPJS-PBI" else ("district" if rng.random() < DISTRICT_PBI else "state")
                yield _member(person, household, programme, f"{serial:013d}", payer, amounts)
            if household.decile <= 3 and person.occupation in ("not_working", "retired") and \
                    (date(2026, 3, 1).year - person.birth_date.year) >= 60:
                serial += 1
                yield _member(person, household, "JSLU", f"JSLU-{serial:09d}", "state", amounts)
        if household.decile <= 4:
            serial += 1
            yield _member(household.head, household, "BPNT", f"BPNT-{serial:09d}", "state", amounts)


def _member(person, household, programme: str, number: str, payer: str, amounts: dict) -> Member:
    contribution, benefit = amounts.get(programme, (0, 0))
    return Member(person.nik, programme, number, household.village_code, payer, contribution, benefit)


class _Writer:
    """One payment file being written: the rows, their line numbers, the faults planted in them."""

    def __init__(self, path: Path, columns: tuple, faults: list):
        self.handle = open(path, "w", encoding="utf-8", newline="")
        self.writer, self.name, self.line, self.faults = csv.writer(self.handle), path.name, 1, faults
        self.writer.writerow(columns)

    def row(self, values: tuple, fault: str | None = None, member: Member | None = None) -> None:
        self.line += 1
        self.writer.writerow(values)
        if fault:
            self.faults.append((fault, self.name, self.line, values[0], values[1], member.programme, member.number))

    def close(self) -> None:
        self.handle.close()


@dataclass
class PaymentFiles:
    contributions: Path
    benefits: Path
    faults: Path
    rows: int
    planted: dict


def write_payment_files(out_dir, members, month: date, *, seed: int = 1, fault_rate: float = 0.002,
                        known_niks: set = frozenset()) -> PaymentFiles:
    """Write the month's contribution and benefit files and the faults planted in them (module docstring)."""
    out, rng, faults = Path(out_dir), Random(seed), []
    out.mkdir(parents=True, exist_ok=True)
    tag = month.isoformat()[:7]
    contributions = _Writer(out / f"contributions-{tag}.csv", CONTRIBUTION_COLUMNS, faults)
    benefits = _Writer(out / f"benefits-{tag}.csv", BENEFIT_COLUMNS, faults)
    counter, paid_on = 0, month.replace(day=10).isoformat()
    for member in members:
        if not (member.monthly_contribution or member.benefit_amount):
            continue
        counter += 1
        writer = contributions if member.monthly_contribution else benefits
        pays = SELF_PAYS if member.payer == "self" else (BENEFIT_PAID if writer is benefits else 1.0)
        if rng.random() >= pays:
            faults.append(("not_paid", writer.name, "", "", member.nik, member.programme, member.number))
            continue
        amount = member.monthly_contribution or member.benefit_amount
        values = [f"{'BRI' if writer is contributions else 'POS'}/{tag}/{counter:08d}", member.nik, member.number,
                  member.programme, tag, paid_on, str(amount)] + ([member.payer] if writer is contributions else [])
        _planted(writer, values, member, rng, fault_rate, known_niks)
    contributions.close()
    benefits.close()
    path = out / "payment_faults.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([FAULT_COLUMNS, *faults])
    planted = {}
    for fault in faults:
        planted[fault[0]] = planted.get(fault[0], 0) + 1
    return PaymentFiles(out / contributions.name, out / benefits.name, path,
                        contributions.line + benefits.line - 2, planted)


def _planted(writer: _Writer, values: list, member: Member, rng: Random, fault_rate: float, known: set) -> None:
    """Write one payment row, with probability `fault_rate` made wrong in one of three ways."""
    if rng.random() >= fault_rate:
        writer.row(tuple(values))
        return
    kind = rng.choice(("unknown_nik", "duplicate_payment", "wrong_amount"))
    if kind == "unknown_nik":
        writer.row(tuple([values[0], _stranger(member.nik, known), *values[2:]]), kind, member)
    elif kind == "wrong_amount":
        writer.row(tuple([*values[:6], str(int(values[6]) + rng.choice((-1000, 500, 5000))), *values[7:]]), kind,
                   member)
    else:
        writer.row(tuple(values))
        writer.row(tuple([values[0] + "-2", *values[1:]]), kind, member)


def _stranger(nik: str, known: set) -> str:
    """A structurally valid NIK no resident has: the same region and birth date, another serial."""
    for serial in range(9999, 1, -1):
        candidate = f"{nik[:12]}{serial:04d}"
        if candidate not in known and candidate != nik:
            return candidate
    raise ValueError(f"no free serial for {nik[:12]}")
