"""Loading people from a CSV file (sub-district data entry for villages that cannot do it).

Each row is a person, with the columns of the person record (`name`, `nik`, `birth_date`, `sex`,
`village_code`, ...). Rows sharing a `kk_number` become one household, registered together with
its head (`relationship` = head, else the first row) unless the laptop already holds a household
with that KK number, which the people then join. Every row is validated through `records` once, as it is
read (again only when a member takes a value from its head); each bad
row is reported with its line, field and rule and the good rows are loaded, all in one transaction: a
process killed halfway leaves none of the file loaded, so loading it again duplicates nothing. A header
with unknown columns loads nothing: the file is in the wrong layout.
"""

import csv
import io
from dataclasses import dataclass, field

from village_client import records
from village_client.fieldrules import LocalError

HOUSEHOLD_FROM_HEAD = ("kk_number", "address_rt", "address_rw", "village_code")


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    rule: str
    message: str


@dataclass
class ImportReport:
    loaded: int = 0
    households: int = 0
    errors: list = field(default_factory=list)

    def add(self, line: int, errors, lang: str) -> None:
        self.errors.extend(RowError(line, e.field, e.rule, e.message(lang)) for e in errors)


def import_people(store, officer, text: str, lang: str = "id") -> ImportReport:
    """Validate and load the rows of a CSV text; return what was loaded and each row's errors."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    report = ImportReport()
    unknown = [name for name in reader.fieldnames or [] if name not in records.fields_of("person")]
    if unknown or not reader.fieldnames:
        report.add(1, [LocalError(", ".join(unknown) or "header", "csv_header", {"columns": ", ".join(unknown)})], lang)
        return report
    groups = {}
    for row in reader:
        values = {name: value for name, value in row.items() if name is not None and value not in (None, "")}
        undecodable = [name for name, value in values.items() if isinstance(value, str) and _not_utf8(value)]
        if undecodable:  # this row's bytes were not UTF-8: left out naming it, the others load
            report.add(reader.line_num, [LocalError(name, "not_utf8") for name in undecodable], lang)
            continue
        try:
            clean = records.validate("person", values)
        except records.InvalidRecord as invalid:
            report.add(reader.line_num, invalid.errors, lang)
            continue
        groups.setdefault(clean.get("kk_number") or f"line-{reader.line_num}", []).append((reader.line_num, clean))
    # One transaction (one flush of the disk) for the whole file; a household refused is left out alone.
    with store.transaction():
        held = _held_households(store, [key for key in groups if not key.startswith("line-")])
        new_households = []
        for key, rows in groups.items():
            if key in held or key.startswith("line-"):
                _load_people(store, officer, rows, held.get(key), report, lang)
            elif (checked := _checked_household(rows, report, lang)) is not None:
                new_households.append((rows, *checked))
        saved = records.save_households(store, officer, [(household, members) for _, household, members
                                                         in new_households])
        for (rows, _, _), result in zip(new_households, saved, strict=True):
            if isinstance(result, records.InvalidRecord):
                report.add(rows[0][0], result.errors, lang)
            else:
                report.households += 1
                report.loaded += len(rows)
    return report


def read_file(path) -> str:
    """A CSV file's text; bytes that are not UTF-8 are kept as surrogate escapes, for their row to be refused."""
    return path.read_bytes().decode("utf-8", "surrogateescape")


def _not_utf8(value: str) -> bool:
    """A byte of the file that was not UTF-8 (a surrogate escape); `isascii` answers for nearly every value in C."""
    return not value.isascii() and any("\udc80" <= char <= "\udcff" for char in value)


def _carries(member: dict, household: dict) -> bool:
    """Whether a checked row has its own value for each of the household's values, so that registering the
    household gives it none (`records.check_household` fills only what a member leaves empty)."""
    return all(member.get(name) is not None for name, value in household.items() if value not in (None, ""))


def _held_households(store, kk_numbers: list) -> dict:
    """{KK number: household id} of the file's KK numbers the laptop already holds."""
    held = {}
    for start in range(0, len(kk_numbers), 900):
        part = kk_numbers[start:start + 900]
        marks = ", ".join("?" * len(part))
        held |= dict(store.db.execute(f"SELECT kk_number, id FROM household WHERE kk_number IN ({marks})", part))
    return held


def _checked_household(rows: list, report: ImportReport, lang: str) -> tuple | None:
    """(clean household, [clean members], its head first) of a new household's rows; None, with why reported,
    when it is refused (a member taking a value from the head is checked again with it)."""
    head = next((clean for _, clean in rows if clean.get("relationship") == "head"), rows[0][1])
    household = {name: head.get(name) for name in HOUSEHOLD_FROM_HEAD}
    members = [head] + [clean for _, clean in rows if clean is not head]
    try:
        if all(_carries(member, household) for member in members):  # each row already checked as it is
            return records.validate("household", household), members
        return records.check_household(household, members)
    except records.InvalidRecord as invalid:
        report.add(rows[0][0], invalid.errors, lang)
        return None


def _load_people(store, officer, rows: list, household_id: str | None, report: ImportReport, lang: str) -> None:
    """People joining a household the laptop holds (or rows without a KK number), each its own change-set; all of
    them or none."""
    refused_line = rows[0][0]
    try:
        with store.transaction():  # nested in the file's transaction
            for number, clean in rows:
                refused_line = number
                records.save_new(store, officer, "person", {**clean, "household_id": household_id} if household_id
                                 else clean)
    except records.InvalidRecord as invalid:
        report.add(refused_line, invalid.errors, lang)
        return
    report.loaded += len(rows)
