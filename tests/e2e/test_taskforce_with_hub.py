"""The village task force with real processes: `sws-hub serve` and a village laptop (`sws-village` commands).

While the hub is down, the village secretary records an outreach session and the case worker refers a
woman to the LTSA; the laptop syncs when the hub is back, the LTSA (a case worker at the hub) answers the
referral on the case page, and the village reads the answer after its next sync. The district's monthly
report counts the session, the people informed and the referral answered."""

import csv
import datetime as dt
import io
import re

import pytest

from tests.e2e.test_complaint_desk_with_hub import TIMEOUT
from tests.e2e.test_sensitive_with_hub import login
from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401 (hub is a fixture)

pytestmark = pytest.mark.e2e
VILLAGE = "35.07.01.2001"


def test_a_referral_goes_from_an_offline_village_to_the_ltsa_and_its_answer_comes_back(tmp_path, hub):  # noqa: F811
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    run(["village_client", "officer", "add", "dewi", "--name", "Dewi Lestari", "--role", "case_worker"], siti)
    run(["sws-hub", "directory", "load"], hub.env)
    held_on = dt.date.today().isoformat()
    hub.kill()  # the village is offline: the task force works all the same
    assert "recorded" in run(["village_client", "taskforce", "outreach", "--officer", "siti",
                              f"village_code={VILLAGE}", f"held_on={held_on}", "place=Balai desa",
                              "topic=trafficking", "men=7", "women=11", "niks=3507015505900003"], siti)
    referred = run(["village_client", "taskforce", "refer", "--officer", "dewi", "subject_name=Rina Marlina",
                    "nik=3507015505900003", f"village_code={VILLAGE}", "service_code=LTSA-MALANG",
                    "text=Ditawari kerja ke Taiwan oleh calo"], siti)
    case_id, referral_id = re.search(r"case (\S+) opened; referral (\S+) to the LTSA", referred).groups()
    run(["village_client", "sync"], siti, ok=False)  # the hub cannot be reached: the work waits in the outbox
    assert query(siti, "SELECT COUNT(*) FROM outbox WHERE acked = 0") == [(3,)]

    hub.start()
    assert "acknowledged 3" in run(["village_client", "sync"], siti)
    run(["sws-hub", "user", "add", "rini", "--role", "case_worker", "--language", "en"],
        {**hub.env, "SWS_HUB_USER_PASSWORD": "kata-sandi-rini-1"})
    session, token = login(hub, "rini", "kata-sandi-rini-1")
    page = session.get(f"{hub.url}/cases/{case_id}", timeout=TIMEOUT).text
    assert "Rina Marlina" in page and 'id="referral-answer"' in page
    answered = session.post(f"{hub.url}/cases/{case_id}/answer", timeout=TIMEOUT, data={
        "csrf_token": token, "referral_id": referral_id, "referral_answer": "accepted",
        "text": "Konseling pra-penempatan Senin depan"})
    assert answered.status_code == 200 and "Referral answer saved" in answered.text  # after the redirect

    run(["village_client", "sync"], siti)
    shown = run(["village_client", "case", "show", "--officer", "dewi", case_id], siti)
    assert "LTSA-MALANG Accepted" in shown and "Konseling pra-penempatan Senin depan" in shown

    admin, _ = login(hub, "admin", "admin-pass-123")  # the district reads the report
    report = admin.get(f"{hub.url}/reports/monthly", timeout=TIMEOUT, params={
        "area": VILLAGE, "month": held_on[:7], "format": "csv"})
    figures = {line["measure"]: line["value"] for line in csv.DictReader(io.StringIO(report.text))
               if line["section"] == "taskforce" and line["row"] == "total"}
    assert {name: figures[name] for name in ("sessions", "informed", "named", "referrals", "answered", "open")} == {
        "sessions": "1", "informed": "18", "named": "1", "referrals": "1", "answered": "1", "open": "0"}
