"""What a generation run made, for people to read."""

from dataclasses import dataclass, field
from pathlib import Path

from .dates import REFERENCE_DATE


@dataclass
class GenerationSummary:
    """Counts, files and faults of one generated district; `describe()` puts them in a few lines."""

    out_dir: Path
    regency_code: str
    regency_name: str
    seed: int
    people: int = 0
    households: int = 0
    sub_districts: int = 0
    villages: int = 0
    moved_in: int = 0
    source_records: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def faults_planted(self) -> int:
        return sum(self.faults.values())

    def describe(self) -> str:
        lines = [
            f"{self.regency_name} ({self.regency_code}), seed {self.seed}, ages as on {REFERENCE_DATE.isoformat()}",
            f"  {self.people:,} people in {self.households:,} households, {self.sub_districts} sub-districts, "
            f"{self.villages} villages; {_share(self.moved_in, self.people)} hold an NIK issued elsewhere",
            f"  files in {self.out_dir}:",
            *(f"    {name:<15}{human_size(size):>10}" for name, size in self.files.items()),
            f"  faults planted: {self.faults_planted:,} in {self.source_records:,} source records "
            f"({_share(self.faults_planted, self.source_records)})",
            *(f"    {kind:<21}{count:>8,}" for kind, count in sorted(self.faults.items())),
            f"  took {self.seconds:.1f} s ({self.people / max(self.seconds, 1e-9):,.0f} people/s)",
        ]
        return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


def human_size(size: int) -> str:
    """Bytes in decimal units: 812 B, 1.2 kB, 34.5 MB, 1.23 GB."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.{2 if unit == 'GB' else 1}f} {unit}"
    return f"{size} B"
