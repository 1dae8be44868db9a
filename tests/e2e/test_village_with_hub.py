"""Two village laptops and the real hub, each a process on 127.0.0.1: enroll, register, sync, conflict.

The hub is `sws-hub serve` on a free port; the laptops are `sws-village` commands. A hub killed with
SIGKILL mid-way loses nothing the laptops saved: their outbox keeps it until a restarted hub
acknowledges it.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


SWS_HUB = str(Path(sys.executable).with_name("sws-hub"))


def run(args, env, ok=True) -> str:
    command = [SWS_HUB, *args[1:]] if args[0] == "sws-hub" else [sys.executable, "-m", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    return result.stdout + result.stderr


class Hub:
    def __init__(self, data_dir):
        self.env = {**os.environ, "SWS_HUB_DATA_DIR": str(data_dir), "SWS_HUB_ADMIN_PASSWORD": "admin-pass-123"}
        run(["sws-hub", "init"], self.env)
        self.process, self.url = None, None

    def start(self):
        """Serve on a free port the first time, then on the same port (the laptops know it)."""
        port = self.url.rsplit(":", 1)[1] if self.url else "0"
        self.process = subprocess.Popen([SWS_HUB, "serve", "--port", port],
                                        env=self.env, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        self.url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.process.stdout.close()

    def token(self) -> str:
        output = run(["sws-hub", "device-token", "--scope", "35.07.01.2001", "--label", "desa"], self.env)
        return re.search(r"^token: (\S+)", output, re.MULTILINE).group(1)


@pytest.fixture
def hub(tmp_path):
    hub = Hub(tmp_path / "hub")
    hub.start()
    yield hub
    hub.kill()


def laptop(tmp_path, name, officer, hub, role="village_secretary") -> dict:
    env = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(tmp_path / name), "SWS_VILLAGE_PIN": "123456",
           "SWS_VILLAGE_RETRY_BASE": "0.05", "SWS_VILLAGE_RETRY_ATTEMPTS": "2", "SWS_VILLAGE_LANGUAGE": "en"}
    run(["village_client", "init", "--label", name], env)
    run(["village_client", "officer", "add", officer, "--name", officer.title(), "--role", role], env)
    run(["village_client", "enroll", "--hub", hub.url, "--token", hub.token()], env)
    return env


def query(env, sql):
    with sqlite3.connect(os.path.join(env["SWS_VILLAGE_DATA_DIR"], "village.db")) as db:
        return db.execute(sql).fetchall()


def test_two_laptops_sync_through_the_hub_and_a_concurrent_edit_becomes_a_conflict(tmp_path, hub):
    siti, rina = laptop(tmp_path, "sukamaju", "siti", hub), laptop(tmp_path, "bidan", "rina", hub)
    added = run(["village_client", "household", "add", "--officer", "siti", "kk_number=3507010101010001",
                 "village_code=35.07.01.2001", "--member",
                 "name=Budi Santoso;birth_date=1980-01-02;sex=M;nik=3507010201800001;relationship=head"], siti)
    person = re.search(r"members: (\S+)", added).group(1)
    assert "Sent 1, acknowledged 1" in run(["village_client", "sync"], siti)
    run(["village_client", "sync"], rina)
    assert query(rina, f"SELECT name FROM person WHERE id = '{person}'") == [("Budi Santoso",)]
    run(["village_client", "person", "update", "--officer", "rina", person, "phone=081111111111"], rina)
    run(["village_client", "person", "update", "--officer", "siti", person, "phone=082222222222"], siti)
    run(["village_client", "sync"], siti)
    assert "conflicts 1" in run(["village_client", "sync"], rina)
    assert query(rina, "SELECT field, status FROM conflict") == [("phone", "open")]
    assert query(rina, f"SELECT phone FROM person WHERE id = '{person}'") == [(None,)], "the last agreed value"


def test_a_hub_killed_mid_way_loses_nothing_the_laptop_saved(tmp_path, hub):
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    hub.kill()
    run(["village_client", "person", "add", "--officer", "siti", "name=Dewi", "birth_date=2025-06-01", "sex=F",
         "nik_status=newborn", "village_code=35.07.01.2001"], siti)
    assert "[unreachable" in run(["village_client", "sync"], siti, ok=False)
    hub.start()
    assert "Sent 1, acknowledged 1" in run(["village_client", "sync"], siti)
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]


def person_add(env, officer, name, nik) -> None:
    run(["village_client", "person", "add", "--officer", officer, f"name={name}", "birth_date=1990-05-15", "sex=F",
         f"nik={nik}", "village_code=35.07.01.2001"], env)


def hub_people(hub) -> list:
    with sqlite3.connect(os.path.join(hub.env["SWS_HUB_DATA_DIR"], "hub.sqlite")) as db:
        rows = db.execute("SELECT json_extract(data, '$.name') FROM records WHERE table_name = 'person'")
        return sorted(name for (name,) in rows)


def test_a_hub_restored_from_an_older_backup_gets_back_what_the_laptops_sent_since(tmp_path, hub):
    siti, rina = laptop(tmp_path, "sukamaju", "siti", hub), laptop(tmp_path, "bidan", "rina", hub)
    person_add(siti, "siti", "Ani", "3507015505900001")
    run(["village_client", "sync"], siti)
    backup = tmp_path / "hub-backup.sqlite"
    with sqlite3.connect(os.path.join(hub.env["SWS_HUB_DATA_DIR"], "hub.sqlite")) as live, \
            sqlite3.connect(backup) as copy:
        live.backup(copy)  # the night's backup, taken while the hub serves
    # After the backup: each laptop sends more, and the other hears of it.
    person_add(siti, "siti", "Budi", "3507015505900002")
    person_add(rina, "rina", "Citra", "3507015505900003")
    run(["village_client", "sync"], siti)
    run(["village_client", "sync"], rina)
    run(["village_client", "sync"], siti)
    assert query(siti, "SELECT name FROM person ORDER BY name") == [("Ani",), ("Budi",), ("Citra",)]
    # The disk dies; the hub comes back from the backup, marked as restored.
    hub.kill()
    database = os.path.join(hub.env["SWS_HUB_DATA_DIR"], "hub.sqlite")
    for journal in (database + "-wal", database + "-shm"):  # the dead disk's journal goes with it
        if os.path.exists(journal):
            os.remove(journal)
    os.replace(backup, database)
    assert "restored" in run(["sws-hub", "db", "restored"], hub.env)
    hub.start()
    assert hub_people(hub) == ["Ani"]
    run(["village_client", "sync"], siti)  # the hub's acknowledgement tells the laptop what it lacks
    run(["village_client", "sync"], rina)
    assert hub_people(hub) == ["Ani", "Budi", "Citra"]
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    # What the restored hub writes reaches the laptops though their cursors once went further.
    person_add(rina, "rina", "Dewi", "3507015505900004")
    run(["village_client", "sync"], rina)
    run(["village_client", "sync"], siti)
    assert ("Dewi",) in query(siti, "SELECT name FROM person")


def test_a_laptop_restored_from_an_old_backup_is_readmitted_with_its_unsent_work(tmp_path, hub):
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    data_dir = siti["SWS_VILLAGE_DATA_DIR"]
    person_add(siti, "siti", "Ani", "3507015505900001")
    run(["village_client", "sync"], siti)
    with sqlite3.connect(os.path.join(data_dir, "village.db")) as live, \
            sqlite3.connect(tmp_path / "laptop-backup.db") as copy:
        live.backup(copy)
    old_device = query(siti, "SELECT device_id FROM device")[0][0]
    person_add(siti, "siti", "Budi", "3507015505900002")
    run(["village_client", "sync"], siti)
    # The laptop's disk is restored from the backup; the officer records more before syncing.
    database = os.path.join(data_dir, "village.db")
    for journal in (database + "-wal", database + "-shm"):
        if os.path.exists(journal):
            os.remove(journal)
    os.replace(tmp_path / "laptop-backup.db", database)
    person_add(siti, "siti", "Citra", "3507015505900003")
    assert "[fork]" in run(["village_client", "sync"], siti, ok=False)
    # The district re-admits it; the laptop moves its unsent work onto a new identity.
    token = re.search(r"^token: (\S+)", run(["sws-hub", "devices", "readmit", old_device], hub.env), re.M)[1]
    moved = run(["village_client", "readmit", "--hub", hub.url, "--token", token], siti)
    assert "1 unsent change-sets moved, 1 records renamed" in moved
    run(["village_client", "sync"], siti)
    assert hub_people(hub) == ["Ani", "Budi", "Citra"]  # nothing lost, nothing twice
    assert query(siti, "SELECT name FROM person ORDER BY name") == [("Ani",), ("Budi",), ("Citra",)]
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    new_device = query(siti, "SELECT device_id FROM device")[0][0]
    assert new_device != old_device
    [(citra,)] = query(siti, "SELECT id FROM person WHERE name = 'Citra'")
    assert citra.startswith(new_device + "-")
    assert "[readmit_not_needed]" in run(["village_client", "readmit", "--hub", hub.url, "--token", token], siti,
                                         ok=False)


def test_the_schedulers_engine_syncs_again_on_the_connection_it_kept(tmp_path, hub):
    from village_client.config import load_settings
    from village_client.sync.engine import SyncEngine
    from village_client.sync.scheduler import SyncScheduler

    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    data_dir = siti["SWS_VILLAGE_DATA_DIR"]
    settings = {**load_settings(), "retry_base": 0.05}
    scheduler = SyncScheduler(data_dir, settings)  # one engine for as long as the laptop's UI runs
    assert scheduler.tick() == "synced"
    person_add(siti, "siti", "Ani", "3507015505900001")
    scheduler.next_due = 0
    assert scheduler.tick() == "synced"
    pools = scheduler.engine._kept.session.get_adapter(hub.url).poolmanager.pools
    assert [pools[key].num_connections for key in pools.keys()] == [1]  # the hub (waitress) kept it open
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    command = SyncEngine(data_dir, settings)
    command.sync()
    assert command._kept is not scheduler.engine._kept  # a command opens its own
