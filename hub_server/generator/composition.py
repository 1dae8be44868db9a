"""Who lives in a household: relationships, sexes, ages and marital status.

A household starts from its head's age; the head's age decides the kind of household (young
couples, families with children, empty nests, widows living alone, three generations). Children
are born to the mother from about 19, two to six years apart, and leave home between 20 and 30.
The weights are tuned so that the population follows Indonesia's age pyramid (about a quarter
under 15, under a tenth 65 or over) in households of about 3.25 people.
"""

from dataclasses import dataclass
from functools import partial
from random import Random

from .dates import OLDEST_AGE
from .draw import AgeBands, Weighted

# Heads' ages in five-year bands from 20 to 94.
HEAD_AGES = AgeBands(20, [5, 10, 12, 12, 11, 10, 9, 8, 7, 5, 3, 2, 0.8, 0.3, 0.1])

KINDS_BY_HEAD_AGE = (
    (30, Weighted([("single", 8), ("couple", 16), ("nuclear", 56), ("single_parent", 3), ("extended", 17)])),
    (60, Weighted([("single", 3), ("couple", 4), ("nuclear", 67), ("single_parent", 8), ("extended", 18)])),
    (OLDEST_AGE + 1, Weighted([("single", 18), ("couple", 34), ("nuclear", 36), ("single_parent", 12)])),
)

CHILDREN_EVER_BORN = Weighted([(0, 5), (1, 14), (2, 33), (3, 26), (4, 13), (5, 6), (6, 3)])

ADULT = 18


@dataclass(slots=True)
class Member:
    """A household member before they have a name and numbers."""

    relationship: str
    sex: str
    age: int
    marital_status: str


def sketch_household(rng: Random) -> list[Member]:
    """The members of one household, head first, then spouse, children (eldest first), parents."""
    head_age = HEAD_AGES.pick(rng)
    kinds = next(kinds for below, kinds in KINDS_BY_HEAD_AGE if head_age < below)
    return COMPOSERS[kinds.pick(rng)](rng, head_age)


def _single(rng: Random, age: int) -> list[Member]:
    # Most people over 60 who live alone are widows.
    sex = "F" if rng.random() < (0.75 if age >= 60 else 0.4) else "M"
    if age < 30:
        status = "single"
    else:
        status = "widowed" if rng.random() < min(0.9, age / 80) else rng.choice(("single", "divorced"))
    return [Member("head", sex, age, status)]


def _couple(rng: Random, age: int, *, with_children: bool = False, with_parents: bool = False) -> list[Member]:
    wife_age = _wife_age(rng, age)
    members = [Member("head", "M", age, "married"), Member("spouse", "F", wife_age, "married")]
    if with_children:
        members += _children(rng, wife_age)
    if with_parents:
        members += _parents(rng, age)
    return members


def _single_parent(rng: Random, age: int) -> list[Member]:
    sex = "F" if rng.random() < 0.8 else "M"
    status = "widowed" if rng.random() < 0.3 + age / 150 else "divorced"
    mother_age = age if sex == "F" else _wife_age(rng, age)
    return [Member("head", sex, age, status), *_children(rng, mother_age)]


def _wife_age(rng: Random, husband_age: int) -> int:
    gap = round(rng.triangular(-3, 12, 3))
    return min(OLDEST_AGE, max(ADULT, husband_age - gap))


def _children(rng: Random, mother_age: int) -> list[Member]:
    children = []
    age_at_birth = rng.randint(19, 28)
    for _ in range(CHILDREN_EVER_BORN.pick(rng)):
        if age_at_birth > min(mother_age, 44):
            break
        age = mother_age - age_at_birth
        if age < rng.randint(20, 30):  # older children have married or gone to work elsewhere
            children.append(Member("child", "M" if rng.random() < 0.51 else "F", age, "single"))
        age_at_birth += rng.randint(2, 6)
    return children


def _parents(rng: Random, child_age: int) -> list[Member]:
    age = child_age + rng.randint(20, 35)
    if age > OLDEST_AGE:
        return []
    if rng.random() < 0.25:
        father_age = min(OLDEST_AGE, age + rng.randint(0, 6))
        return [Member("parent", "M", father_age, "married"), Member("parent", "F", age, "married")]
    # Widows outlive widowers, so a lone grandparent is usually a grandmother.
    return [Member("parent", "F" if rng.random() < 0.7 else "M", age, "widowed")]


COMPOSERS = {
    "single": _single,
    "couple": _couple,
    "nuclear": partial(_couple, with_children=True),
    "extended": partial(_couple, with_children=True, with_parents=True),
    "single_parent": _single_parent,
}
