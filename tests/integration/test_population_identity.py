"""Identity checks of village registrations against the synchronized NIK database."""

import csv
import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from hub_server.db import Database
from hub_server.models.population import Household, HouseholdKk, Person, ResidentRegistration
from hub_server.models.records import Conflict, FeedEntry, ReceivedChangeSet, Record
from hub_server.services import identity
from hub_server.services.apply import RecordState
from sync_protocol.merge import Edit, Source
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    district,
    hub_tables,
    import_all,
    population_db,
    wipe,
)

NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
DEVICE, OFFICER = "k3m9x2p7qa", "siti.aminah"
_ids = itertools.count(1)


@pytest.fixture(scope="module")
def hub(population_db, district):  # noqa: F811
    wipe(population_db)
    import_all(population_db, district, census=False)
    return population_db


@pytest.fixture(scope="module")
def residents(district):  # noqa: F811
    """Ground-truth people whose e-KTP and family card rows carry no planted fault."""
    with open(district / "faults.csv", encoding="utf-8") as handle:
        faulty = {row["nik"] for row in csv.DictReader(handle)}
    with open(district / "people.csv", encoding="utf-8") as handle:
        return iter([row for row in csv.DictReader(handle) if row["nik"] not in faulty])


def registration(person: dict, **changes) -> dict:
    values = {key: person[key] for key in ("nik", "name", "birth_place", "birth_date", "sex", "village_code")}
    return {**values, "occupation": "farmer", "monthly_income": 900_000, "education": "primary", **changes}


def register(hub, values: dict, *, edits=None) -> RecordState:
    """A person record as the sync path leaves it: stored, with the change-set that created it."""
    record_id, seq = f"k3m9x2p7qa-{next(_ids)}", next(_ids)
    with hub.uow() as uow:
        uow.session.add(Record(id=record_id, table_name="person", village_code=values["village_code"], data=values,
                               created_by=DEVICE, created_seq=seq))
        uow.session.add(ReceivedChangeSet(device_id=DEVICE, seq=seq, hash="0" * 64, outcome="applied",
                                          officer=OFFICER, wall_time=0, ops=1, received_at=NOW, via="http"))
        uow.commit()
    return RecordState("person", record_id, values["village_code"], dict(values), edits=edits or {},
                       values=dict(values), is_new=True, changed=True)


def check(hub, *states) -> list:
    with hub.uow() as uow:
        found = identity.check(uow.session, list(states), NOW)
        result = [(c.kind, c.field, c.base, c.sides) for c in found]
        uow.commit()
    return result


def conflicts_of(hub, state) -> list:
    with hub.uow() as uow:
        found = uow.session.execute(select(Conflict).where(Conflict.record_id == state.record_id)).scalars()
        return [(conflict.id, conflict.field, conflict.base, conflict.status) for conflict in found]


def test_a_registration_that_agrees_opens_nothing_and_brings_its_socio_economic_data(hub, residents):
    person = next(residents)
    state = register(hub, registration(person, name=person["name"].upper() + "  "))  # case and spaces differ
    assert check(hub, state) == []
    with hub.uow() as uow:
        held = uow.session.execute(select(Person).where(Person.nik == person["nik"])).scalar()
        assert (held.occupation, held.monthly_income, held.socio_source) == ("farmer", 900_000, "village")
        assert uow.session.get(ResidentRegistration, state.record_id).person_id == held.id


def test_each_disagreeing_identity_field_is_its_own_conflict_with_both_sides(hub, residents):
    person = next(residents)
    other_sex = "F" if person["sex"] == "M" else "M"
    state = register(hub, registration(person, name=person["name"] + "o", sex=other_sex, birth_date="1901-01-01"))
    found = {field: (kind, base, sides) for kind, field, base, sides in check(hub, state)}
    assert set(found) == {"name", "sex", "birth_date"}
    kind, base, sides = found["name"]
    assert (kind, base) == ("identity_mismatch", person["name"] + "o")
    assert sides[0] | {"record": None} == {"value": person["name"] + "o", "source": "village", "device_id": DEVICE,
                                           "officer": OFFICER, "village_code": person["village_code"], "record": None}
    assert sides[1] == {"value": person["name"], "source": "ektp"}
    assert found["birth_date"][2][1]["value"] == person["birth_date"]
    with hub.uow() as uow:
        refs = set(uow.session.execute(select(FeedEntry.ref).where(FeedEntry.kind == "conflict")).scalars())
    assert {str(ident) for ident, *_ in conflicts_of(hub, state)} <= refs


def test_checking_again_updates_the_open_conflict(hub, residents):
    person = next(residents)
    state = register(hub, registration(person, birth_place="Surabaya Kota"))
    check(hub, state)
    state.values["birth_place"] = "Blitar"
    check(hub, state)
    [(_, field, base, status)] = conflicts_of(hub, state)
    assert (field, base, status) == ("birth_place", "Blitar", "open")


def test_a_value_a_person_kept_is_not_questioned_again(hub, residents):
    person = next(residents)
    state = register(hub, registration(person, name=person["name"] + "h"))
    check(hub, state)
    with hub.uow() as uow:
        conflict = uow.session.execute(select(Conflict).where(Conflict.record_id == state.record_id)).scalar()
        conflict.status, conflict.resolution = "resolved", person["name"] + "h"
        uow.commit()
    assert check(hub, state) == []


def held(hub, nik: str):
    """The person row of a NIK, read whole (or None)."""
    with hub.uow() as uow:
        return uow.session.execute(select(Person.__table__).where(Person.nik == nik)).first()


def test_an_nik_no_source_holds_joins_the_population_awaiting_verification(hub, residents):
    person = next(residents)
    state = register(hub, registration(person, nik="3507019901990001", name="Sumarni", relationship="head",
                                       address_rt="3", address_rw="2"))
    assert check(hub, state) == []  # a verification task, not a conflict
    resident = held(hub, "3507019901990001")
    assert (resident.verification, resident.name, resident.name_key, resident.village_code) == (
        "awaiting", "Sumarni", "sumarni", person["village_code"])
    assert (resident.birth_date.isoformat(), resident.sex, resident.occupation, resident.socio_source) == (
        person["birth_date"], person["sex"], "farmer", "village")
    assert (resident.registered_record, resident.registered_village, resident.registered_device,
            resident.registered_officer, resident.registered_at) == (
        state.record_id, person["village_code"], DEVICE, OFFICER, NOW)
    assert (resident.in_ektp, resident.in_kk) == (False, False)
    with hub.uow() as uow:
        assert uow.session.get(ResidentRegistration, state.record_id).person_id == resident.id


def test_a_village_edit_of_its_own_unverified_resident_is_their_value(hub, residents):
    person = next(residents)
    state = register(hub, registration(person, nik="3507019901990002", name="Sumarno"))
    check(hub, state)
    state.values.update(name="Sumarno Adi", monthly_income=450_000)
    assert check(hub, state) == []
    resident = held(hub, "3507019901990002")
    assert (resident.name, resident.monthly_income, resident.verification) == ("Sumarno Adi", 450_000, "awaiting")


def test_a_household_a_village_registers_is_made_once_with_its_card(hub, residents):
    person = next(residents)
    household = f"k3m9x2p7qa-{next(_ids)}"
    with hub.uow() as uow:
        uow.session.add(Record(id=household, table_name="household", village_code=person["village_code"],
                               data={"id": household, "kk_number": "3507010101260009", "village_code":
                                     person["village_code"], "address": "Dusun Krajan", "welfare_decile": 2},
                               created_by=DEVICE, created_seq=next(_ids)))
        uow.commit()
    head = register(hub, registration(person, nik="3507019901990003", household_id=household, relationship="head"))
    child = register(hub, registration(person, nik="3507019901990004", household_id=household, relationship="child"))
    assert check(hub, head, child) == []
    first, second = held(hub, "3507019901990003"), held(hub, "3507019901990004")
    assert first.household_id == second.household_id is not None
    with hub.uow() as uow:
        made = uow.session.get(Household, first.household_id)
        assert (made.kk_number, made.registered_record, made.welfare_decile, made.address) == (
            "3507010101260009", household, 2, "Dusun Krajan")
        assert uow.session.get(HouseholdKk, "3507010101260009").household_id == made.id


def test_a_member_a_village_adds_to_a_household_the_sources_hold_joins_it(hub, residents):
    person = next(residents)
    with hub.uow() as uow:
        household_id = uow.session.execute(select(Person.household_id).where(Person.nik == person["nik"])).scalar()
        kk_number = uow.session.get(Household, household_id).kk_number
    baby = register(hub, registration(person, nik="3507019901990005", kk_number=kk_number, relationship="child"))
    assert check(hub, baby) == []
    assert held(hub, "3507019901990005").household_id == household_id


def test_the_same_nik_registered_by_two_records_is_a_duplicate_resident(hub, residents):
    person = next(residents)
    first = register(hub, registration(person))
    assert check(hub, first) == []
    second = register(hub, registration(person, village_code="35.07.02.2001"))
    [(kind, field, base, sides)] = check(hub, second)
    assert (kind, field, base) == ("duplicate_resident", "nik", person["nik"])
    assert sides[1]["record"] == first.record_id and sides[1]["village_code"] == person["village_code"]


def test_the_officer_of_the_latest_edit_is_named(hub, residents):
    person = next(residents)
    edit = Edit(person["name"], person["name"] + "a", Source("p8x2m4n6qz", 7, 0, "bidan.rina"))
    state = register(hub, registration(person, name=person["name"] + "a"), edits={"name": [edit]})
    [(_, _, _, sides)] = check(hub, state)
    assert (sides[0]["device_id"], sides[0]["officer"]) == ("p8x2m4n6qz", "bidan.rina")


def test_without_source_extracts_every_registration_awaits_verification(tmp_path, residents):
    empty = Database(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    hub_tables(empty.engine)
    person = next(residents)
    state = register(empty, registration(person))
    assert check(empty, state) == []
    assert held(empty, person["nik"]).verification == "awaiting"
    empty.dispose()


def test_a_nik_the_registries_missed_registered_twice_by_one_laptop_is_a_duplicate_resident(hub, residents):
    person = next(residents)
    unknown = {"nik": "3507019901990007", "kk_number": "3507019901990001"}
    first = register(hub, registration(person, **unknown))
    assert check(hub, first) == []
    second = register(hub, registration(person, **unknown))
    [(kind, field, base, sides)] = check(hub, second)
    assert (kind, field, base) == ("duplicate_resident", "nik", "3507019901990007")
    assert sides[1]["record"] == first.record_id
