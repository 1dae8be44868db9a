"""A synthetic district to develop and measure against: people, households and source extracts.

`generate_district(out_dir, people=...)` writes the CSV files (see `sources` for their columns
and `faults` for the planted errors); `iter_households(people=...)` yields the same households
in memory, without files. Both are deterministic for a seed.
"""

from .district import generate_district
from .households import Household, Person
from .population import iter_households
from .regions import UnknownRegency
from .summary import GenerationSummary

__all__ = ["GenerationSummary", "Household", "Person", "UnknownRegency", "generate_district", "iter_households"]
