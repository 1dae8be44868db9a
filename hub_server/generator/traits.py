"""What a person learned, does, earns and carries: education, occupation, income, disability,
phone, pregnancy.

Codes are those of `schemas.choices` (the one vocabulary of the project); the importers map the
source databases' Indonesian categories (PETANI/PEKEBUN, BURUH TANI, MENGURUS RUMAH TANGGA...) onto them.
"""

from random import Random

from .draw import Weighted

# Schooling spread over the generations: most people born before 1960 finished primary school
# at best, most born after 2000 went to senior secondary school.
EDUCATION_BY_BIRTH_YEAR = (
    (1960, Weighted([("none", 25), ("primary", 50), ("junior_secondary", 12), ("senior_secondary", 10),
                     ("diploma_3", 1), ("bachelor", 2)])),
    (1980, Weighted([("none", 8), ("primary", 42), ("junior_secondary", 22), ("senior_secondary", 20),
                     ("diploma_3", 3), ("bachelor", 5)])),
    (2000, Weighted([("none", 2), ("primary", 20), ("junior_secondary", 28), ("senior_secondary", 37),
                     ("diploma_3", 4), ("bachelor", 8), ("master", 1)])),
    (9999, Weighted([("none", 1), ("primary", 8), ("junior_secondary", 25), ("senior_secondary", 50),
                     ("diploma_3", 4), ("bachelor", 12)])),
)
HIGHER_EDUCATION = frozenset({"diploma_3", "bachelor", "master"})

WORK = {
    ("M", False): Weighted([
        ("farmer", 26), ("farm_labourer", 17), ("trader", 9), ("labourer", 9), ("labourer", 8),
        ("self_employed", 8), ("private_employee", 6), ("self_employed", 4), ("fisher", 1.5), ("civil_servant", 1),
        ("not_working", 6),
    ]),
    ("M", True): Weighted([
        ("civil_servant", 18), ("private_employee", 39), ("self_employed", 14), ("trader", 10), ("farmer", 8),
        ("labourer", 5), ("not_working", 6),
    ]),
    ("F", False): Weighted([
        ("housekeeping", 42), ("farmer", 11), ("farm_labourer", 12), ("trader", 12), ("labourer", 8),
        ("self_employed", 5), ("private_employee", 3), ("domestic_worker", 3), ("not_working", 4),
    ]),
    ("F", True): Weighted([
        ("private_employee", 45), ("civil_servant", 12), ("housekeeping", 20), ("trader", 8), ("self_employed", 7),
        ("not_working", 8),
    ]),
}
ELDERLY_WORK = Weighted([
    ("not_working", 45), ("farmer", 25), ("farm_labourer", 8), ("trader", 7), ("retired", 10), ("self_employed", 5),
])

# Median monthly earnings in rupiah; the minimum wage of Kabupaten Malang is about 3.5 million.
MEDIAN_INCOME = {
    "farmer": 1_500_000, "farm_labourer": 1_100_000, "trader": 2_200_000, "labourer": 2_800_000,
    "self_employed": 2_700_000, "private_employee": 3_400_000, "fisher": 1_800_000, "civil_servant": 5_200_000,
    "domestic_worker": 1_200_000, "retired": 2_500_000,
}
SIDE_INCOME = 600_000  # some housewives sell snacks or sew at home

DISABILITIES = Weighted([
    ("physical", 35), ("visual", 20), ("hearing", 15), ("intellectual", 10), ("mental", 10), ("multiple", 10),
])
DISABILITY_BY_AGE = ((18, 0.01), (60, 0.02), (75, 0.08), (999, 0.18))

PREGNANCY_BY_AGE = ((15, 0.0), (20, 0.09), (30, 0.12), (35, 0.08), (40, 0.05), (45, 0.02), (50, 0.005))

PHONE_PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0851", "0852", "0853", "0814", "0815", "0816", "0855", "0856",
    "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0895", "0896", "0897", "0898", "0899",
    "0831", "0832", "0833", "0838",
)
PHONE_BY_AGE = ((13, 0.0), (17, 0.35), (65, 0.78), (999, 0.3))


def _by_age(table, age: int):
    return next(value for below, value in table if age < below)


def education(rng: Random, age: int, birth_year: int) -> str:
    """The highest school level reached; children are at the level their age puts them in."""
    if age < 7:
        return "none"
    if age < 13:
        return "primary"
    if age < 16:
        return "junior_secondary"
    if age < 19:
        return "senior_secondary" if rng.random() < 0.8 else "junior_secondary"
    return _by_age(EDUCATION_BY_BIRTH_YEAR, birth_year).pick(rng)


def occupation(rng: Random, age: int, sex: str, schooling: str) -> str:
    if age < 7:
        return "student" if age >= 5 and rng.random() < 0.5 else "not_working"
    if age < 16 or (age < 19 and rng.random() < 0.8) or (age < 23 and rng.random() < 0.2):
        return "student"
    if age >= 65:
        return ELDERLY_WORK.pick(rng)
    return WORK[sex, schooling in HIGHER_EDUCATION].pick(rng)


def monthly_income(rng: Random, work: str) -> int:
    """Rupiah a month, rounded to ten thousand: log-normal around the occupation's median."""
    median = MEDIAN_INCOME.get(work)
    if median is None:
        if work != "housekeeping" or rng.random() >= 0.12:
            return 0
        median = SIDE_INCOME
    return max(100_000, int(round(median * rng.lognormvariate(0, 0.55), -4)))


def disability(rng: Random, age: int) -> str:
    return DISABILITIES.pick(rng) if rng.random() < _by_age(DISABILITY_BY_AGE, age) else "none"


def pregnant(rng: Random, sex: str, age: int, marital_status: str) -> bool:
    if sex != "F" or marital_status != "married" or age >= 50:
        return False
    return rng.random() < _by_age(PREGNANCY_BY_AGE, age)


def phone(rng: Random, age: int) -> str:
    """A mobile number for most adults, "" for the rest."""
    if rng.random() >= _by_age(PHONE_BY_AGE, age):
        return ""
    return rng.choice(PHONE_PREFIXES) + str(rng.randrange(10_000_000, 100_000_000))
