"""A sensitive case with real processes: `sws-hub serve` on a free 127.0.0.1 port and two village laptops
(`sws-village` commands) of the same village. The second laptop never receives the case, not even in its
database file, while the first receives the protection unit's response written at the desk over HTTP."""

import os
import re
from pathlib import Path

import pytest
import requests

from tests.e2e.test_complaint_desk_with_hub import CSRF, TIMEOUT
from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401 (hub is a fixture)

pytestmark = pytest.mark.e2e
SECRET = "Dijanjikan kerja di Malaysia, paspor ditahan agen"


def login(hub, username, password) -> tuple[requests.Session, str]:  # noqa: F811
    session = requests.Session()
    token = CSRF.search(session.get(f"{hub.url}/login", timeout=TIMEOUT).text)[1]
    page = session.post(f"{hub.url}/login", data={"username": username, "password": password, "csrf_token": token},
                        timeout=TIMEOUT)
    return session, CSRF.search(page.text)[1]


def database_bytes(env) -> bytes:
    """Everything the laptop's SQLite files hold, free pages and the write-ahead log included."""
    folder = Path(env["SWS_VILLAGE_DATA_DIR"])
    return b"".join(path.read_bytes() for path in sorted(folder.glob("village.db*")))


def test_a_second_laptop_of_the_village_never_receives_a_sensitive_case(tmp_path, hub):  # noqa: F811
    siti, rina = laptop(tmp_path, "sukamaju", "siti", hub), laptop(tmp_path, "sukamaju-2", "rina", hub)
    ordinary = re.search(r"complaint (\S+) recorded", run([
        "village_client", "complaint", "add", "--officer", "siti", "category=payment_delay", "programme_code=PKH",
        "complainant_name=Ani Lestari", "description=PKH belum cair", "village_code=35.07.01.2001"], siti))[1]
    added = run(["village_client", "complaint", "add", "--officer", "siti", "category=trafficking",
                 "complainant_name=Wulan Sari", f"description={SECRET}", "village_code=35.07.01.2001"], siti)
    case = re.search(r"complaint (\S+) recorded", added)[1]
    run(["village_client", "complaint", "event", "--officer", "siti", case, "referral", "referred_to=uptd_ppa",
         "text=Diantar ke UPTD PPA kabupaten"], siti)
    assert "Sent 3, acknowledged 3" in run(["village_client", "sync"], siti)
    run(["village_client", "sync"], rina)
    assert query(rina, f"SELECT id FROM complaint WHERE id = '{ordinary}'") == [(ordinary,)]
    assert query(rina, f"SELECT COUNT(*) FROM complaint WHERE id = '{case}'") == [(0,)]
    assert query(rina, f"SELECT COUNT(*) FROM complaint_event WHERE complaint_id = '{case}'") == [(0,)]

    env = {**hub.env, "SWS_HUB_USER_PASSWORD": "kata-sandi-ppa-1"}
    run(["sws-hub", "user", "add", "ppa", "--role", "protection_unit", "--language", "en"], env)
    run(["sws-hub", "user", "add", "camat", "--role", "sub_district_officer", "--area", "35.07.01"], env)
    officer, _ = login(hub, "camat", "kata-sandi-ppa-1")
    queue = officer.get(f"{hub.url}/desk/queue/district", timeout=TIMEOUT).text
    assert "Wulan Sari" not in queue and officer.get(f"{hub.url}/desk/complaint/{case}",
                                                     timeout=TIMEOUT).status_code == 404
    unit, token = login(hub, "ppa", "kata-sandi-ppa-1")
    home = unit.get(f"{hub.url}/desk/", timeout=TIMEOUT)
    assert home.url.endswith("/desk/queue/sensitive") and "Wulan Sari" in home.text and "Ani Lestari" not in home.text
    page = f"{hub.url}/desk/complaint/{case}"
    answer = unit.post(f"{page}/respond", data={"csrf_token": token, "text": "Korban didampingi UPTD PPA dan Unit "
                                                                              "PPA Polres; paspor dikembalikan."},
                       timeout=TIMEOUT)
    assert answer.status_code == 200 and answer.url == page, answer.text[-500:]

    for env in (siti, rina, siti):
        run(["village_client", "sync"], env)
    shown = run(["village_client", "complaint", "show", "--officer", "siti", case], siti)
    assert "Korban didampingi UPTD PPA" in shown and "Status: Resolved" in shown
    assert "UPTD PPA (women's and children's protection)" in shown  # the referral, in the history
    assert query(rina, f"SELECT COUNT(*) FROM complaint_event WHERE complaint_id = '{case}'") == [(0,)]
    kept = database_bytes(rina)
    assert SECRET.encode() not in kept and b"Wulan Sari" not in kept and b"Korban didampingi" not in kept
    assert os.path.getsize(Path(rina["SWS_VILLAGE_DATA_DIR"]) / "village.db") > 0
