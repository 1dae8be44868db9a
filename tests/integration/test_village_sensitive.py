"""Sensitive cases on the laptop (a real SQLite file, the real web app): only the officer who recorded one sees
it; the laptop's other officers are told how many there are and can neither open it nor add to it."""

import re

import pytest

from tests.integration.test_village_web import data_dir  # noqa: F401 (a fixture)
from village_client import complaints, records
from village_client.officers import add_officer
from village_client.store import open_store
from village_client.web import create_app

CASE = {"category": "violence_women_children", "description": "Ibu R. dipukul suaminya; dua anak ikut dipukul.",
        "complainant_name": "Ratna Sari", "village_code": "35.07.01.2001", "date_submitted": "2026-03-02"}


@pytest.fixture
def laptop(data_dir):  # noqa: F811 (the laptop of test_village_web, with siti, and a second secretary)
    with open_store(data_dir) as store:
        add_officer(store, "budi", "Budi Santoso", "village_secretary", "654321")
    return data_dir


def officers(store) -> dict:
    return {row["username"]: records.Officer(row["username"], row["full_name"], row["role"])
            for row in store.db.query("SELECT * FROM officer")}


def test_only_the_officer_who_recorded_a_sensitive_case_sees_it_on_the_laptop(laptop):
    with open_store(laptop) as store:
        siti, budi = officers(store)["siti"], officers(store)["budi"]
        case_id = complaints.record_complaint(store, siti, CASE)
        ordinary_id = complaints.record_complaint(store, siti, {**CASE, "category": "payment_delay",
                                                                "description": "PKH belum cair"})
        shown, withheld = complaints.complaints(store, siti)
        assert ({row["id"] for row, _ in shown}, withheld) == ({case_id, ordinary_id}, 0)
        shown, withheld = complaints.complaints(store, budi)
        assert ({row["id"] for row, _ in shown}, withheld) == ({ordinary_id}, 1)
        for attempt in (lambda: complaints.complaint_file(store, case_id, budi),
                        lambda: complaints.add_complaint_event(store, budi, case_id, {"kind": "note", "text": "?"})):
            with pytest.raises(records.InvalidRecord) as refused:
                attempt()
            assert [(e.field, e.rule) for e in refused.value.errors] == [("complaint_id", "not_found")]

        complaints.add_complaint_event(store, siti, case_id, {"kind": "referral", "referred_to": "uptd_ppa",
                                                              "date": "2026-03-02", "text": "Diantar ke UPTD PPA"})
        state = complaints.complaint_file(store, case_id, siti)["state"]
        assert (state.sensitive, state.referred_to, state.referral_date, state.status) == (
            True, "uptd_ppa", "2026-03-02", "in_progress")
        with pytest.raises(records.InvalidRecord) as refused:
            complaints.add_complaint_event(store, siti, ordinary_id, {"kind": "referral", "referred_to": "uptd_ppa"})
        assert [e.rule for e in refused.value.errors] == ["referral_not_sensitive"]
        # The outbox carries the case to the hub all the same: nothing entered is lost.
        bodies = " ".join(row["body"] for row in store.db.query("SELECT body FROM outbox"))
        assert case_id in bodies and "uptd_ppa" in bodies


def login(client, username, pin):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/login", data={"csrf_token": token, "username": username, "pin": pin}).status_code == 302
    return token


@pytest.mark.parametrize("lang,notice,withheld", [
    ("id", "Kasus sensitif: di laptop ini hanya Anda", "1 kasus sensitif dicatat oleh petugas lain"),
    ("en", "Sensitive case: on this laptop only you", "1 sensitive case(s) were recorded by another officer")])
def test_the_laptops_pages_show_a_sensitive_case_to_its_officer_only(laptop, lang, notice, withheld):
    app = create_app(laptop)
    recorder = app.test_client()
    token = login(recorder, "siti", "123456")
    recorder.get(f"/complaints/?lang={lang}")
    form = recorder.get("/complaints/new").get_data(as_text=True)
    assert ("hanya Anda yang melihatnya" if lang == "id" else "only you see them") in form
    saved = recorder.post("/complaints/new", data={"csrf_token": token, **CASE})
    case_path = saved.location
    page = recorder.get(case_path).get_data(as_text=True)
    assert notice in page and "Ratna Sari" in page and 'id="action-referral"' in page

    other = app.test_client()
    login(other, "budi", "654321")
    other.get(f"/complaints/?lang={lang}")
    listed = other.get("/complaints/").get_data(as_text=True)
    assert withheld in listed and "Ratna Sari" not in listed and case_path not in listed
    for path in (case_path, case_path + "/receipt"):
        response = other.get(path)
        assert response.status_code == 404 and "Ratna Sari" not in response.get_data(as_text=True)
