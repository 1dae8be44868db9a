"""The population of a regency, household by household, in region-code order.

Villages get a share of the people by a random weight (kelurahan, being towns, weigh more), so
every run with the same seed and size spreads people the same way. Households are made a whole
sub-district at a time, which is what keeps NIK numbering in bounded memory (see `identity`).
"""

from collections.abc import Iterator
from random import Random

from .households import Household, HouseholdMaker
from .regions import Regency, is_kelurahan, load_regency

URBAN_WEIGHT = 1.6


def village_sizes(rng: Random, regency: Regency, people: int) -> dict[str, int]:
    """How many people live in each village (code -> count), summing to `people` exactly."""
    codes = [code for sub_district, _ in regency.sub_districts for code, _ in regency.villages[sub_district]]
    weights = [rng.lognormvariate(0, 0.45) * (URBAN_WEIGHT if is_kelurahan(code) else 1) for code in codes]
    return dict(zip(codes, apportion(people, weights), strict=True))


def apportion(total: int, weights: list[float]) -> list[int]:
    """Whole shares of `total` in proportion to `weights`, by largest remainder (ties to the first)."""
    scale = total / sum(weights)
    exact = [weight * scale for weight in weights]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def iter_households(*, people: int, regency: str = "35.07", seed: int = 1) -> Iterator[Household]:
    """Every household of a synthetic regency of `people` people; the same seed gives the same ones.

    Raises `UnknownRegency` when `regency` is not a Kemendagri regency or city code.
    """
    found = load_regency(regency)
    rng = Random(seed)
    sizes = village_sizes(rng, found, people)
    maker = HouseholdMaker(rng, found)
    for sub_district, _ in found.sub_districts:
        maker.start_sub_district()
        for village, _ in found.villages[sub_district]:
            yield from maker.village(village, sizes[village])
