"""Exponential backoff with full jitter: waits grow while the hub does not answer, and laptops that
lost the hub at the same moment do not all come back at the same second."""

import random


def backoff_delay(attempt: int, base: float, cap: float, rng=random.random) -> float:
    """Seconds to wait before try `attempt + 1` (attempt 0 is the first retry): uniform in [0, min(cap, base*2^n)],
    never below base/2 so a loop can't spin."""
    ceiling = min(cap, base * (2 ** min(attempt, 30)))
    return max(base / 2, ceiling * rng())
