"""The call centre's call log, directory and look-up audit through the app (SQLite and PostgreSQL): a call from
someone the population does not hold becomes a complaint of their village settled at once; refused input keeps
what was typed; referrals; the list's filters and pages; every look-up of a person is in the audit log."""

import json

import pytest
from sqlalchemy import func, select

from hub_server.errors import Invalid
from hub_server.models import AuditLog
from hub_server.models.calls import Call, DirectoryService
from hub_server.models.complaints import ComplaintStateRow
from hub_server.models.population import Person
from hub_server.models.records import FeedEntry, Record
from hub_server.services import catalogue, directory
from hub_server.services.imports.rows import name_key

VILLAGE = "35.07.01.2001"  # Tulungrejo, Donomulyo
NIK = "3507014506850002"  # a woman born 05-06-1985, registered in Donomulyo


@pytest.fixture
def hub_settings(hub_settings):
    return {**hub_settings, "DISTRICT_CODE": "35.07", "DESK_PAGE_SIZE": 2}


@pytest.fixture
def centre(database):
    with database.uow() as uow:
        catalogue.load_file(uow, actor="cli:test")
    with database.uow() as uow:
        directory.load_file(uow, actor="cli:test")
    return database


def post_call(client, hub_users, **form):
    values = {"topic": "complaint", "outcome": "complaint_recorded", "summary": "", **form}
    return hub_users.post(client, "/callcentre/calls", **values)


def count(database, model) -> int:
    with database.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_a_caller_not_in_the_population_complains_and_is_answered_at_once(centre, client, hub_users):
    hub_users.login(client)
    answer = post_call(client, hub_users, caller_name="Sulastri", caller_nik="3507 0145 0685 0002",
                       village_code=VILLAGE, caller_phone="0812-3456-7890", programme_code="PKH",
                       category="unclear_programme", summary="Kapan PKH tahap dua dibayar?",
                       answer="Tahap dua dibayar mulai 15 Juni lewat Kantor Pos Donomulyo.")
    assert answer.status_code == 302
    with centre.uow() as uow:
        [call] = uow.session.scalars(select(Call))
        record = uow.session.get(Record, call.complaint_id)
        row = uow.session.get(ComplaintStateRow, call.complaint_id)
        placed = uow.session.scalar(select(FeedEntry.village_code).where(FeedEntry.ref == record.id))
        assert (call.person_id, call.caller_nik, call.village_code, call.officer) == (None, NIK, VILLAGE,
                                                                                      "user:admin")
        data, village, reference = record.data, record.village_code, call.complaint_reference
        row = (row.status, row.level, row.settle_days, row.resolved_date)
    assert (village, placed, data["channel"]) == (VILLAGE, VILLAGE, "call_centre")
    assert (data["complainant_name"], data["complainant_nik"], data["complainant_phone"]) == (
        "Sulastri", NIK, "+6281234567890")
    assert data["response"] == "Tahap dua dibayar mulai 15 Juni lewat Kantor Pos Donomulyo."
    assert reference == data["reference_number"] == f"ADU/{VILLAGE}/HUB/0001"
    assert row == ("resolved", "district", 0, data["date_submitted"])
    page = client.get(answer.location).get_data(as_text=True)
    assert 'id="complaint-status">Selesai<' in page and "Tahap dua dibayar" in page
    listed = client.get("/callcentre/calls").get_data(as_text=True)
    assert data["reference_number"] in listed and "Sulastri" in listed and "tidak di basis data" in listed


def test_refused_input_says_why_beside_each_field_keeps_what_was_typed_and_saves_nothing(centre, client, hub_users):
    hub_users.login(client)
    answer = post_call(client, hub_users, caller_name="Sulastri", caller_nik="3507014506850000",
                       summary="Bantuan belum cair", caller_phone="12345")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    for field in ("caller_nik", "village_code", "caller_phone", "category"):
        assert f'data-field="{field}"' in page, field
    assert 'value="3507014506850000"' in page and "Bantuan belum cair" in page
    answered = post_call(client, hub_users, topic="payment", outcome="answered", summary="Kapan cair?")
    assert answered.status_code == 400 and 'data-field="answer"' in answered.get_data(as_text=True)
    referred = post_call(client, hub_users, topic="referral", outcome="referred", summary="Cari puskesmas",
                         service_id="99999")
    assert 'data-field="service_id"' in referred.get_data(as_text=True)
    hub_users.post(client, "/language", lang="en", next="/callcentre/calls/new")
    english = post_call(client, hub_users, topic="other", outcome="call_back", summary="Minta ditelepon")
    assert english.status_code == 400 and "Required for the outcome chosen." in english.get_data(as_text=True)
    assert count(centre, Call) == 0 and count(centre, Record) == 0


def test_a_referral_is_recorded_on_the_call_and_the_list_filters_and_pages(centre, client, hub_users):
    hub_users.login(client)
    with centre.uow() as uow:
        puskesmas = uow.session.scalar(select(DirectoryService.id).where(DirectoryService.code == "PKM-DONOMULYO"))
    assert post_call(client, hub_users, topic="referral", outcome="referred", summary="Ibu hamil perlu periksa",
                     village_code=VILLAGE, service_id=str(puskesmas)).status_code == 302
    assert post_call(client, hub_users, topic="payment", outcome="answered", summary="Kapan BPNT cair?",
                     answer="Minggu depan.", village_code="35.07.02.2001").status_code == 302
    assert post_call(client, hub_users, topic="eligibility", outcome="call_back", summary="Syarat PKH?",
                     caller_phone="081234567890").status_code == 302
    first = client.get("/callcentre/calls").get_data(as_text=True)
    assert "Syarat PKH?" in first and "Kapan BPNT cair?" in first and "Ibu hamil" not in first  # newest first
    second = client.get("/callcentre/calls?page=2").get_data(as_text=True)
    assert "Ibu hamil perlu periksa" in second and "Puskesmas Donomulyo" in second and "(0341) 000-102" in second
    only = client.get(f"/callcentre/calls?outcome=referred&village={VILLAGE[:8]}").get_data(as_text=True)
    assert "Ibu hamil" in only and "Kapan BPNT" not in only
    assert "Kapan BPNT" in client.get("/callcentre/calls?topic=payment").get_data(as_text=True)
    assert "Belum ada panggilan" in client.get("/callcentre/calls?from=2001-01-01&to=2001-01-31").get_data(
        as_text=True)
    found = client.get("/callcentre/directory?q=kepanjen&kind=hospital").get_data(as_text=True)
    assert "RSUD Kabupaten Malang (Kepanjen)" in found and "Puskesmas Kepanjen" not in found
    assert "Puskesmas Donomulyo" in client.get(f"/callcentre/directory?area={VILLAGE}").get_data(as_text=True)


def test_a_call_from_a_person_of_the_population_and_every_look_up_is_audited(centre, client, hub_users):
    with centre.uow() as uow:
        person = Person(nik=NIK, name="Sri Wahyuni", name_key=name_key("Sri Wahyuni"), village_code=VILLAGE)
        uow.session.add(person)
        uow.commit()
        person_id = person.id
    hub_users.login(client)
    assert "Sri Wahyuni" in client.get("/callcentre/?q=wahyuni").get_data(as_text=True)
    page = client.get(f"/callcentre/person/{person_id}").get_data(as_text=True)
    assert 'name="person_id"' in page and 'name="caller_nik"' not in page
    assert hub_users.post(client, "/callcentre/calls", person_id=person_id, topic="application_status",
                          outcome="answered", summary="Status pengajuan PKH?", answer="Masih diverifikasi.",
                          caller_phone="0813 1111 2222").status_code == 302
    with centre.uow() as uow:
        [call] = uow.session.scalars(select(Call))
        entries = [(entry.action, entry.subject, entry.detail) for entry in uow.session.scalars(
            select(AuditLog).where(AuditLog.actor == "user:admin").order_by(AuditLog.id))]
        call = (call.id, call.person_id, call.caller_name, call.caller_nik, call.village_code)
    assert call[1:] == (person_id, "Sri Wahyuni", NIK, VILLAGE)
    actions = [(action, subject) for action, subject, _ in entries if action != "user.login"]
    assert actions == [("callcentre.searched", ""), ("callcentre.person_viewed", f"person:{NIK}"),
                       ("call.logged", f"call:{call[0]}")]
    assert entries[1][2] == {"query": "wahyuni", "found": 1}
    audit_page = client.get("/admin/audit").get_data(as_text=True)
    assert "pencarian warga di call centre" in audit_page and "wahyuni" in audit_page and "Sri Wahyuni" in audit_page


def test_the_directory_file_is_checked_whole_and_a_later_file_makes_missing_entries_inactive(centre, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "sws-service-directory", "version": 1, "services": [
        {"code": "PKM-A", "name": "Puskesmas A", "kind": "health_centre", "address": "Jl. A", "region_code": VILLAGE},
        {"code": "PKM-A", "name": "", "kind": "spa", "address": "Jl. B", "region_code": "35.07.99"}]}))
    with pytest.raises(Invalid) as refused, centre.uow() as uow:
        directory.load_file(uow, bad, actor="cli:test")
    assert {(error.field, error.rule) for error in refused.value.errors} == {
        ("services.1.name", "required"), ("services.1.kind", "choice"), ("services.1.code", "directory_duplicate"),
        ("services.1.region_code", "directory_region")}
    smaller = tmp_path / "smaller.json"
    smaller.write_text(json.dumps({"format": "sws-service-directory", "version": 1, "services": [
        {"code": "PKM-KEPANJEN", "name": "Puskesmas Kepanjen", "kind": "health_centre", "address": "Jl. Baru 1",
         "region_code": "35.07.13.1010", "phone": "(0341) 000-101"}]}))
    with centre.uow() as uow:
        assert directory.load_file(uow, smaller, actor="cli:test") == {"added": 0, "updated": 1, "inactive": 18,
                                                                       "sample": False}
    with centre.uow() as uow:
        assert [service.address for service in directory.find(uow.session)] == ["Jl. Baru 1"]
    assert count(centre, DirectoryService) == 19


def test_a_sub_district_officer_logs_and_sees_the_calls_of_their_sub_district(centre, client, hub_users):
    hub_users.login(client)
    assert post_call(client, hub_users, topic="payment", outcome="answered", summary="Dari Tulungrejo",
                     answer="Sudah.", village_code=VILLAGE).status_code == 302
    client.post("/logout", data={"csrf_token": hub_users.csrf(client)})
    password = hub_users.add("camat.pagak", "sub_district_officer", area="35.07.02")
    hub_users.login(client, "camat.pagak", password)
    form = client.get("/callcentre/calls/new").get_data(as_text=True)
    assert 'value="35.07.02.2001"' in form and f'value="{VILLAGE}"' not in form  # villages of Pagak only
    assert post_call(client, hub_users, topic="payment", outcome="answered", summary="Dari Tulungrejo lagi",
                     answer="Sudah.", village_code=VILLAGE).status_code == 403
    assert post_call(client, hub_users, topic="other", outcome="call_back", summary="Tanpa desa",
                     caller_phone="081298765432").status_code == 302
    listed = client.get("/callcentre/calls").get_data(as_text=True)
    assert "Tanpa desa" in listed and "Dari Tulungrejo" not in listed
    assert count(centre, Call) == 2
