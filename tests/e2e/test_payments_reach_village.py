"""A person followed from approved to enrolled to a benefit paid at the hub, seen on the village laptop.

Every part is real and a separate process: `sws-hub` imports a generated district, loads the shipped
catalogue and matches it; `sws-village` enrolls, applies from the list and syncs over HTTP on 127.0.0.1;
the hub decides (`sws-hub decide`), enrols through its admin UI's form, and imports a benefit payment file
(`sws-hub payments import`); the village UI (`sws-village ui`) then shows, offline, the month paid and the
next month expected and not paid.
"""

import json
import re
import sqlite3

import pytest
import requests

from tests.e2e.conftest import ADMIN_PASSWORD, running_village_ui
from tests.e2e.test_lists_reach_village import PIN, district, matched_hub, village_cli, world  # noqa: F401  (fixtures)
from village_client.store import DB_FILE

pytestmark = pytest.mark.e2e
TIMEOUT = (5, 30)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CARD = "JSLU-000123"


def logged_in(url: str, **credentials) -> requests.Session:
    session = requests.Session()
    token = CSRF.search(session.get(f"{url}/login", timeout=TIMEOUT).text)[1]
    session.post(f"{url}/login", data={**credentials, "csrf_token": token}, timeout=TIMEOUT)
    return session


def monthly_member(laptop) -> tuple[str, str]:
    """(programme, NIK) of the first person on a list held whose programme pays a benefit every month."""
    with sqlite3.connect(laptop / DB_FILE) as db:
        monthly = [code for code, data in db.execute("SELECT code, data FROM programme")
                   if json.loads(data).get("benefit_period") == "monthly" and json.loads(data).get("benefit_amount")]
        for code in sorted(monthly):
            row = db.execute("SELECT nik FROM list_member WHERE programme_code = ? ORDER BY nik", [code]).fetchone()
            if row:
                return code, row[0]
    raise AssertionError("no list of a monthly benefit in the village")


def test_an_enrolled_beneficiary_paid_at_the_hub_is_seen_paid_then_flagged_unpaid_in_the_village(world, tmp_path):  # noqa: F811
    hub, laptop, village = world
    village_cli(laptop, "sync")
    programme, nik = monthly_member(laptop)
    village_cli(laptop, "apply", "--officer", "siti", programme, nik)
    village_cli(laptop, "sync")
    application_id = re.search(rf"^(\S+)\s+{programme}\s+{nik}\s+applied", hub.cli(
        "applications", "--status", "applied").stdout, re.M)[1]
    hub.cli("decide", application_id, "approved")

    admin = logged_in(hub.url, username="admin", password=ADMIN_PASSWORD)
    token = CSRF.search(admin.get(f"{hub.url}/memberships/", timeout=TIMEOUT).text)[1]
    enrolled = admin.post(f"{hub.url}/memberships/enrol/{application_id}", timeout=TIMEOUT,
                          data={"csrf_token": token, "number": CARD, "start": "2026-03-01"})
    assert enrolled.status_code == 200 and CARD in enrolled.text
    amount = json.loads(sqlite3.connect(laptop / DB_FILE).execute(
        "SELECT data FROM programme WHERE code = ?", [programme]).fetchone()[0])["benefit_amount"]
    paid = tmp_path / "benefits-2026-03.csv"
    paid.write_text("reference,nik,membership_number,programme,period,paid_on,amount\n"
                    f"POS/2026/03/000001,{nik},{CARD},{programme},2026-03,2026-03-10,{amount}\n", encoding="utf-8")
    assert "1" in hub.cli("payments", "import", "--kind", "benefits", str(paid)).stdout

    village_cli(laptop, "sync")
    with running_village_ui(laptop, SWS_VILLAGE_LANGUAGE="en") as address:
        officer = logged_in(address.rstrip("/"), username="siti", pin=PIN)
        march = officer.get(f"{address}payments?month=2026-03&lang=en", timeout=TIMEOUT).text
        row = re.search(r'<tr id="payment-\d+" class="">(.*?)</tr>', march, re.S)[1]
        assert nik in row and f"enrolled since 01-03-2026, card no. {CARD}" in row and "10-03-2026" in row
        april = officer.get(f"{address}payments?month=2026-04&flagged=1&lang=en", timeout=TIMEOUT).text
        flagged = re.search(r'<tr id="payment-\d+" class="flagged">(.*?)</tr>', april, re.S)[1]
        assert nik in flagged and "expected, not paid" in flagged
        listed = officer.get(f"{address}lists?programme={programme}&lang=en", timeout=TIMEOUT).text
        assert f"enrolled since 01-03-2026, card no. {CARD}" in listed
