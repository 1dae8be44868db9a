"""Weighted draws from a seeded `random.Random`, with one `random()` call each."""

from bisect import bisect_right
from itertools import accumulate
from random import Random


class Weighted:
    """A fixed weighted choice among values.

    `Random.choices` rebuilds its cumulative weights on every call; this keeps them, which
    matters when millions of people are drawn.
    """

    __slots__ = ("values", "_cumulative", "_total")

    def __init__(self, pairs):
        values, weights = zip(*pairs, strict=True)
        self.values = values
        self._cumulative = list(accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: Random):
        return self.values[bisect_right(self._cumulative, rng.random() * self._total)]


class AgeBands:
    """Ages drawn from weighted five-year bands, uniform within a band."""

    __slots__ = ("_bands", "_width")

    def __init__(self, first_age: int, weights, width: int = 5):
        self._bands = Weighted((first_age + i * width, weight) for i, weight in enumerate(weights))
        self._width = width

    def pick(self, rng: Random) -> int:
        return self._bands.pick(rng) + int(rng.random() * self._width)
