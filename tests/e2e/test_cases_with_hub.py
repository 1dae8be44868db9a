"""Cases with real processes: `sws-hub serve` and two laptops of the same village (`sws-village` commands).

A returnee's case is opened and followed on a laptop while the hub is down, reaches the hub when it is
back, is referred and the referral answered from the village's other laptop, and is closed; the hub's
cases page shows it closed with the referral answered, and every read of the file is in the audit log.
A crisis case opened on the first laptop never reaches the second, not even in its database file. A household's
personal plan is followed from intake to closure, its referral answered at the hub."""

import re

import pytest
import requests

from tests.e2e.test_complaint_desk_with_hub import TIMEOUT
from tests.e2e.test_sensitive_with_hub import database_bytes, login
from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401 (hub is a fixture)

pytestmark = pytest.mark.e2e
VILLAGE = "35.07.01.2001"
SECRET = "Dijual ke penampungan di Batam oleh calo"


def step(env, officer, case_id, kind, *fields) -> str:
    return run(["village_client", "case", "event", "--officer", officer, case_id, kind, *fields], env)


def test_a_returnee_case_from_intake_to_closure_across_an_offline_laptop_and_the_hub(tmp_path, hub):  # noqa: F811
    dewi = laptop(tmp_path, "sukamaju", "dewi", hub, role="case_worker")
    rini = laptop(tmp_path, "sukamaju-ltsa", "rini", hub, role="case_worker")
    hub.kill()  # the village is offline: the case is opened and followed all the same
    case_id = re.search(r"case (\S+) opened", run([
        "village_client", "case", "open", "--officer", "dewi", "case_kind=returnee", "subject_name=Sri Wahyuni",
        "nik=3507015505900001", f"village_code={VILLAGE}", "summary=Pulang dari Hong Kong, ingin usaha katering"],
        dewi))[1]
    step(dewi, "dewi", case_id, "assessment", "answers.main_income=remittances", "answers.health_insurance=tidak",
         "answers.wants=enterprise")
    step(dewi, "dewi", case_id, "migrant", "migrant_stage=returned", "destination_country=HK",
         "return_date=2026-02-20", "reintegration_plan=Usaha katering rumahan")
    step(dewi, "dewi", case_id, "plan_action", "service_code=BLK-KEPANJEN", "action=Pelatihan tata boga",
         "responsible=Dewi", "due_date=2026-05-30")
    referral = re.search(r"event (\S+) added", step(dewi, "dewi", case_id, "referral",
                                                    "service_code=BPJSTK-KEPANJEN"))[1]
    crisis = re.search(r"case (\S+) opened", run([
        "village_client", "case", "open", "--officer", "dewi", "case_kind=crisis", "subject_name=Wulan Sari",
        "nik=3507015505900002", f"village_code={VILLAGE}", f"summary={SECRET}"], dewi))[1]
    run(["village_client", "sync"], dewi, ok=False)  # the hub cannot be reached: the work waits in the outbox
    assert query(dewi, "SELECT COUNT(*) FROM outbox WHERE acked = 0") == [(6,)]

    hub.start()
    assert "acknowledged 6" in run(["village_client", "sync"], dewi)
    run(["village_client", "sync"], rini)  # the LTSA's laptop of the same village hears of the case
    assert query(rini, f"SELECT subject_name FROM [case] WHERE id = '{case_id}'") == [("Sri Wahyuni",)]
    assert "is active" in step(rini, "rini", case_id, "referral_answer", f"referral_id={referral}",
                               "referral_answer=served", "text=Terdaftar BPJS Ketenagakerjaan")
    run(["village_client", "sync"], rini)
    run(["village_client", "sync"], dewi)
    shown = run(["village_client", "case", "show", "--officer", "dewi", case_id], dewi)
    assert "BPJSTK-KEPANJEN Served" in shown
    assert "is closed" in step(dewi, "dewi", case_id, "closure", "closure_reason=plan_completed")
    run(["village_client", "sync"], dewi)

    run(["sws-hub", "user", "add", "dewi", "--role", "case_worker", "--language", "en"],
        {**hub.env, "SWS_HUB_USER_PASSWORD": "kata-sandi-dewi-1"})
    session, _ = login(hub, "dewi", "kata-sandi-dewi-1")
    listed = session.get(f"{hub.url}/cases/?status=closed", timeout=TIMEOUT).text
    assert "Sri Wahyuni" in listed and "1/1 referrals answered" in listed
    page = session.get(f"{hub.url}/cases/{case_id}", timeout=TIMEOUT).text
    assert "Plan completed" in page and "Served" in page and "Usaha katering rumahan" in page
    assert SECRET in session.get(f"{hub.url}/cases/{crisis}", timeout=TIMEOUT).text  # the case worker in charge
    admin, _ = login(hub, "admin", "admin-pass-123")
    audit = admin.get(f"{hub.url}/admin/audit", timeout=TIMEOUT).text
    assert audit.count("berkas kasus dibuka") >= 2  # the admin reads the log in Indonesian

    # The crisis case reached the hub, and never the village's other laptop.
    run(["village_client", "sync"], rini)
    assert query(rini, f"SELECT COUNT(*) FROM [case] WHERE id = '{crisis}'") == [(0,)]
    kept = database_bytes(rini)
    assert SECRET.encode() not in kept and b"Wulan Sari" not in kept
    assert requests.get(f"{hub.url}/cases/", timeout=TIMEOUT).url.endswith("/login?next=/cases/")


def test_a_household_plan_from_intake_to_closure_with_a_referral_answered_at_the_hub(tmp_path, hub):  # noqa: F811
    """A household's personal plan made on a laptop while the hub is down: assessment, agreed actions, a home
    visit and a referral to a training centre; the training centre's answer is recorded at the hub and reaches
    the laptop, which follows the plan to its closure; the hub's cases page shows it closed."""
    dewi = laptop(tmp_path, "sumberrejo", "dewi", hub, role="case_worker")
    hub.kill()
    case_id = re.search(r"case (\S+) opened", run([
        "village_client", "case", "open", "--officer", "dewi", "case_kind=household_plan",
        "subject_name=Keluarga Budi Santoso", "kk_number=3507010101200001", f"village_code={VILLAGE}",
        "summary=Kepala keluarga kehilangan pekerjaan; dua anak usia sekolah"], dewi))[1]
    step(dewi, "dewi", case_id, "assessment", "answers.main_income=casual_work", "answers.health_insurance=ya",
         "answers.wants=job", "answers.children_out_of_school=1")
    step(dewi, "dewi", case_id, "plan_action", "service_code=BLK-KEPANJEN", "action=Pelatihan las untuk Budi",
         "responsible=Dewi", "due_date=2026-06-30")
    step(dewi, "dewi", case_id, "session", "session_kind=visit", "session_outcome=unchanged",
         "text=Anak kedua belum kembali ke sekolah")
    referral = re.search(r"event (\S+) added", step(dewi, "dewi", case_id, "referral",
                                                    "service_code=BLK-KEPANJEN"))[1]
    run(["village_client", "sync"], dewi, ok=False)  # offline: the plan waits in the outbox
    hub.start()
    assert "acknowledged 5" in run(["village_client", "sync"], dewi)

    run(["sws-hub", "user", "add", "rini", "--role", "case_worker", "--language", "en"],
        {**hub.env, "SWS_HUB_USER_PASSWORD": "kata-sandi-rini-1"})
    session, token = login(hub, "rini", "kata-sandi-rini-1")
    answered = session.post(f"{hub.url}/cases/{case_id}/answer", timeout=TIMEOUT, data={
        "csrf_token": token, "referral_id": referral, "referral_answer": "accepted",
        "text": "Kelas las dimulai 4 Mei"})
    assert answered.status_code == 200 and "Referral answer saved" in answered.text
    run(["village_client", "sync"], dewi)
    shown = run(["village_client", "case", "show", "--officer", "dewi", case_id], dewi)
    assert "BLK-KEPANJEN Accepted" in shown and "Kelas las dimulai 4 Mei" in shown
    step(dewi, "dewi", case_id, "session", "session_kind=visit", "session_outcome=improved",
         "text=Budi mengikuti kelas; anak kembali sekolah")
    assert "is closed" in step(dewi, "dewi", case_id, "closure", "closure_reason=plan_completed")
    run(["village_client", "sync"], dewi)
    listed = session.get(f"{hub.url}/cases/?status=closed", timeout=TIMEOUT).text
    assert "Keluarga Budi Santoso" in listed and "1/1 referrals answered" in listed
    page = session.get(f"{hub.url}/cases/{case_id}", timeout=TIMEOUT).text
    assert "Plan completed" in page and "Pelatihan las untuk Budi" in page and "Home visit" in page
