"""Recording cases offline on a laptop: the forms keep what was typed and say why beside the field in both
languages, each step is an event checked against the case's state, crisis cases and counselling notes stay
with the case worker in charge, and a case arriving from the hub is read like one made here."""

import pytest

from tests.integration.test_village_field_checks import login
from tests.integration.test_village_field_checks import outbox_ops as field_check_ops
from village_client import cases, incoming
from village_client.cli.cases import case_lines
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.records import InvalidRecord, Officer
from village_client.store import open_store

VILLAGE = "35.07.01.2001"
DEWI = Officer("dewi", "Dewi Lestari", "case_worker")
RINI = Officer("rini", "Rini Astuti", "case_worker")
SITI = Officer("siti", "Siti Aminah", "village_secretary")
NOTE = "Cemas karena utang ke calo; tidur terganggu."


@pytest.fixture
def data_dir(tmp_path):
    data_dir = tmp_path / "desa"
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        store.update_device(scope=[VILLAGE])
        for officer, pin in ((DEWI, "246810"), (RINI, "135790"), (SITI, "123456")):
            add_officer(store, officer.username, officer.full_name, officer.role, pin)
    return data_dir


def outbox_ops(data_dir) -> list:
    """The operations the laptop's officers recorded (not the officer announcements)."""
    return [op for op in field_check_ops(data_dir) if op["t"] != "officer"]


RETURNEE = {"case_kind": "returnee", "subject_name": "Sri Wahyuni", "nik": "3507015505900001",
            "village_code": VILLAGE, "opened_on": "2026-03-02", "summary": "Kembali dari Hong Kong."}


def test_a_returnee_case_from_intake_to_closure_on_the_laptop(data_dir):
    with open_store(data_dir) as store:
        case_id = cases.open_case(store, DEWI, RETURNEE)
        cases.add_case_event(store, DEWI, case_id, {"kind": "assessment", "answers.main_income": "remittances",
                                                    "answers.health_insurance": "tidak", "answers.wants": "enterprise",
                                                    "answers.monthly_income": "500000"})
        cases.add_case_event(store, DEWI, case_id, {"kind": "migrant", "migrant_stage": "returned",
                                                    "destination_country": "HK", "return_date": "2026-02-20",
                                                    "documents": "passport,contract"})
        referral = cases.add_case_event(store, DEWI, case_id, {"kind": "referral", "service_code": "blk-kepanjen"})
        cases.add_case_event(store, DEWI, case_id, {"kind": "referral_answer", "referral_id": referral,
                                                    "referral_answer": "served"})
        cases.add_case_event(store, DEWI, case_id, {"kind": "closure", "closure_reason": "plan_completed"})
        with pytest.raises(InvalidRecord) as refused:
            cases.add_case_event(store, DEWI, case_id, {"kind": "session", "session_kind": "visit",
                                                        "session_outcome": "unchanged"})
        found = cases.case_file(store, case_id, DEWI)
    assert refused.value.errors[0].rule == "case_closed"
    state = found["state"]
    assert (state.status, state.closure_reason, state.flags) == ("closed", "plan_completed", {})
    assert state.answers == {"main_income": "remittances", "health_insurance": False, "wants": "enterprise",
                             "monthly_income": 500000}
    assert state.migrant["documents"] == ["passport", "contract"] and state.referrals[referral]["answer"] == "served"
    ops = outbox_ops(data_dir)
    assert [op["t"] for op in ops] == ["case"] + ["case_event"] * 5
    assert [op["k"] for op in ops] == ["create"] + ["append"] * 5
    assert ops[3]["f"]["service_code"] == "BLK-KEPANJEN" and ops[1]["f"]["answers"]["wants"] == "enterprise"
    timeline = "\n".join(case_lines(found, "en"))  # each step names its officer, as the case page does
    assert "Dewi Lestari (dewi): Closure" in timeline and "Dewi Lestari (dewi): Referral answer" in timeline


def test_only_a_case_worker_opens_a_case(data_dir):
    with open_store(data_dir) as store, pytest.raises(InvalidRecord) as refused:
        cases.open_case(store, SITI, RETURNEE)
    assert (refused.value.errors[0].field, refused.value.errors[0].rule) == ("case", "role_not_allowed")
    assert outbox_ops(data_dir) == []


def test_a_crisis_case_and_counselling_notes_are_the_case_workers_in_charge_only(data_dir):
    with open_store(data_dir) as store:
        crisis = cases.open_case(store, DEWI, {**RETURNEE, "case_kind": "crisis", "subject_name": "Rahasia"})
        plain = cases.open_case(store, DEWI, RETURNEE)
        cases.add_case_event(store, DEWI, plain, {"kind": "session", "session_kind": "counselling",
                                                  "session_outcome": "improved", "text": NOTE})
        listed, withheld = cases.cases(store, RINI)
        theirs = cases.case_file(store, plain, RINI)
        mine = cases.case_file(store, plain, DEWI)
        with pytest.raises(InvalidRecord):
            cases.case_file(store, crisis, RINI)
        assert cases.cases(store, SITI) == ([], 0)
    assert [case["id"] for case, _ in listed] == [plain] and withheld == 1
    assert theirs["events"] == [] and theirs["withheld_notes"] == 1 and mine["events"][0]["text"] == NOTE


def test_a_case_and_its_events_from_the_hub_are_read_like_ones_made_here(data_dir):
    with open_store(data_dir) as store, store.transaction() as db:
        incoming.apply_record(db, "case", "otherlaptp-5", {**RETURNEE, "officer": "dewi", "_deleted": False})
        incoming.apply_record(db, "case_event", "otherlaptp-6", {
            "case_id": "otherlaptp-5", "kind": "migrant", "officer": "dewi", "time": "2026-03-03T01:00:00Z",
            "date": "2026-03-03", "step": 1, "migrant_stage": "abroad", "documents": ["passport"],
            "pre_departure_training": True, "_deleted": False})
    with open_store(data_dir) as store:
        found = cases.case_file(store, "otherlaptp-5", DEWI)
    assert found["state"].migrant == {"migrant_stage": "abroad", "documents": ["passport"],
                                      "pre_departure_training": True}


@pytest.mark.parametrize("lang, message", [("id", "NIK wajib diisi untuk kasus jenis Pekerja migran purna."),
                                           ("en", "NIK is required for a case of kind Returnee migrant worker.")])
def test_the_case_form_keeps_what_was_typed_and_says_why_beside_the_field(data_dir, lang, message):
    client = login(data_dir, "dewi", "246810")
    client.get(f"/cases/?lang={lang}")
    refused = client.post("/cases/new", data={"csrf_token": client.token, "case_kind": "returnee",
                                              "subject_name": "Sri Wahyuni", "village_code": VILLAGE,
                                              "opened_on": "02-03-2026", "summary": "Baru pulang",
                                              "_dates": "opened_on"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="nik-error">' + message in page
    assert 'value="Sri Wahyuni"' in page and "Baru pulang</textarea>" in page
    saved = client.post("/cases/new", data={"csrf_token": client.token, "case_kind": "returnee",
                                            "subject_name": "Sri Wahyuni", "nik": "3507015505900001",
                                            "village_code": VILLAGE, "opened_on": "02-03-2026",
                                            "_dates": "opened_on"})
    assert saved.status_code == 302
    case_page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Sri Wahyuni" in case_page and "02-03-2026" in case_page and "None" not in case_page


def test_a_step_refused_on_the_case_page_keeps_its_input_and_names_the_question(data_dir):
    with open_store(data_dir) as store:
        case_id = cases.open_case(store, DEWI, RETURNEE)
    client = login(data_dir, "dewi", "246810")
    refused = client.post(f"/cases/{case_id}?lang=en", data={
        "csrf_token": client.token, "kind": "assessment", "answers.main_income": "farming",
        "answers.monthly_income": "banyak", "answers.health_insurance": "ya", "answers.wants": "job"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="assessment-answers.monthly_income-error"' in page
    assert "must be a whole number from 0 to 1000000000" in page and 'value="banyak"' in page
    saved = client.post(f"/cases/{case_id}", data={
        "csrf_token": client.token, "kind": "plan_action", "service_code": "BLK-KEPANJEN", "action": "Pelatihan",
        "responsible": "Dewi Lestari", "due_date": "30-05-2026", "_dates": "due_date"})
    assert saved.status_code == 302
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "BLK-KEPANJEN: Pelatihan" in page and "30-05-2026" in page and "Active" in page
    migrant = client.post(f"/cases/{case_id}", data={
        "csrf_token": client.token, "kind": "migrant", "migrant_stage": "returned", "destination_country": "HK",
        "return_date": "20-02-2026", "_dates": "return_date", "documents": ["passport", "contract"],
        "pre_departure_training": "on"})
    assert migrant.status_code == 302
    shown = client.get(f"/cases/{case_id}").get_data(as_text=True)
    for words in ("Returned", "Hong Kong", "20-02-2026", "Passport, Employment contract", "<dd>Yes</dd>"):
        assert words in shown
    assert client.get("/cases/").status_code == 200
    other = login(data_dir, "siti", "123456")
    refused = other.get("/cases/")
    assert refused.status_code == 403 and "Sri Wahyuni" not in refused.get_data(as_text=True)


def test_a_crisis_case_and_its_counselling_note_on_a_protected_laptop_are_ciphertext_on_disk(data_dir):
    from village_client import at_rest, protect

    at_rest.ask_with(None)
    protect.protect(data_dir)
    try:
        with open_store(data_dir) as store:
            crisis = cases.open_case(store, DEWI, {**RETURNEE, "case_kind": "crisis", "subject_name": "Rahasia Wulan"})
            cases.add_case_event(store, DEWI, crisis, {"kind": "session", "session_kind": "counselling",
                                                       "session_outcome": "improved", "text": NOTE})
            assert cases.case_file(store, crisis, DEWI)["events"][0]["text"] == NOTE  # the case worker reads it
        on_disk = b"".join(path.read_bytes() for path in data_dir.glob("village.db*"))
        assert b"Rahasia Wulan" not in on_disk and NOTE.encode() not in on_disk and b"calo" not in on_disk
    finally:
        at_rest.forget(data_dir)
