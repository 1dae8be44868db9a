"""Unique, structurally valid NIK and family card (KK) numbers.

NIK: PP KK CC DDMMYY SSSS -- province, regency, sub-district of issue, birth date (day + 40 for
women), serial from 0001. KK: PP KK CC DDMMYY SSSS -- the household's sub-district, the card's
issue date, serial from 0001.

A serial only has to be unique among numbers with the same first twelve digits. The generator
makes a whole sub-district before the next one, so the counters for numbers issued in the
current sub-district are dropped when it moves on: those twelve-digit prefixes cannot occur
again. NIKs of people who moved in carry another sub-district's code; their serials count from
`MOVED_IN_FIRST_SERIAL` in counters kept for the whole run (a few percent of the people), so
they never meet a local serial. Memory stays bounded by one sub-district, not the district.
"""

from datetime import date

from .dates import ddmmyy

LOCAL_FIRST_SERIAL = 1
MOVED_IN_FIRST_SERIAL = 5001
LAST_SERIAL = 9999


class SerialsExhausted(RuntimeError):
    """More numbers were asked for one twelve-digit prefix than four serial digits allow."""


class NumberIssuer:
    """Hands out NIK and KK numbers for one regency, one sub-district at a time."""

    def __init__(self):
        self._local: dict[str, int] = {}
        self._moved_in: dict[str, int] = {}
        self._cards: dict[str, int] = {}

    def start_sub_district(self) -> None:
        """Forget the counters of the previous sub-district: its prefixes cannot recur."""
        self._local.clear()
        self._cards.clear()

    def nik(self, region6: str, birth: date, sex: str, *, moved_in: bool) -> str:
        """A new NIK issued in sub-district `region6` ("350701") for someone born on `birth`."""
        prefix = region6 + ddmmyy(birth, 40 if sex == "F" else 0)
        if moved_in:
            return prefix + self._next(self._moved_in, prefix, MOVED_IN_FIRST_SERIAL, LAST_SERIAL)
        return prefix + self._next(self._local, prefix, LOCAL_FIRST_SERIAL, MOVED_IN_FIRST_SERIAL - 1)

    def kk(self, region6: str, issued: date) -> str:
        """A new family card number issued in sub-district `region6` on `issued`."""
        prefix = region6 + ddmmyy(issued)
        return prefix + self._next(self._cards, prefix, LOCAL_FIRST_SERIAL, LAST_SERIAL)

    @staticmethod
    def _next(counters: dict[str, int], prefix: str, first: int, last: int) -> str:
        serial = counters.get(prefix, first)
        if serial > last:
            raise SerialsExhausted(f"more than {last - first + 1} numbers start with {prefix}")
        counters[prefix] = serial + 1
        return f"{serial:04d}"
