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
    # One transaction (one flush of the disk) for the whole file; a household refused rolls back alone.
    with store.transaction():
        for rows in groups.values():
            _load_group(store, officer, rows, report, lang)
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


def _load_group(store, officer, rows: list, report: ImportReport, lang: str) -> None:
    kk_number = rows[0][1].get("kk_number")
    existing = store.db.execute("SELECT id FROM household WHERE kk_number = ?", [kk_number]).fetchone() \
        if kk_number else None
    refused_line = rows[0][0]  # where an error is reported: the household's first line, or the member refused
    try:
        with store.transaction():  # nested in the file's transaction: a household is loaded whole or not at all
            if kk_number and not existing:
                head = next((clean for _, clean in rows if clean.get("relationship") == "head"), rows[0][1])
                household = {name: head.get(name) for name in HOUSEHOLD_FROM_HEAD}
                members = [head] + [clean for _, clean in rows if clean is not head]
                if all(_carries(member, household) for member in members):  # each row already checked as it is
                    records.save_household(store, officer, records.validate("household", household), members)
                else:  # a member takes a value from the head: checked again with it
                    records.register_household(store, officer, household, members)
                report.households += 1
            else:
                for number, clean in rows:
                    refused_line = number
                    records.save_new(store, officer, "person", {**clean, "household_id": existing[0]} if existing
                                     else clean)
    except records.InvalidRecord as invalid:
        report.add(refused_line, invalid.errors, lang)
        return
    report.loaded += len(rows)
