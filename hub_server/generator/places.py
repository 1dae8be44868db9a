"""Addresses inside a village: hamlets (dusun) in a desa, streets in a kelurahan, and RT/RW.

RW (rukun warga) and RT (rukun tetangga) are neighbourhood units, written with three digits
("003") as on an e-KTP. In a desa each hamlet holds a run of RWs.
"""

from dataclasses import dataclass
from random import Random

from .regions import is_kelurahan

HAMLETS = """Krajan Sumberejo Karangrejo Sukorejo Sidomulyo Tegalrejo Ngadirejo Wonorejo Kebonsari Sumbersari
Gondang Ngemplak Jati Sawahan Dawuhan Bendungan Kedungsari Kalisari Tretes Genengan Kauman Banaran
Tambakrejo Sumberagung Rejosari Purwodadi Sidorejo Ngrawan Pandansari Gunungsari""".split()

STREETS = """Melati Mawar Kenanga Anggrek Flamboyan Diponegoro Sudirman Ahmad_Yani Gajah_Mada Hayam_Wuruk
Kartini Pahlawan Merdeka Pattimura Imam_Bonjol Veteran Raya Cempaka Teratai Mojopahit""".split()


@dataclass(slots=True, frozen=True)
class VillageLayout:
    """The neighbourhood units and place names of one village."""

    code: str
    rw_count: int
    rt_count: int
    places: tuple[str, ...]
    urban: bool

    @classmethod
    def make(cls, rng: Random, code: str) -> "VillageLayout":
        urban = is_kelurahan(code)
        rw_count = rng.randint(3, 12)
        names = STREETS if urban else HAMLETS
        places = tuple(name.replace("_", " ") for name in rng.sample(names, rng.randint(2, min(6, rw_count))))
        return cls(code, rw_count, rng.randint(3, 8), places, urban)

    def address(self, rng: Random) -> tuple[str, str, str]:
        """(street or hamlet, RT, RW) of one household."""
        rw = rng.randint(1, self.rw_count)
        rt = rng.randint(1, self.rt_count)
        if self.urban:
            street = f"Jl. {rng.choice(self.places)} No. {rng.randint(1, 150)}"
        else:
            street = f"Dusun {self.places[(rw - 1) * len(self.places) // self.rw_count]}"
        return street, f"{rt:03d}", f"{rw:03d}"
