"""Typical registrations for benchmarks: household members from the district generator, as a
village laptop would save them (about 20 fields each, ~480 bytes as compact JSON)."""

import dataclasses
import itertools

from hub_server.generator import iter_households

# The fields a village form saves for a household member (the generator's ground truth has more).
FORM_FIELDS = ("nik", "kk_number", "name", "birth_place", "birth_date", "sex", "marital_status", "relationship",
               "address", "address_rt", "address_rw", "village_code", "occupation", "education", "disability",
               "monthly_income", "pregnant", "phone", "household_id")


def _as_dict(member) -> dict:
    return dataclasses.asdict(member) if dataclasses.is_dataclass(member) else dict(member)


def registrations(count: int, seed: int = 11) -> list:
    """`count` member registrations (dicts of the form's fields), deterministic for the seed."""
    members = (_as_dict(m) for household in iter_households(people=count * 2, seed=seed)
               for m in _members(household))
    return [{k: _plain(r.get(k)) for k in FORM_FIELDS if k in r} for r in itertools.islice(members, count)]


def _members(household):
    if isinstance(household, dict):
        return household["members"]
    return household.members


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
