"""Deliberate errors in the source extracts, each one written down in `faults.csv`.

Each record an extract should hold is, with probability `fault_rate`, given exactly one fault of
a kind its source can carry (see `sources.SourceSpec.faults`):

- name_spelling: the name with a known spelling variant (Soetrisno, Achmad) or a one-letter typo.
- birth_date (e-KTP): day and month swapped, a year or a few days off, or a placeholder 1 July or
  31 December; the NIK is unchanged, so it disagrees with its own date.
- sex (e-KTP): the other sex; the NIK is unchanged.
- missing_from_source: no row at all.
- duplicated: the correct row, and some rows later a second one, identical or with the name misspelt.
- moved_village: another village code, usually a neighbour in the same sub-district.

A `faults.csv` row names the extract, the line of the faulty row (empty when the row is missing;
line 1 is the header), the family card and NIK (the head's NIK in `welfare.csv`), the kind, and
for a changed field its name, true value and planted value. Nothing else in an extract differs
from the ground truth.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from .dates import REFERENCE_DATE, years_before
from .names import name_variant
from .regions import Regency
from .sources import TRUTH_COLUMNS, SourceWriter

# Clerks fill in 1 July or 31 December when nobody knows the day someone was born.
PLACEHOLDER_BIRTHDAYS = ((7, 1), (12, 31))
DUPLICATE_DELAY_ROWS = (1, 500)


@dataclass(slots=True)
class Fault:
    source: str
    kk_number: str
    nik: str
    kind: str
    field: str = ""
    true_value: str = ""
    planted_value: str = ""
    line: int | None = None

    def values(self) -> list[str]:
        line = "" if self.line is None else str(self.line)
        return [self.source, line, self.kk_number, self.nik, self.kind, self.field, self.true_value,
                self.planted_value]


class FaultPlanter:
    """Writes extract records, planting a fault in a `rate` share of them."""

    def __init__(self, rng: Random, rate: float, regency: Regency):
        self.rng = rng
        self.rate = rate
        self.regency = regency
        self.records = 0
        self.planted: Counter[str] = Counter()
        self._plant = {
            "name_spelling": self._name_spelling, "birth_date": self._birth_date, "sex": self._sex,
            "missing_from_source": self._missing, "duplicated": self._duplicated,
            "moved_village": self._moved_village,
        }

    def emit(self, source: SourceWriter, truth: list[str]) -> None:
        """Write the record the extract should hold for one truth row (see `TRUTH_COLUMNS`), perhaps with a fault."""
        self.records += 1
        spec = source.spec
        row = spec.cut(truth)
        if self.rng.random() >= self.rate:
            source.write(row)
            return
        kind = spec.faults.pick(self.rng)
        nik = truth[TRUTH_COLUMNS.index(spec.nik_field)]
        fault = Fault(spec.file_name, truth[TRUTH_COLUMNS.index("kk_number")], nik, kind)
        self._plant[kind](source, row, fault)
        self.planted[kind] += 1

    def _name_spelling(self, source: SourceWriter, row: list[str], fault: Fault) -> None:
        source.write(self._misspelt(source, row, fault), fault)

    def _birth_date(self, source: SourceWriter, row: list[str], fault: Fault) -> None:
        true = date.fromisoformat(row[source.index["birth_date"]])
        source.write(_changed(source, row, fault, "birth_date", wrong_birth_date(self.rng, true).isoformat()), fault)

    def _sex(self, source: SourceWriter, row: list[str], fault: Fault) -> None:
        other = "F" if row[source.index["sex"]] == "M" else "M"
        source.write(_changed(source, row, fault, "sex", other), fault)

    def _moved_village(self, source: SourceWriter, row: list[str], fault: Fault) -> None:
        elsewhere = self.regency.other_village(self.rng, row[source.index["village_code"]])
        source.write(_changed(source, row, fault, "village_code", elsewhere), fault)

    def _missing(self, source: SourceWriter, row: list[str], fault: Fault) -> None:
        source.leave_out(fault)

    def _duplicated(self, source: SourceWriter, row: list[str], fault: Fault) -> None:
        source.write(row)
        copy = row if self.rng.random() < 0.5 else self._misspelt(source, row, fault)
        source.write_later(copy, fault, self.rng.randint(*DUPLICATE_DELAY_ROWS))

    def _misspelt(self, source: SourceWriter, row: list[str], fault: Fault) -> list[str]:
        name_field = source.spec.name_field
        return _changed(source, row, fault, name_field, name_variant(self.rng, row[source.index[name_field]]))


def _changed(source: SourceWriter, row: list[str], fault: Fault, field: str, planted: str) -> list[str]:
    """A copy of `row` with one field changed, the change noted in `fault`."""
    at = source.index[field]
    fault.field, fault.true_value, fault.planted_value = field, row[at], planted
    changed = row.copy()
    changed[at] = planted
    return changed


def wrong_birth_date(rng: Random, true: date) -> date:
    """A birth date a registry might hold instead of `true`: never `true`, never after the reference date."""
    while True:
        slip = rng.randrange(4)
        if slip == 0 and true.day <= 12:
            wrong = date(true.year, true.day, true.month)
        elif slip == 1:
            wrong = years_before(true, rng.choice((-1, 1)))
        elif slip == 2:
            wrong = true + timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3)))
        else:
            wrong = date(true.year, *PLACEHOLDER_BIRTHDAYS[rng.randrange(2)])
        if wrong != true and wrong < REFERENCE_DATE:
            return wrong
