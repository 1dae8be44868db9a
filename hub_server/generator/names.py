"""Javanese and Indonesian names, and the misspellings registries really contain.

Older Javanese often carry one name (Sutrisno, Painem); younger people two or three, mostly
Islamic or Sanskrit-derived given names followed by a family-style name (Dimas Saputra, Putri
Ayu Lestari). Names are title case in every file, so a difference is always a real one.
"""

from random import Random

from .draw import Weighted

OLD_MEN = """Slamet Sutrisno Suparman Sugeng Sumarno Paimin Wagiman Kusnadi Suyono Sunarto Sukirman
Supriyadi Sumadi Karto Mulyono Sarno Tukiran Ngatimin Poniman Giman Parjo Sutomo Bambang Hariyanto
Subagyo Suwarno Mujiono Tarno Rusdi Kasdi Misdi Ngadiman Sukardi Suroto Sumarji Jumadi Maryono
Sudarsono Suprapto Samsul Nurhadi Kasiman Katimin Legiman Wakidi Sudiro Suwito Wiji Darmaji Jumari
Sukadi Mariadi Purnomo Riyadi Sugiarto Triyono Harjono Sarmadi Rohmad Muhadi""".split()

OLD_WOMEN = """Sumiati Suparmi Sulastri Sri Tumini Painem Kasiyem Sumarni Suwarni Ngatini Tukinah Poniyem
Juminah Sarinah Wagiyem Suliyah Ngatiyem Kasmini Sumini Parmi Sutinah Katemi Mujiati Rukmini Sumirah
Warsini Kartini Sunarsih Marsini Rusmiati Ponirah Suyati Lasmi Tarmi Sukini Mesinem Satinah Misnah
Sulami Sumiyati Jariyah Munawaroh Khotimah Rohmah Muslikah Fatimah Aminah Maryam Juwariyah
Sholikah""".split()

YOUNG_MEN = """Muhammad Ahmad Moh Dimas Rizky Bayu Andi Eko Dwi Agus Budi Fajar Hendra Joko Arif Rudi
Yusuf Aditya Fikri Galih Ilham Reza Rangga Wahyu Teguh Yoga Adi Arya Bagus Danang Fauzan Hafiz Irfan
Kevin Lutfi Nanda Panji Rafi Satria Yudha Zainal Zidan Alif Bima Candra Deni Erik Ferry Gilang Hadi
Imam Khoirul Lukman Mochamad Nur Rahmat Rizal Syaiful Taufik Wisnu""".split()

MEN_FAMILY = """Pratama Saputra Setiawan Kurniawan Hidayat Santoso Wijaya Prasetyo Nugroho Firmansyah
Ramadhan Hakim Maulana Fauzi Syahputra Akbar Rizki Susanto Hermawan Gunawan Permana Darmawan
Wicaksono Prakoso Utomo Purnama Anwar Arifin Hasan Ridwan Sholeh Abdullah Iskandar Pamungkas
Mahendra Adiputra Putra Wibowo Hartono Effendi""".split()

YOUNG_WOMEN = """Putri Dewi Siti Nur Ayu Rina Dian Fitri Indah Wulan Anisa Nadia Rani Sinta Tika Yuni Lina
Eka Novi Intan Mega Ratna Diah Nurul Febri Aulia Zahra Salsabila Nabila Alya Citra Desi Erna Heni Ika
Laila Maya Nia Okta Puji Rahma Sari Tri Umi Vina Winda Yulia Zulaikha Khofifah Aisyah""".split()

WOMEN_FAMILY = """Lestari Rahayu Wulandari Handayani Safitri Anggraini Puspitasari Permatasari Maharani
Kusumawati Rahmawati Susanti Sari Utami Hidayati Kurniasih Fitriani Nurhayati Yuliani Ramadhani
Aprilia Oktaviani Febriani Novitasari Purwanti Setyaningsih Wahyuni Astuti Agustina Amalia Azzahra
Cahyani Damayanti Hapsari Indriani Kartika Larasati Mawarni Pertiwi Saputri""".split()

NAMES = {
    "M": (OLD_MEN, YOUNG_MEN, MEN_FAMILY),
    "F": (OLD_WOMEN, YOUNG_WOMEN, WOMEN_FAMILY),
}

# Name shapes by generation: "old" one old-style name, "given_old" a given name and an old-style
# one (Moh Sutrisno, Siti Aminah), "given_family" and "three" the modern shapes.
SHAPES_BY_BIRTH_YEAR = (
    (1965, Weighted([("old", 80), ("given_old", 20)])),
    (1985, Weighted([("old", 40), ("given_old", 40), ("given_family", 20)])),
    (9999, Weighted([("old", 8), ("given_family", 62), ("three", 30)])),
)

# Spelling variants clerks really write: pre-1972 spelling (oe for u, dj for j, tj for c) and
# the many ways of writing Muhammad and Ahmad.
VARIANTS = (
    ("Muhammad", "Muhamad"), ("Muhammad", "Mohammad"), ("Muhammad", "Moch"), ("Mochamad", "Mochammad"),
    ("Ahmad", "Achmad"), ("Moh", "Moch"), ("Siti", "Sitti"), ("Nur", "Noer"), ("Khoirul", "Choirul"),
    ("u", "oe"), ("j", "dj"), ("c", "tj"), ("kh", "ch"), ("dh", "d"), ("f", "p"), ("y", "i"),
    ("Fitri", "Pitri"), ("Fatimah", "Patimah"), ("Zainal", "Jainal"),
)

KEYBOARD_NEIGHBOURS = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
    "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "w", "r": "et",
    "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}


def person_name(rng: Random, sex: str, birth_year: int) -> str:
    old, given, family = NAMES[sex]
    shape = next(shapes for last_year, shapes in SHAPES_BY_BIRTH_YEAR if birth_year < last_year).pick(rng)
    if shape == "old":
        return rng.choice(old)
    if shape == "given_old":
        return f"{rng.choice(given)} {rng.choice(old)}"
    if shape == "given_family":
        return f"{rng.choice(given)} {rng.choice(family)}"
    return f"{rng.choice(given)} {rng.choice(given)} {rng.choice(family)}"


def name_variant(rng: Random, name: str) -> str:
    """The name as a clerk might have written it: a known variant, else a one-letter typo."""
    known = [(old, new) for old, new in VARIANTS if old in name]
    if known and rng.random() < 0.6:
        old, new = rng.choice(known)
        return name.replace(old, new, 1)
    return typo(rng, name)


def typo(rng: Random, name: str) -> str:
    """One slip of the keyboard: a letter dropped, doubled, swapped with the next, or mistyped."""
    while True:
        at = rng.randrange(1, len(name))
        letter = name[at]
        if not (letter.isalpha() and name[at - 1].isalpha()):  # a word's first letter is rarely mistyped
            continue
        slip = rng.randrange(4)
        if slip == 0 and len(name) > 4:
            changed = name[:at] + name[at + 1:]
        elif slip == 1:
            changed = name[:at] + letter + name[at:]
        elif slip == 2 and at + 1 < len(name) and name[at + 1].isalpha():
            changed = name[:at] + name[at + 1] + letter + name[at + 2:]
        else:
            mistyped = rng.choice(KEYBOARD_NEIGHBOURS.get(letter.lower(), "a"))
            changed = name[:at] + (mistyped.upper() if letter.isupper() else mistyped) + name[at + 1:]
        if changed != name:
            return changed
