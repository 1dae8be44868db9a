"""Recording field checks on the sub-district's worklist, offline: the forms, their refusals, the change-set."""

import json
import re

import pytest

from village_client import field_checks, records, worklist
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.records import Officer
from village_client.store import open_store
from village_client.web import create_app

SOURCES = [{"source": "ektp", "line": 12, "value": "1990-05-15"}, {"source": "kk", "line": 40, "value": "1990-05-16"}]


@pytest.fixture
def data_dir(tmp_path):
    data_dir = tmp_path / "kecamatan"
    initialise(data_dir, "Kecamatan Donomulyo")
    with open_store(data_dir) as store, store.transaction() as db:
        store.update_device(scope=["35.07.01"])
        add_officer(store, "andi", "Andi Wijaya", "sub_district_officer", "246810")
        add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        worklist.keep(db, "41", {"nik": "3507015505900001", "name": "Siti Aminah", "kind": "birth_date",
                                 "field": "birth_date", "village_code": "35.07.01.2001", "status": "open",
                                 "opened_at": "2026-02-01T00:00:00Z", "sources": SOURCES})
        worklist.keep(db, "42", {"nik": "3507015505900002", "name": "Budi", "kind": "family_membership",
                                 "village_code": "35.07.01.2002", "status": "open",
                                 "opened_at": "2026-02-02T00:00:00Z", "sources": []})
        db["person"].insert({"id": "villageaa2-7", "name": "Rina Wati", "nik": "3507016607010001",
                             "village_code": "35.07.01.2002", "_deleted": 0}, alter=True)
        db["record_status"].insert({"record_id": "villageaa2-7", "table_name": "person",
                                    "status": "awaiting_verification", "counted": 1, "data": "{}",
                                    "received_at": "2026-02-03T00:00:00Z"})
    return data_dir


def login(data_dir, username: str, pin: str):
    client = create_app(data_dir).test_client()
    page = client.get("/login").get_data(as_text=True)
    client.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/login", data={"csrf_token": client.token, "username": username,
                                       "pin": pin}).status_code == 302
    return client


def outbox_ops(data_dir) -> list:
    with open_store(data_dir) as store:
        return [op for row in store.db.query("SELECT body FROM outbox ORDER BY seq")
                for op in json.loads(row["body"])["ops"]]


def test_a_field_check_of_an_inconsistency_is_saved_as_one_record_and_shown_as_waiting(data_dir):
    client = login(data_dir, "andi", "246810")
    form = client.get("/worklist/inconsistency/41").get_data(as_text=True)
    assert "1990-05-15" in form and "1990-05-16" in form and "Siti Aminah" in form
    saved = client.post("/worklist/inconsistency/41", data={
        "csrf_token": client.token, "decided_value": "1990-05-15", "document": "kk", "checked_on": "10-03-2026",
        "_dates": "checked_on", "reason": "KK asli dilihat: lahir 15-05-1990."})
    assert saved.status_code == 302
    check = next(op for op in outbox_ops(data_dir) if op["t"] == "field_check")
    assert check["f"] | {"inconsistency_id": "41"} == check["f"]
    assert {check["f"][name] for name in ("outcome", "decided_field", "decided_value", "document", "village_code")} == {
        "resolved", "birth_date", "1990-05-15", "kk", "35.07.01.2001"}
    assert check["f"]["checked_on"] == "2026-03-10"  # typed dd-mm-yyyy, held as the ISO date
    page = client.get("/worklist/").get_data(as_text=True)
    assert "Dicek 10-03-2026 oleh andi" in page and "menunggu sinkronisasi" in page
    again = client.post("/worklist/inconsistency/41", data={
        "csrf_token": client.token, "decided_value": "1990-05-16", "document": "ktp",
        "reason": "Cek kedua di rumah warga."})
    assert again.status_code == 422 and "sudah dicatat di laptop ini" in again.get_data(as_text=True)


def test_a_bad_field_check_is_refused_beside_its_fields_keeps_what_was_typed_and_saves_nothing(data_dir):
    client = login(data_dir, "andi", "246810")
    client.post("/language", data={"csrf_token": client.token, "lang": "en"})
    refused = client.post("/worklist/inconsistency/41", data={
        "csrf_token": client.token, "decided_value": "1990-02-30", "document": "", "reason": "short",
        "checked_on": "2026-03-10"})
    html = refused.get_data(as_text=True)
    errors = dict(re.findall(r'<small class="error" id="([^"]+)-error">([^<]+)</small>', html))
    assert refused.status_code == 422 and set(errors) == {"decided_value", "document", "reason"}
    assert 'value="1990-02-30"' in html and ">short</textarea>" in html
    assert [op for op in outbox_ops(data_dir) if op["t"] == "field_check"] == []


def test_a_resident_is_confirmed_or_refused_and_a_refusal_needs_no_document(data_dir):
    with open_store(data_dir) as store:
        officer = Officer("andi", "Andi Wijaya", "sub_district_officer")
        with pytest.raises(records.InvalidRecord) as caught:
            field_checks.check_resident(store, officer, "villageaa2-7", outcome="confirmed", reason="Dilihat di desa.")
        assert [(error.field, error.rule) for error in caught.value.errors] == [("document", "required")]
        record_id = field_checks.check_resident(store, officer, "villageaa2-7", outcome="refused",
                                                reason="Tidak tinggal di desa ini sejak 2024.")
        row = store.db["field_check"].get(record_id)
    assert (row["person_id"], row["outcome"], row["document"], row["village_code"]) == (
        "villageaa2-7", "refused", None, "35.07.01.2002")


def test_only_a_sub_district_officer_records_a_field_check(data_dir):
    with open_store(data_dir) as store:
        with pytest.raises(records.InvalidRecord) as caught:
            field_checks.check_inconsistency(store, Officer("siti", "Siti Aminah", "village_secretary"), "42",
                                             document="kk", reason="Anggota keluarga sesuai KK terbaru.")
    assert [(error.field, error.rule) for error in caught.value.errors] == [("field_check", "role_not_allowed")]
    assert [op for op in outbox_ops(data_dir) if op["t"] == "field_check"] == []


def test_an_item_not_on_the_worklist_cannot_be_checked(data_dir):
    with open_store(data_dir) as store:
        with pytest.raises(records.InvalidRecord) as caught:
            field_checks.check_inconsistency(store, Officer("andi", "Andi", "sub_district_officer"), "999",
                                             document="kk", reason="Tidak ada di daftar.")
    assert [(error.field, error.rule) for error in caught.value.errors] == [("inconsistency_id", "not_on_worklist")]
