"""A process killed with SIGKILL while saving leaves each record with its change-set, or neither."""

import json
import random
import signal
import subprocess
import sys
import time

from sync_protocol.changeset import GENESIS_HASH, ChangeSet
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.store import open_store

SAVER = """
import sys
from village_client import records
from village_client.officers import authenticate
from village_client.store import open_store

with open_store(sys.argv[1]) as store:
    officer = authenticate(store, "siti", "123456")
    print("ready", flush=True)
    while True:
        records.register_household(
            store, officer, {"kk_number": "3507010101010001", "village_code": "35.07.01.2001"},
            [{"name": "Budi", "birth_date": "1980-01-02", "sex": "M", "nik_status": "unregistered"},
             {"name": "Ani", "birth_date": "1982-03-04", "sex": "F", "nik_status": "unregistered"}])
"""


def kill_while_saving(data_dir, seconds: float) -> None:
    saver = subprocess.Popen([sys.executable, "-c", SAVER, str(data_dir)], stdout=subprocess.PIPE, text=True)
    try:
        assert saver.stdout.readline().strip() == "ready"
        time.sleep(seconds)
    finally:
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        saver.stdout.close()


def test_killed_saves_leave_both_record_and_change_set_or_neither(tmp_path):
    data_dir = tmp_path / "laptop"
    initialise(data_dir)
    with open_store(data_dir) as store:
        add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
    rng = random.Random(7)
    for _ in range(4):
        kill_while_saving(data_dir, rng.uniform(0.2, 0.6))
    with open_store(data_dir) as store:
        in_outbox = created_in_outbox(store)
        stored = {(table, row["id"]) for table in ("household", "person") for row in store.db[table].rows}
        assert stored == in_outbox and len(stored) > 10
        counter = store.device()["record_counter"]
        assert counter == max(int(record.rsplit("-", 1)[1]) for _, record in stored)


def created_in_outbox(store) -> set:
    """Every created record of the outbox, checking on the way that the chain is whole and gap-free."""
    created, previous = set(), GENESIS_HASH
    for number, row in enumerate(store.db.query("SELECT seq, hash, body FROM outbox ORDER BY seq"), start=1):
        changeset = ChangeSet.from_body(json.loads(row["body"]))
        assert (changeset.seq, changeset.prev_hash, changeset.hash().hex()) == (number, previous, row["hash"])
        previous = changeset.hash()
        created |= {(op.table, op.record_id) for op in changeset.ops}
    return created
