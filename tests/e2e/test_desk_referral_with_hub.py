"""A referral from the SWS desk with real processes: `sws-hub serve` and a village laptop (`sws-village` commands).

The laptop has the district's directory from an earlier sync. While the hub is down, the village secretary
refers a woman met at the desk to the health centre, with the reason; the laptop syncs when the hub is back,
the health centre's answer is given at the hub on the case page (where the LTSA answers today), and the
secretary reads it in `referral list` after the next sync."""

import re

import pytest

from tests.e2e.test_complaint_desk_with_hub import TIMEOUT
from tests.e2e.test_sensitive_with_hub import login
from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401 (hub is a fixture)

pytestmark = pytest.mark.e2e
VILLAGE = "35.07.01.2001"


def test_a_secretary_refers_a_person_offline_and_reads_the_service_s_answer_after_a_sync(tmp_path, hub):  # noqa: F811
    run(["sws-hub", "directory", "load"], hub.env)
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    run(["village_client", "sync"], siti)
    assert query(siti, "SELECT name FROM service WHERE code = 'PKM-KEPANJEN'") == [("Puskesmas Kepanjen",)]
    hub.kill()  # the village is offline: the desk works all the same
    refused = run(["village_client", "referral", "make", "--officer", "siti", "subject_name=Rina Marlina",
                   "nik=3507015505900003", f"village_code={VILLAGE}", "service_code=PKM-NOWHERE",
                   "text=Batuk lama"], siti, ok=False)
    assert "service_code" in refused and query(siti, "SELECT COUNT(*) FROM [case]") == [(0,)]
    made = run(["village_client", "referral", "make", "--officer", "siti", "subject_name=Rina Marlina",
                "nik=3507015505900003", f"village_code={VILLAGE}", "service_code=PKM-KEPANJEN",
                "text=Batuk lama, belum pernah periksa"], siti)
    referral_id, case_id = re.search(r"referral (\S+) \(case (\S+)\) saved", made).groups()
    assert "Waiting for an answer" in run(["village_client", "referral", "list", "--officer", "siti"], siti)
    run(["village_client", "sync"], siti, ok=False)  # the hub cannot be reached: the work waits in the outbox

    hub.start()
    assert "acknowledged 2" in run(["village_client", "sync"], siti)
    run(["sws-hub", "user", "add", "rini", "--role", "case_worker", "--language", "en"],
        {**hub.env, "SWS_HUB_USER_PASSWORD": "kata-sandi-rini-1"})
    session, token = login(hub, "rini", "kata-sandi-rini-1")
    listed = session.get(f"{hub.url}/cases/", params={"kind": "desk_referral"}, timeout=TIMEOUT).text
    assert "Rina Marlina" in listed and "Referral from the SWS desk" in listed
    page = session.get(f"{hub.url}/cases/{case_id}", timeout=TIMEOUT).text
    assert "Batuk lama, belum pernah periksa" in page and 'id="referral-answer"' in page
    answered = session.post(f"{hub.url}/cases/{case_id}/answer", timeout=TIMEOUT, data={
        "csrf_token": token, "referral_id": referral_id, "referral_answer": "accepted",
        "text": "Datang Senin pagi ke poli umum"})
    assert answered.status_code == 200 and "Referral answer saved" in answered.text  # after the redirect

    run(["village_client", "sync"], siti)
    shown = run(["village_client", "referral", "list", "--officer", "siti"], siti)
    assert "Rina Marlina (NIK 3507015505900003)" in shown and "Puskesmas Kepanjen (PKM-KEPANJEN)" in shown
    assert "Accepted" in shown and "Datang Senin pagi ke poli umum" in shown
