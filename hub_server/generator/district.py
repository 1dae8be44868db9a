"""Generate a synthetic district into a folder: ground truth, source extracts and their faults.

Households stream from `iter_households` straight into the files, so memory stays flat whatever
the size; Kabupaten Malang's 2.7 million people take a few minutes (see docs/performance.md).
"""

import time
from pathlib import Path
from random import Random

from .faults import FaultPlanter
from .households import Household
from .population import iter_households
from .regions import load_regency
from .sources import (
    EKTP,
    FAULT_COLUMNS,
    HOUSEHOLD_COLUMNS,
    KK,
    PEOPLE_COLUMNS,
    WELFARE,
    CsvFile,
    SourceWriter,
    household_row,
    person_row,
)
from .summary import GenerationSummary


class DistrictFiles:
    """The six CSV files of a district, moved into place only when all are complete."""

    def __init__(self, out_dir: Path):
        self.people = CsvFile(out_dir / "people.csv", PEOPLE_COLUMNS)
        self.households = CsvFile(out_dir / "households.csv", HOUSEHOLD_COLUMNS)
        self.faults = CsvFile(out_dir / "faults.csv", FAULT_COLUMNS)
        self.ektp, self.kk, self.welfare = (SourceWriter(spec, out_dir, self.faults) for spec in (EKTP, KK, WELFARE))

    def write(self, household: Household, planter: FaultPlanter) -> None:
        household_values = household_row(household)
        self.households.write(household_values)
        truths = []
        for person in household.members:
            person_values = person_row(person)
            self.people.write(person_values)
            truths.append(person_values + household_values)
            planter.emit(self.ektp, truths[-1])
            planter.emit(self.kk, truths[-1])
        planter.emit(self.welfare, truths[0])  # one row per household, cut from the head's

    def finish(self) -> dict[str, int]:
        """Close every file and move it into place; returns file name -> size in bytes."""
        sources = [(writer.file.path.name, writer.finish()) for writer in (self.ektp, self.kk, self.welfare)]
        truth = [(file.path.name, file.finish()) for file in (self.people, self.households, self.faults)]
        return dict(truth[:2] + sources + truth[2:])

    def abandon(self) -> None:
        for file in (self.people, self.households, self.faults, self.ektp.file, self.kk.file, self.welfare.file):
            file.abandon()


def generate_district(out_dir: Path, *, people: int, regency: str = "35.07", seed: int = 1,
                      fault_rate: float = 0.02) -> GenerationSummary:
    """Write a synthetic district of `people` people into `out_dir` and say what was made.

    The same arguments give byte-identical files. Raises `UnknownRegency` for a code that is not
    a regency or city, and `ValueError` when `people` is below 1 or `fault_rate` outside 0 to 1.
    """
    if people < 1 or not 0 <= fault_rate <= 1:
        raise ValueError(f"need people >= 1 and 0 <= fault_rate <= 1, got {people} and {fault_rate}")
    started = time.perf_counter()
    found = load_regency(regency)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = GenerationSummary(out_dir, found.code, found.name, seed)
    # Faults draw from their own stream, so the population is the same at every fault rate.
    planter = FaultPlanter(Random(f"faults:{seed}"), fault_rate, found)
    files = DistrictFiles(out_dir)
    try:
        villages = _write_households(files, planter, iter_households(people=people, regency=regency, seed=seed),
                                     summary)
    except BaseException:
        files.abandon()
        raise
    summary.files = files.finish()
    summary.people, summary.villages = people, len(villages)
    summary.sub_districts = len({code.rsplit(".", 1)[0] for code in villages})
    summary.source_records, summary.faults = planter.records, dict(planter.planted)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_households(files: DistrictFiles, planter: FaultPlanter, households, summary: GenerationSummary) -> set:
    """Write every household, counting them into `summary`; returns the codes of villages with people."""
    villages = set()
    for household in households:
        files.write(household, planter)
        villages.add(household.village_code)
        summary.households += 1
        summary.moved_in += sum(person.moved_in for person in household.members)
    return villages
