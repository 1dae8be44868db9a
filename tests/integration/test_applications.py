"""Applications and community corrections: pushed by a village, kept beside the lists, decided at the hub.

Through real parts: signed change-sets go through the sync service into a migrated hub (SQLite, and
PostgreSQL when reachable); decisions are made through the admin UI's forms; the village's next
pull carries the decided record back.
"""

import pytest
from sqlalchemy import select

from hub_server import keys
from hub_server.models.population import Person
from hub_server.models.programmes import Application, ListCorrection, ListEntry
from hub_server.models.records import Record
from hub_server.services import applications, catalogue, lists, matching
from hub_server.services.ingest import sync
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import enroll, request
from tests.integration.test_population_support import ACTOR, TODAY, import_all
from tests.unit.protocol_helpers import Device


@pytest.fixture(scope="session")
def small_district(tmp_path_factory):
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("applications-district")
    generate_district(folder, people=400, seed=5)
    return folder


@pytest.fixture
def hub(app, database, small_district):
    import_all(database, small_district)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    with database.uow() as uow:
        matching.run(uow, actor=ACTOR, on=TODAY)
    return database


@pytest.fixture
def listed(hub) -> Person:
    """Someone on an open list entry, with the programme and village."""
    with hub.uow() as uow:
        entry = uow.session.execute(select(ListEntry).where(ListEntry.removed_in.is_(None))
                                    .order_by(ListEntry.id).limit(1)).scalar()
        person = uow.session.get(Person, entry.person_id)
        return {"nik": person.nik, "programme": entry.programme_code, "village": entry.village_code,
                "person_id": person.id}


@pytest.fixture
def laptop(hub, listed):
    device = Device(7, officer="siti.aminah")
    enroll(hub, device, scope=(listed["village"],))
    return device


def push(app, hub, device, *changesets, cursor="") -> dict:
    with hub.uow() as uow:
        return sync(uow, request(device, changesets, cursor=cursor), keys.get(app).private_key)


def pulled_records(app, device, reply) -> dict:
    page = open_page(reply["feed"], keys.get(app).public_key, device.device_id)
    return {entry["id"]: entry["data"] for entry in page.entries if entry.get("kind") == "record"}


def apply_from_list(device, listed) -> tuple:
    changeset = device.create("application", programme_code=listed["programme"], nik=listed["nik"],
                              village_code=listed["village"], status="applied", list_version=1,
                              officer="siti.aminah")
    return changeset, changeset.ops[0].record_id


def test_an_application_and_a_correction_pushed_by_a_village_are_kept_beside_the_list(app, hub, laptop, listed):
    application, application_id = apply_from_list(laptop, listed)
    correction = laptop.create("list_correction", programme_code=listed["programme"], nik=listed["nik"],
                               village_code=listed["village"], decision="exclude", meeting_date="2026-02-20",
                               reason="Pindah ke Surabaya sejak Januari 2026, menurut musyawarah desa.")
    reply = push(app, hub, laptop, application, correction)
    assert reply["summary"]["applied"] == 2 and reply["results"] == []
    with hub.uow() as uow:
        kept = uow.session.get(Application, application_id)
        assert (kept.status, kept.person_id, kept.problem) == ("applied", listed["person_id"], None)
        noted = uow.session.get(ListCorrection, correction.ops[0].record_id)
        assert (noted.decision, noted.person_id, noted.problem) == ("exclude", listed["person_id"], None)


def test_a_correction_without_a_reason_is_refused_naming_the_field_and_nothing_is_kept(app, hub, laptop, listed):
    correction = laptop.create("list_correction", programme_code=listed["programme"], nik=listed["nik"],
                               village_code=listed["village"], decision="include", meeting_date="2026-02-20",
                               reason="singkat")
    reply = push(app, hub, laptop, correction)
    assert reply["summary"]["refused"] == 1
    assert any(error["field"] == "reason" for error in reply["results"][0]["errors"])
    with hub.uow() as uow:
        assert uow.session.execute(select(ListCorrection)).first() is None


def test_an_approval_made_in_the_admin_ui_reaches_the_village(app, hub, laptop, listed, client, hub_users):
    application, application_id = apply_from_list(laptop, listed)
    first = push(app, hub, laptop, application)
    hub_users.login(client)
    page = client.get("/applications/?status=applied").get_data(as_text=True)
    assert application_id in page and listed["nik"] in page
    answer = hub_users.post(client, f"/applications/{application_id}/decide", status="approved")
    assert answer.status_code == 302
    reply = push(app, hub, laptop, cursor=first["feed"]["cursor"])
    decided = pulled_records(app, laptop, reply)[application_id]
    assert decided["status"] == "approved" and decided["status_date"]
    with hub.uow() as uow:
        assert uow.session.get(Application, application_id).status == "approved"


def test_a_rejection_needs_a_justification_and_without_one_nothing_changes(app, hub, laptop, listed, client,
                                                                             hub_users):
    application, application_id = apply_from_list(laptop, listed)
    push(app, hub, laptop, application)
    hub_users.login(client)
    refused = hub_users.post(client, f"/applications/{application_id}/decide", status="rejected", justification="")
    shown = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "wajib diisi bila permohonan ditolak" in shown  # the rule's message, naming the field
    with hub.uow() as uow:
        assert uow.session.get(Record, application_id).data["status"] == "applied"
    hub_users.post(client, f"/applications/{application_id}/decide", status="rejected",
                   justification="Desil kesejahteraan 7 menurut DTSEN, di atas batas desil 4.")
    with hub.uow() as uow:
        data = uow.session.get(Record, application_id).data
        assert (data["status"], data["justification"][:5]) == ("rejected", "Desil")
        assert uow.session.get(Application, application_id).status == "rejected"
    again = hub_users.post(client, f"/applications/{application_id}/decide", status="approved")
    assert "tidak dapat berubah" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_a_sub_district_officer_cannot_decide_another_sub_districts_application(app, hub, laptop, listed, client,
                                                                                 hub_users):
    application, application_id = apply_from_list(laptop, listed)
    push(app, hub, laptop, application)
    elsewhere = "35.07.33" if not listed["village"].startswith("35.07.33.") else "35.07.32"
    hub_users.add("camat", "sub_district_officer", area=elsewhere)
    hub_users.login(client, "camat", "kata-sandi-uji-1")
    assert application_id not in client.get("/applications/").get_data(as_text=True)
    refused = hub_users.post(client, f"/applications/{application_id}/decide", status="approved")
    assert "tidak ada (atau di luar wilayah Anda)" in client.get(refused.headers["Location"]).get_data(as_text=True)
    with hub.uow() as uow:
        assert uow.session.get(Application, application_id).status == "applied"
    hub_users.add("camat2", "sub_district_officer", area=listed["village"].rsplit(".", 1)[0])  # its own area
    other = app.test_client()
    hub_users.login(other, "camat2", "kata-sandi-uji-1")
    assert application_id in other.get("/applications/").get_data(as_text=True)
    hub_users.post(other, f"/applications/{application_id}/decide", status="approved")
    with hub.uow() as uow:
        assert uow.session.get(Application, application_id).status == "approved"


def test_absorbing_everything_again_gives_the_same_applications(app, hub, laptop, listed):
    application, application_id = apply_from_list(laptop, listed)
    push(app, hub, laptop, application)
    with hub.uow() as uow:
        assert lists.absorb_all(uow.session, uow.now()) == []
        assert uow.session.get(Application, application_id).person_id == listed["person_id"]


@pytest.mark.parametrize("fields", [{"status": "approved"},
                                    {"status": "rejected", "justification": "Menurut kami sendiri tidak layak."}])
def test_a_laptop_cannot_approve_or_reject_an_application_itself(app, hub, laptop, listed, fields):
    made = laptop.create("application", programme_code=listed["programme"], nik=listed["nik"],
                         village_code=listed["village"], **fields)
    reply = push(app, hub, laptop, made)
    assert reply["results"][0]["code"] == "decided_at_hub"
    assert reply["results"][0]["errors"][0]["field"] == "status"
    with hub.uow() as uow:
        assert uow.session.get(Record, made.ops[0].record_id) is None


def test_a_laptop_cannot_change_the_status_of_an_application_to_approved(app, hub, laptop, listed):
    application, application_id = apply_from_list(laptop, listed)
    push(app, hub, laptop, application)
    approve = laptop.update(application_id, {"status": "applied"}, {"status": "approved"}, table="application")
    reply = push(app, hub, laptop, approve)
    assert reply["results"][0]["code"] == "decided_at_hub"
    with hub.uow() as uow:
        assert uow.session.get(Record, application_id).data["status"] == "applied"


def test_a_withdrawn_application_leaves_the_queue_and_cannot_be_decided(app, hub, laptop, listed):
    from sync_protocol.changeset import Operation

    application, application_id = apply_from_list(laptop, listed)
    push(app, hub, laptop, application)
    push(app, hub, laptop, laptop.changeset(Operation("delete", "application", application_id, {})))
    with hub.uow() as uow:
        assert uow.session.get(Application, application_id) is None
    with hub.uow() as uow, pytest.raises(applications.ApplicationNotFound):
        applications.decide(uow, application_id, "approved", None, user="admin", today=TODAY)


def test_a_person_of_another_village_does_not_count_and_cannot_be_decided(app, hub, laptop, listed):
    with hub.uow() as uow:
        stranger = uow.session.execute(select(Person.nik).where(Person.village_code != listed["village"])
                                       .limit(1)).scalar()
    made = laptop.create("application", programme_code=listed["programme"], nik=stranger,
                         village_code=listed["village"], status="applied")
    push(app, hub, laptop, made)
    with hub.uow() as uow:
        assert uow.session.get(Application, made.ops[0].record_id).problem == "person_in_other_village"
    with hub.uow() as uow, pytest.raises(applications.ApplicationNotCounted):
        applications.decide(uow, made.ops[0].record_id, "approved", None, user="admin", today=TODAY)


def test_two_open_applications_for_the_same_person_count_once_until_the_first_is_rejected(app, hub, laptop, listed):
    other = Device(8, officer="kec.andi")
    enroll(hub, other, scope=(listed["village"].rsplit(".", 1)[0],), role="sub_district")
    first, first_id = apply_from_list(laptop, listed)
    second, second_id = apply_from_list(other, listed)
    push(app, hub, laptop, first)
    push(app, hub, other, second)
    with hub.uow() as uow:
        problems = {a.record_id: a.problem for a in uow.session.execute(select(Application)).scalars()}
    counted = min(first_id, second_id)
    waiting = max(first_id, second_id)
    assert problems == {counted: None, waiting: "application_open"}
    with hub.uow() as uow:
        applications.decide(uow, counted, "rejected", "NIK ganda, sudah diajukan lewat kecamatan.", user="admin",
                            today=TODAY)
    with hub.uow() as uow:
        assert uow.session.get(Application, waiting).problem is None


def test_an_application_naming_an_unknown_nik_counts_once_an_import_brings_the_person(app, hub, laptop, listed):
    unknown = listed["village"].replace(".", "")[:6] + "0101990099"
    made = laptop.create("application", programme_code=listed["programme"], nik=unknown,
                         village_code=listed["village"], status="applied")
    push(app, hub, laptop, made)
    with hub.uow() as uow:
        assert uow.session.get(Application, made.ops[0].record_id).problem == "person_unknown"
        uow.session.add(Person(nik=unknown, name="Warga Baru", name_key="warga baru", village_code=listed["village"],
                               in_ektp=True))
        uow.session.flush()
        lists.absorb_waiting_for_people(uow.session, uow.now())
        uow.commit()
    with hub.uow() as uow:
        assert uow.session.get(Application, made.ops[0].record_id).problem is None
