"""The CSV files of a generated district: the ground truth and the source-database extracts.

Ground truth: `people.csv` (one row per person) and `households.csv` (one row per family card).
Extracts, as the hub imports them: `ektp.csv` (the civil registry's biodata of everyone holding
an NIK), `kk.csv` (family card membership) and `welfare.csv` (the DTSEN welfare ranking, one row
per household). Every column of an extract is a column of `people.csv` or `households.csv`
with the same name, and holds the same value unless `faults.csv` lists the row.

Files are UTF-8 with a header line and "\\n" line ends; dates are ISO (YYYY-MM-DD), flags are
"true"/"false", money is whole rupiah. Each file is written under a ".partial" name and renamed
when the district is complete, so a file with the final name is always whole.
"""

import csv
import heapq
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from .draw import Weighted
from .households import Household, Person

PEOPLE_COLUMNS = (
    "id", "household_id", "nik", "kk_number", "name", "birth_place", "birth_date", "sex", "marital_status",
    "relationship", "address", "address_rt", "address_rw", "village_code", "occupation", "education",
    "disability", "monthly_income", "pregnant", "phone", "moved_in",
)
HOUSEHOLD_COLUMNS = (
    "household_id", "kk_number", "kk_issue_date", "head_nik", "head_name", "village_code", "address",
    "address_rt", "address_rw", "members", "decile",
)
# A person's row followed by their household's: what every extract row is cut from.
TRUTH_COLUMNS = PEOPLE_COLUMNS + HOUSEHOLD_COLUMNS

FAULT_COLUMNS = ("source", "line", "kk_number", "nik", "kind", "field", "true_value", "planted_value")


@dataclass(frozen=True)
class SourceSpec:
    """One source extract: its file, its columns and the faults its records can carry."""

    file_name: str
    columns: tuple[str, ...]
    faults: Weighted
    nik_field: str = "nik"
    name_field: str = "name"
    picks: tuple[int, ...] = field(init=False)

    def __post_init__(self):
        # The first match wins; columns that appear in both halves hold the same value.
        object.__setattr__(self, "picks", tuple(TRUTH_COLUMNS.index(name) for name in self.columns))

    def cut(self, truth_row: list[str]) -> list[str]:
        """This extract's row from a person's truth row (see `TRUTH_COLUMNS`)."""
        return [truth_row[at] for at in self.picks]


EKTP = SourceSpec(
    "ektp.csv",
    ("nik", "name", "birth_place", "birth_date", "sex", "address", "address_rt", "address_rw", "village_code",
     "marital_status", "occupation"),
    Weighted([("name_spelling", 30), ("birth_date", 20), ("sex", 10), ("missing_from_source", 15),
              ("duplicated", 10), ("moved_village", 15)]),
)
KK = SourceSpec(
    "kk.csv",
    ("kk_number", "nik", "name", "relationship", "head_nik", "kk_issue_date", "address", "address_rt",
     "address_rw", "village_code"),
    Weighted([("name_spelling", 35), ("missing_from_source", 25), ("duplicated", 15), ("moved_village", 25)]),
)
WELFARE = SourceSpec(
    "welfare.csv",
    ("kk_number", "head_nik", "head_name", "village_code", "members", "decile"),
    Weighted([("name_spelling", 30), ("missing_from_source", 35), ("duplicated", 15), ("moved_village", 20)]),
    nik_field="head_nik",
    name_field="head_name",
)
SOURCES = (EKTP, KK, WELFARE)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def person_row(p: Person) -> list[str]:
    return [
        p.id, p.household_id, p.nik, p.kk_number, p.name, p.birth_place, p.birth_date.isoformat(), p.sex,
        p.marital_status, p.relationship, p.address, p.address_rt, p.address_rw, p.village_code, p.occupation,
        p.education, p.disability, str(p.monthly_income), _flag(p.pregnant), p.phone, _flag(p.moved_in),
    ]


def household_row(h: Household) -> list[str]:
    head = h.head
    return [
        h.id, h.kk_number, h.kk_issue_date.isoformat(), head.nik, head.name, h.village_code, h.address,
        h.address_rt, h.address_rw, str(len(h.members)), str(h.decile),
    ]


class CsvFile:
    """A CSV file written row by row under a temporary name; `line` is the last line written."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self._file = open(self.partial, "w", newline="", encoding="utf-8", buffering=1 << 20)
        self._writer = csv.writer(self._file, lineterminator="\n")
        self._writer.writerow(columns)
        self.line = 1

    def write(self, row: list[str]) -> int:
        self._writer.writerow(row)
        self.line += 1
        return self.line

    def finish(self) -> int:
        """Close and move into place; returns the size in bytes."""
        self._file.close()
        self.partial.replace(self.path)
        return self.path.stat().st_size

    def abandon(self) -> None:
        self._file.close()
        self.partial.unlink(missing_ok=True)


class SourceWriter:
    """An extract being written, with the faults file beside it.

    A duplicate is written some records after the row it copies, as a second registration
    would be; `write_later` holds it until then (a few hundred rows at most).
    """

    def __init__(self, spec: SourceSpec, out_dir: Path, faults: CsvFile):
        self.spec = spec
        self.file = CsvFile(out_dir / spec.file_name, spec.columns)
        self.faults = faults
        self.index = {name: at for at, name in enumerate(spec.columns)}
        self._later: list[tuple[int, int, list[str], object]] = []
        self._order = itertools.count()  # keeps the heap from ever comparing rows

    def write(self, row: list[str], fault=None) -> None:
        self._write_now(row, fault)
        while self._later and self._later[0][0] <= self.file.line:
            _, _, row, fault = heapq.heappop(self._later)
            self._write_now(row, fault)

    def write_later(self, row: list[str], fault, rows_later: int) -> None:
        heapq.heappush(self._later, (self.file.line + rows_later, next(self._order), row, fault))

    def leave_out(self, fault) -> None:
        """Record a row deliberately missing from this extract."""
        self.faults.write(fault.values())

    def finish(self) -> int:
        while self._later:
            _, _, row, fault = heapq.heappop(self._later)
            self._write_now(row, fault)
        return self.file.finish()

    def _write_now(self, row: list[str], fault) -> None:
        line = self.file.write(row)
        if fault is not None:
            fault.line = line
            self.faults.write(fault.values())
