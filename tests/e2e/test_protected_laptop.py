"""A laptop's data protected at rest (`sws-village protect`), with real processes on 127.0.0.1: after protecting,
the database and the device key on disk are ciphertext that SQLite and a key reader cannot use; each officer's
own PIN opens them (those added before and after), a wrong PIN opens nothing and is counted, the laptop keeps
registering and syncing with the hub, and the UI opens the data at the first login and asks again after a
restart."""

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.e2e.test_village_with_hub import hub, laptop, person_add, run  # noqa: F401  (fixture: hub)

pytestmark = pytest.mark.e2e


def as_officer(env, officer, pin="123456") -> dict:
    return {**env, "SWS_VILLAGE_OFFICER": officer, "SWS_VILLAGE_PIN": pin}


def test_a_protected_laptop_keeps_working_and_gives_nothing_away_on_disk(tmp_path, hub):  # noqa: F811
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    data_dir = Path(siti["SWS_VILLAGE_DATA_DIR"])
    run(["village_client", "officer", "add", "rina", "--name", "Rina Wati", "--role", "midwife", "--pin", "rina-2468"],
        siti)
    person_add(siti, "siti", "Ani Suryani", "3507015505900001")
    said = run(["village_client", "protect", "--officer", "siti"], siti)
    assert "now encrypted" in said and "2 officers" in said
    database = (data_dir / "village.db").read_bytes()
    assert not database.startswith(b"SQLite format 3") and b"Ani Suryani" not in database
    reader = sqlite3.connect(data_dir / "village.db")
    with pytest.raises(sqlite3.DatabaseError):
        reader.execute("SELECT * FROM person").fetchall()
    reader.close()
    assert b"PRIVATE KEY" not in (data_dir / "device_key.pem").read_bytes()
    ring = json.loads((data_dir / "keyring.json").read_text())
    assert sorted(ring["officers"]) == ["rina", "siti"]
    assert oct((data_dir / "keyring.json").stat().st_mode)[-3:] == "600"
    # Each officer's own PIN opens it: siti's, and rina's, who typed nothing when it was protected.
    person_add(as_officer(siti, "siti"), "siti", "Sri Wahyuni", "3507015505900002")
    assert "pending change-sets: 2" in run(["village_client", "status"], as_officer(siti, "rina", "rina-2468"))
    # A wrong PIN opens nothing, says so in one line, and counts towards the lock.
    refused = run(["village_client", "status"], as_officer(siti, "siti", "000000"), ok=False)
    assert "[login_failed]" in refused and "Traceback" not in refused
    assert json.loads((data_dir / "keyring.json").read_text())["officers"]["siti"]["failed"] == 1
    # An officer added after protection opens it with their own PIN.
    run(["village_client", "officer", "add", "dewi", "--name", "Dewi Lestari", "--role", "case_worker", "--pin",
         "dewi-1357"], as_officer(siti, "siti"))
    assert "pending change-sets: 2" in run(["village_client", "status"], as_officer(siti, "dewi", "dewi-1357"))
    # Syncing: the sealed device key signs, the hub receives both people.
    assert "Sent 2, acknowledged 2" in run(["village_client", "sync"], as_officer(siti, "siti"))
    assert "pending change-sets: 0" in run(["village_client", "status"], as_officer(siti, "siti"))
    again = run(["village_client", "protect", "--officer", "siti"], as_officer(siti, "siti"), ok=False)
    assert "[already_protected]" in again


def test_the_ui_opens_the_data_at_the_first_login_and_asks_again_after_a_restart(tmp_path, hub):  # noqa: F811
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    person_add(siti, "siti", "Ani Suryani", "3507015505900001")
    run(["village_client", "protect", "--officer", "siti"], siti)
    env = {key: value for key, value in siti.items() if key not in ("SWS_VILLAGE_PIN", "SWS_VILLAGE_OFFICER")}
    for restart in range(2):
        ui = subprocess.Popen([sys.executable, "-m", "village_client", "ui", "--port", "0", "--no-scheduled-sync"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            url = re.search(r"http://127\.0\.0\.1:\d+", ui.stdout.readline()).group(0)
            browser = requests.Session()
            page = browser.get(f"{url}/")
            assert "/login" in page.url  # nothing to show before an officer's PIN opens the data
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
            wrong = browser.post(f"{url}/login", data={"username": "siti", "pin": "000000", "csrf_token": csrf})
            assert "/login" in wrong.url and "Ani Suryani" not in wrong.text
            home = browser.post(f"{url}/login", data={"username": "siti", "pin": "123456", "csrf_token": csrf})
            assert home.status_code == 200 and "/login" not in home.url
            assert "1 people" in home.text or "1 warga" in home.text, restart  # read from the encrypted database
        finally:
            ui.terminate()
            ui.wait(10)
            ui.stdout.close()
            ui.stderr.close()
