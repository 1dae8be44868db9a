"""People and households of a synthetic district, and the maker that gives them names and numbers."""

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from random import Random

from . import traits
from .composition import Member, sketch_household
from .dates import ONE_DAY, REFERENCE_DATE, birth_date_at_age, random_day
from .draw import Weighted
from .identity import NumberIssuer
from .names import person_name
from .places import VillageLayout
from .regions import MoverOrigins, Regency, region6

# Share of people whose NIK was issued outside the sub-district they live in. Marriage moves
# wives more than husbands; most children were born where they live.
MOVED_IN_BY_RELATIONSHIP = {"head": 0.08, "spouse": 0.14, "child": 0.025, "parent": 0.10}

# Family card numbers in today's national form start with the population registry of 2005.
KK_FIRST_ISSUE = date(2005, 1, 1)

# Upper bounds of monthly income per household member (rupiah) for welfare deciles 1 to 9. The
# deciles are national, so a rural district holds more of the lower ones: about 12% of the
# generated households fall in desil 1 and 7% in desil 10. The registry's ranking also weighs
# assets and housing, which the noise stands for.
DECILE_CEILINGS = (
    280_000, 560_000, 780_000, 1_020_000, 1_260_000, 1_540_000, 1_910_000, 2_420_000, 3_260_000,
)
DECILE_NOISE = Weighted([(-1, 1), (0, 3), (1, 1)])


@dataclass(slots=True)
class Person:
    """A resident as the ground truth knows them; `moved_in` means the NIK names another sub-district."""

    id: str
    household_id: str
    nik: str
    kk_number: str
    name: str
    birth_place: str
    birth_date: date
    sex: str
    marital_status: str
    relationship: str
    address: str
    address_rt: str
    address_rw: str
    village_code: str
    occupation: str
    education: str
    disability: str
    monthly_income: int
    pregnant: bool
    phone: str
    moved_in: bool


@dataclass(slots=True)
class Household:
    """A family card's household: its head comes first in `members`."""

    id: str
    kk_number: str
    kk_issue_date: date
    village_code: str
    address: str
    address_rt: str
    address_rw: str
    decile: int
    members: list[Person]

    @property
    def head(self) -> Person:
        return self.members[0]


@dataclass(slots=True, frozen=True)
class Home:
    """Where a household lives and the numbers its members share."""

    household_id: str
    kk_number: str
    address: str
    address_rt: str
    address_rw: str
    village_code: str
    sub_district: str


class HouseholdMaker:
    """Makes households village by village, one sub-district at a time, from one seeded random stream."""

    def __init__(self, rng: Random, regency: Regency):
        self.rng = rng
        self.regency = regency
        self.origins = MoverOrigins(regency)
        self.numbers = NumberIssuer()
        self.people_made = 0
        self.households_made = 0

    def start_sub_district(self) -> None:
        self.numbers.start_sub_district()

    def village(self, village_code: str, people: int) -> Iterator[Household]:
        """Households of one village holding exactly `people` people (the last one cut to fit)."""
        layout = VillageLayout.make(self.rng, village_code)
        while people > 0:
            household = self.household(layout, people)
            people -= len(household.members)
            yield household

    def household(self, layout: VillageLayout, max_size: int) -> Household:
        rng = self.rng
        sketch = sketch_household(rng)[:max_size]
        births = [birth_date_at_age(rng, member.age) for member in sketch]
        issued = random_day(rng, max(max(births), KK_FIRST_ISSUE), REFERENCE_DATE - ONE_DAY)
        sub_district = layout.code.rsplit(".", 1)[0]
        self.households_made += 1
        home = Home(f"gen-hh-{self.households_made}", self.numbers.kk(region6(sub_district), issued),
                    *layout.address(rng), layout.code, sub_district)
        members = [self._person(member, birth, home) for member, birth in zip(sketch, births, strict=True)]
        return Household(home.household_id, home.kk_number, issued, home.village_code, home.address,
                         home.address_rt, home.address_rw, _welfare_decile(rng, members), members)

    def _person(self, member: Member, birth: date, home: Home) -> Person:
        rng = self.rng
        moved_in = rng.random() < MOVED_IN_BY_RELATIONSHIP[member.relationship]
        if moved_in:
            issued_in, birth_place = self.origins.pick(rng, home.sub_district)
        else:
            issued_in, birth_place = home.sub_district, self.regency.place
        schooling = traits.education(rng, member.age, birth.year)
        work = traits.occupation(rng, member.age, member.sex, schooling)
        self.people_made += 1
        return Person(
            f"gen-{self.people_made}", home.household_id,
            self.numbers.nik(region6(issued_in), birth, member.sex, moved_in=moved_in), home.kk_number,
            person_name(rng, member.sex, birth.year), birth_place, birth, member.sex, member.marital_status,
            member.relationship, home.address, home.address_rt, home.address_rw, home.village_code,
            work, schooling, traits.disability(rng, member.age), traits.monthly_income(rng, work),
            traits.pregnant(rng, member.sex, member.age, member.marital_status), traits.phone(rng, member.age),
            moved_in,
        )


def _welfare_decile(rng: Random, members: list[Person]) -> int:
    """Desil 1 (poorest) to 10, from income per member with a step of noise either way."""
    per_member = sum(person.monthly_income for person in members) / len(members)
    decile = bisect_right(DECILE_CEILINGS, per_member) + 1 + DECILE_NOISE.pick(rng)
    return min(10, max(1, decile))
