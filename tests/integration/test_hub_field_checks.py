"""Field checks recorded on a sub-district laptop reach the population through the sync service (real database)."""

import datetime as dt

import pytest
from sqlalchemy import select

from hub_server.db import Database
from hub_server.models import AuditLog, Base
from hub_server.models.population import FieldCheckOutcome, Inconsistency, Person
from hub_server.services import inconsistencies
from hub_server.services.ingest import sync
from sync_protocol.changeset import Operation
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import VILLAGE, enroll, request
from tests.unit.protocol_helpers import Device, valid_person

HUB = Device(250)
NIK = "3507015505900001"


def run(database, device, changesets=()):
    with database.uow(immediate=True) as uow:
        reply = sync(uow, request(device, changesets), HUB.key)
    return reply, open_page(reply["feed"], HUB.public_key, device.device_id).entries


def officer(device, username: str, role: str) -> Operation:
    return Operation("create", "officer", f"{device.device_id}-officer-{username.replace('.', '')}",
                     {"username": username, "full_name": "Andi Wijaya", "role": role, "village_code": "35.07.01",
                      "active": True})


def check(device, **fields) -> Operation:
    return Operation("create", "field_check", device.new_id(), {
        "village_code": VILLAGE, "checked_on": "2026-03-10", "officer": device.officer, **fields})


@pytest.fixture
def hub_database(db_url):
    """On SQLite and on PostgreSQL: the field check's row locks and savepoint-free path must hold on both."""
    import hub_server.models.records  # noqa: F401  (registers the sync tables)

    database = Database(db_url)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


@pytest.fixture
def kecamatan(hub_database):
    device = Device(2, officer="kec.andi")
    enroll(hub_database, device, scope=("35.07.01",), role="sub_district")
    return device


@pytest.fixture
def open_item(hub_database):
    with hub_database.uow() as uow:
        uow.session.add(Person(nik=NIK, name="Siti Aminnah", name_key="siti aminnah", village_code=VILLAGE,
                               birth_date=dt.date(1990, 5, 15), sex="F", in_ektp=True, in_kk=True))
        found = Inconsistency(nik=NIK, kind="name_spelling", village_code=VILLAGE, status="open",
                              sources=[{"source": "ektp", "value": "Siti Aminah", "line": 7},
                                       {"source": "kk", "value": "Siti Aminnah", "line": 12}],
                              first_batch_id=1, last_batch_id=1, opened_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
        uow.session.add(found)
        uow.session.flush()
        inconsistencies.publish(uow.session, [found])
        uow.commit()
        return found.id


def statuses(entries) -> dict:
    return {entry["id"]: entry["data"] for entry in entries if entry["kind"] == "status"}


def test_a_field_check_closes_the_inconsistency_sets_the_value_and_says_so_to_the_laptop(
        hub_database, kecamatan, open_item):
    made = check(kecamatan, inconsistency_id=str(open_item), nik=NIK, outcome="resolved", decided_field="name",
                 decided_value="Siti Aminah", document="kk", reason="KK asli dilihat di rumah warga.")
    reply, _ = run(hub_database, kecamatan, [kecamatan.changeset(officer(kecamatan, "kec.andi",
                                                                          "sub_district_officer"), made)])
    assert reply["summary"]["applied"] == 1 and reply["results"] == []
    with hub_database.uow() as uow:
        held = uow.session.get(Inconsistency, open_item)
        assert (held.status, held.resolved_by) == ("resolved", f"kec.andi@{kecamatan.device_id}")
        assert "KK asli dilihat" in held.note
        assert uow.session.execute(select(Person.name).where(Person.nik == NIK)).scalar() == "Siti Aminah"
        assert uow.session.execute(select(AuditLog.detail).where(
            AuditLog.action == "inconsistency.resolved")).scalar()["document"] == "kk"
    _, entries = run(hub_database, kecamatan)
    assert statuses(entries)[made.record_id] == {"status": "field_check_applied", "counted": True}
    closed = [entry for entry in entries if entry["kind"] == "inconsistency"]
    assert [entry["data"]["status"] for entry in closed] == ["resolved"]


def test_a_check_of_an_item_someone_decided_first_is_kept_and_names_who_decided(hub_database, kecamatan, open_item):
    with hub_database.uow() as uow:
        inconsistencies.resolve(uow, open_item, user="user:admin", document="ktp", reason="Dicek di kantor kabupaten.",
                                value="Siti Aminnah")
    made = check(kecamatan, inconsistency_id=str(open_item), outcome="resolved", decided_field="name",
                 decided_value="Siti Aminnah", document="kk", reason="KK asli dilihat di rumah warga.")
    reply, _ = run(hub_database, kecamatan, [kecamatan.changeset(officer(kecamatan, "kec.andi",
                                                                          "sub_district_officer"), made)])
    assert reply["summary"]["applied"] == 1  # the record is kept...
    with hub_database.uow() as uow:
        assert uow.session.execute(select(Person.name).where(Person.nik == NIK)).scalar() == "Siti Aminnah"
        kept = uow.session.get(FieldCheckOutcome, made.record_id)
        assert (kept.applied, kept.decided_by) == (False, "user:admin")  # ...and does not undo the decision
    _, entries = run(hub_database, kecamatan)
    assert statuses(entries)[made.record_id] == {"status": "already_decided", "counted": False,
                                                 "decided_by": "user:admin"}


def test_a_resident_a_village_registered_is_confirmed_or_refused_by_a_field_check(hub_database, kecamatan):
    village = Device(1)
    enroll(hub_database, village)
    first, second = (village.create(**valid_person(name=name, village_code=VILLAGE)) for name in ("Rina", "Dewi"))
    run(hub_database, village, [first, second])
    confirmed = check(kecamatan, person_id=first.ops[0].record_id, outcome="confirmed", document="kk",
                      reason="KK asli dilihat, warga tinggal di RT 3.")
    refused = check(kecamatan, person_id=second.ops[0].record_id, outcome="refused",
                    reason="Tidak dikenal di dusun ini menurut ketua RT.")
    run(hub_database, kecamatan, [kecamatan.changeset(officer(kecamatan, "kec.andi", "sub_district_officer"),
                                                      confirmed, refused)])
    with hub_database.uow() as uow:
        decided = dict(uow.session.execute(select(Person.registered_record, Person.verification).where(
            Person.registered_record.in_([first.ops[0].record_id, second.ops[0].record_id]))).all())
    assert decided == {first.ops[0].record_id: "confirmed", second.ops[0].record_id: "refused"}
    _, entries = run(hub_database, village)  # the village hears why its registration was refused
    assert statuses(entries)[second.ops[0].record_id]["note"] == "Tidak dikenal di dusun ini menurut ketua RT."


def test_a_field_check_from_anyone_but_a_sub_district_officer_is_refused(hub_database, kecamatan, open_item):
    kecamatan.officer = "siti"
    made = check(kecamatan, inconsistency_id=str(open_item), outcome="resolved", decided_field="name",
                 decided_value="Siti Aminah", document="kk", reason="KK asli dilihat di rumah warga.")
    reply, _ = run(hub_database, kecamatan, [kecamatan.changeset(officer(kecamatan, "siti", "village_secretary"),
                                                                 made)])
    assert [result["code"] for result in reply["results"]] == ["role_not_allowed"]
    with hub_database.uow() as uow:
        assert uow.session.get(Inconsistency, open_item).status == "open"
