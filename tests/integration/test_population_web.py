"""The call centre and population pages: server-rendered, bilingual, limited to the officer's area."""

import csv

import pytest
from sqlalchemy import select

from hub_server.models.population import Person
from hub_server.models.records import FeedEntry, Record
from hub_server.services import call_log, catalogue, matching
from hub_server.services.actors import operator
from tests.integration.test_population_support import ACTOR, TODAY, import_all


@pytest.fixture(scope="session")
def small_district(tmp_path_factory):
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("small-district")
    generate_district(folder, people=400, seed=11)
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
def someone(hub, small_district) -> dict:
    """A ground-truth person whose household has at least three members."""
    with open(small_district / "people.csv", encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    sizes = {}
    for row in people:
        sizes[row["household_id"]] = sizes.get(row["household_id"], 0) + 1
    row = next(row for row in people if sizes[row["household_id"]] >= 3 and row["relationship"] == "head")
    with hub.uow() as uow:
        return {**row, "id": uow.session.execute(select(Person.id).where(Person.nik == row["nik"])).scalar()}


def test_a_person_is_found_by_nik_or_by_words_of_the_name(hub, client, hub_users, someone):
    assert client.get("/callcentre/").status_code == 302  # log in first
    hub_users.login(client)
    by_nik = client.get(f"/callcentre/?q={someone['nik'][:4]} {someone['nik'][4:]}").get_data(as_text=True)
    assert f"/callcentre/person/{someone['id']}" in by_nik
    words = someone["name"].split()
    by_name = client.get(f"/callcentre/?q={words[-1].upper()} {words[0]}").get_data(as_text=True)
    assert f"/callcentre/person/{someone['id']}" in by_name
    assert "Tidak ditemukan" in client.get("/callcentre/?q=Zzyzx").get_data(as_text=True)


def test_the_person_page_shows_household_and_each_programme_part_by_part(hub, client, hub_users, someone):
    hub_users.login(client)
    page = client.get(f"/callcentre/person/{someone['id']}").get_data(as_text=True)
    assert someone["nik"] in page and "Keluarga" in page and "Program dan kelayakan" in page
    assert "BPJS-PBI" in page and ("✓" in page or "✗" in page)
    hub_users.post(client, "/language", lang="en", next=f"/callcentre/person/{someone['id']}")
    english = client.get(f"/callcentre/person/{someone['id']}").get_data(as_text=True)
    assert "Household" in english and "Programmes and eligibility" in english


def test_a_complaint_logged_by_phone_becomes_a_synced_record_of_the_village(hub, client, hub_users, someone):
    hub_users.login(client)
    answer = hub_users.post(client, f"/callcentre/person/{someone['id']}/complaint", category="exclusion_error",
                            programme_code="PKH", description="Keluarga miskin, anak balita, tidak masuk daftar PKH.",
                            complainant_phone="0812-3456-7890")
    assert answer.status_code == 302
    with hub.uow() as uow:
        [record] = uow.session.execute(select(Record).where(Record.table_name == "complaint")).scalars()
        data, village, record_id = record.data, record.village_code, record.id
        placed = uow.session.execute(select(FeedEntry.village_code).where(FeedEntry.ref == record.id)).scalar()
    assert (data["channel"], data["category"], data["programme_code"]) == ("call_centre", "exclusion_error", "PKH")
    assert village == placed == someone["village_code"]
    assert data["reference_number"] == f"ADU/{village}/HUB/0001" and answer.location.endswith(record_id)
    page = client.get(f"/callcentre/person/{someone['id']}").get_data(as_text=True)
    assert data["reference_number"] in page and f"/callcentre/complaint/{record_id}" in page
    complaint_page = client.get(answer.location).get_data(as_text=True)
    assert 'id="complaint-level">Kabupaten/kota<' in complaint_page and "Baru" in complaint_page
    receipt = client.get(f"/callcentre/complaint/{record_id}/receipt").get_data(as_text=True)
    assert "Tanda Terima Pengaduan" in receipt and data["reference_number"] in receipt
    assert someone["name"] in receipt and someone["nik"] in receipt
    hub_users.post(client, "/language", lang="en", next="/")
    assert "Complaint Receipt" in client.get(f"/callcentre/complaint/{record_id}/receipt").get_data(as_text=True)


def test_a_complaint_without_a_description_is_refused_naming_the_field(hub, client, hub_users, someone):
    hub_users.login(client)
    answer = hub_users.post(client, f"/callcentre/person/{someone['id']}/complaint", category="payment_delay",
                            description="")
    assert answer.status_code == 400 and "Uraian" in answer.get_data(as_text=True)
    with hub.uow() as uow:
        assert uow.session.execute(select(Record).where(Record.table_name == "complaint")).first() is None


def test_a_sub_district_officer_sees_only_their_area(hub, client, hub_users, someone):
    elsewhere = "35.07.02" if not someone["village_code"].startswith("35.07.02") else "35.07.03"
    password = hub_users.add("petugas.kec", "sub_district_officer", area=elsewhere)
    hub_users.login(client, "petugas.kec", password)
    assert client.get(f"/callcentre/person/{someone['id']}").status_code == 404
    assert f"/callcentre/person/{someone['id']}" not in client.get(f"/callcentre/?q={someone['nik']}").get_data(
        as_text=True)
    with hub.uow() as uow:
        person = uow.session.get(Person, someone["id"])
        record_id = call_log.log(uow, operator("test"), {"topic": "complaint", "outcome": "complaint_recorded",
                                                         "category": "payment_delay", "summary": "Bantuan belum cair."},
                                 person=person).complaint_id
    assert client.get(f"/callcentre/complaint/{record_id}").status_code == 404
    assert client.get(f"/callcentre/complaint/{record_id}/receipt").status_code == 404


def test_the_population_pages_render(hub, client, hub_users):
    hub_users.login(client)
    for path in ("/population/", "/population/inconsistencies", "/population/inconsistencies?kind=sex",
                 "/population/programmes", "/population/programmes/PKH", "/population/lists",
                 "/population/lists?programme=PKH"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.get_data(as_text=True)[:500])
    assert "Katalog program" in client.get("/population/programmes").get_data(as_text=True)
    assert client.get("/population/programmes/NOPE").status_code == 404


def test_an_inconsistency_is_resolved_after_a_field_check_and_the_next_import_keeps_the_outcome(
        hub, client, hub_users, small_district):
    from hub_server.models.population import DecidedValue, Inconsistency
    from hub_server.services.imports import pipeline

    hub_users.login(client)
    with hub.uow() as uow:
        found = uow.session.execute(select(Inconsistency).where(Inconsistency.kind == "name_spelling",
                                                                Inconsistency.status == "open").limit(1)).scalar()
        ident, nik, sources = found.id, found.nik, found.sources
    page = client.get(f"/population/inconsistencies/{ident}").get_data(as_text=True)
    assert all(str(side["value"]) in page for side in sources if side["value"])
    # Refused, naming each field, keeping what was typed; nothing changes.
    refused = client.post(f"/population/inconsistencies/{ident}/resolve", data={
        "csrf_token": hub_users.csrf(client), "corrected": "B4dan", "document": "", "reason": "singkat"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and all(f'id="{name}-error"' in html for name in ("value", "document", "reason"))
    assert 'value="B4dan"' in html and "singkat" in html
    right = "Ahmad Fauzi Rahman"
    done = client.post(f"/population/inconsistencies/{ident}/resolve", data={
        "csrf_token": hub_users.csrf(client), "corrected": right, "document": "ktp",
        "reason": "KTP dan akta kelahiran dilihat di rumah warga"})
    assert done.status_code == 302
    with hub.uow() as uow:
        held = uow.session.get(Inconsistency, ident)
        assert (held.status, held.resolved_by) == ("resolved", "user:admin") and "ktp" in held.note
        assert uow.session.execute(select(Person.name).where(Person.nik == nik)).scalar() == right
        assert uow.session.get(DecidedValue, (uow.session.execute(select(Person.id).where(
            Person.nik == nik)).scalar(), "name")).value == right
    # The same extracts again: the sources still disagree, the outcome stands, nothing reopens.
    with hub.uow() as uow:
        pipeline.import_file(uow, "ektp", small_district / "ektp.csv", actor=ACTOR, today=TODAY)
    with hub.uow() as uow:
        assert uow.session.execute(select(Person.name).where(Person.nik == nik)).scalar() == right
        assert uow.session.get(Inconsistency, ident).status == "resolved"
        assert uow.session.execute(select(Inconsistency).where(Inconsistency.nik == nik, Inconsistency.kind ==
                                                               "name_spelling", Inconsistency.status == "open")
                                   ).first() is None
