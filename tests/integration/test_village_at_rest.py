"""Protection at rest on a real SQLite/SQLCipher file (`village_client.at_rest`, `village_client.protect`): wrong PINs
lock the officer out before the database can even be read, a `protect` stopped at any point leaves the laptop
either plain and whole or protected and whole, another program holding the database refuses it with nothing
changed, and the scheduler waits for an officer's login instead of failing."""

import datetime as dt
import subprocess
import sys

import pytest

from tests.integration.test_village_sync import HOUSEHOLD, MEMBERS
from village_client import at_rest, protect, records
from village_client.config import load_settings
from village_client.device import initialise
from village_client.keys import load_key
from village_client.officers import add_officer, authenticate
from village_client.pins import LoginFailed, LoginLocked
from village_client.store import open_store
from village_client.sync.scheduler import SyncScheduler

VILLAGE = "35.07.01.2001"


@pytest.fixture
def data_dir(tmp_path):
    at_rest.ask_with(None)  # nobody to ask for a PIN here
    data_dir = tmp_path / "desa"
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        store.update_device(scope=[VILLAGE])
        siti = add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        records.register_household(store, siti, {**HOUSEHOLD, "village_code": VILLAGE}, MEMBERS)
    yield data_dir
    at_rest.forget(data_dir)


def households(data_dir) -> int:
    with open_store(data_dir) as store:
        return store.scalar("SELECT count(*) FROM household")


def test_wrong_pins_lock_the_officer_out_before_the_data_is_read(data_dir):
    protect.protect(data_dir)
    at_rest.forget(data_dir)
    with pytest.raises(at_rest.DatabaseLocked):
        households(data_dir)
    now = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    for _ in range(3):
        with pytest.raises(LoginFailed):
            at_rest.unlock(data_dir, "siti", "654321", now=now)
    with pytest.raises(LoginLocked) as locked:  # the right PIN too, until the lock ends
        at_rest.unlock(data_dir, "siti", "123456", now=now)
    assert locked.value.fields() == {"seconds": 31}
    with pytest.raises(LoginFailed):
        at_rest.unlock(data_dir, "nobody", "123456", now=now)
    at_rest.unlock(data_dir, "siti", "123456", now=now + dt.timedelta(seconds=31))
    assert households(data_dir) == 1 and load_key(data_dir) is not None
    with open_store(data_dir) as store:  # the database's own check of the PIN still runs
        assert authenticate(store, "siti", "123456").role == "village_secretary"


def test_a_protect_stopped_before_its_keyring_leaves_the_laptop_plain_and_whole(data_dir, monkeypatch):
    def switched_off(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(at_rest, "write_keyring", switched_off)
    with pytest.raises(KeyboardInterrupt):
        protect.protect(data_dir)
    monkeypatch.undo()
    assert (data_dir / "village.db.protecting").exists() and not at_rest.is_protected(data_dir)
    assert households(data_dir) == 1 and b"PRIVATE KEY" in (data_dir / "device_key.pem").read_bytes()
    assert protect.protect(data_dir) == 1  # and it can be protected again, the half-made copies replaced
    assert not (data_dir / "village.db.protecting").exists()


def test_a_protect_stopped_after_its_keyring_is_finished_by_the_next_open(data_dir, monkeypatch):
    monkeypatch.setattr(protect, "finish", lambda folder: None)  # stops after the keyring, before the renames
    protect.protect(data_dir)
    monkeypatch.undo()
    assert (data_dir / "village.db.protecting").exists() and at_rest.is_protected(data_dir)
    at_rest.forget(data_dir)
    at_rest.unlock(data_dir, "siti", "123456")
    assert households(data_dir) == 1  # the open put the encrypted copies in place
    assert not (data_dir / "village.db.protecting").exists()
    assert not (data_dir / "village.db").read_bytes().startswith(b"SQLite format 3")
    assert b"PRIVATE KEY" not in (data_dir / "device_key.pem").read_bytes() and load_key(data_dir) is not None


def test_another_program_holding_the_database_refuses_protect_with_nothing_changed(data_dir):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir / "village.db")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # another process with the database open
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(protect.ProtectBusy):
            protect.protect(data_dir)
    finally:
        holder.communicate("\n", timeout=10)
    assert not at_rest.is_protected(data_dir) and households(data_dir) == 1
    assert (data_dir / "village.db").read_bytes().startswith(b"SQLite format 3")


HOLD = """import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM household").fetchone()
print("open", flush=True)
sys.stdin.readline()
"""


def test_the_scheduler_waits_for_a_login_on_a_protected_laptop(data_dir):
    protect.protect(data_dir)
    at_rest.forget(data_dir)
    scheduler = SyncScheduler(data_dir, load_settings({"data_dir": str(data_dir)}))
    assert scheduler.tick() == "locked" and scheduler.failures == 0


def test_an_open_during_protect_waits_for_it_and_then_reads_the_encrypted_database(data_dir, monkeypatch):
    opener = [sys.executable, "-c", OPEN, str(data_dir)]
    write_keyring = at_rest.write_keyring
    waited = []

    def keyring_while_someone_opens(*args, **kwargs):  # the UI's next page, in the middle of `protect`
        with pytest.raises(subprocess.TimeoutExpired):
            subprocess.run(opener, capture_output=True, timeout=3)
        waited.append(True)
        return write_keyring(*args, **kwargs)

    monkeypatch.setattr(at_rest, "write_keyring", keyring_while_someone_opens)
    protect.protect(data_dir, {"siti": "123456"})
    monkeypatch.undo()
    assert waited and not (data_dir / "village.db").read_bytes().startswith(b"SQLite format 3")
    after = subprocess.run(opener, capture_output=True, text=True, timeout=30)
    assert "[database_locked]" in after.stdout  # the same open, after: the encrypted file, asking for a PIN
    assert households(data_dir) == 1


OPEN = """import sys
from village_client.errors import headline
from village_client.store import open_store
try:
    open_store(sys.argv[1]).close()
    print("opened")
except Exception as error:
    print(headline(error, "en"))
"""


def test_the_officers_who_typed_nothing_get_a_salt_of_their_own_at_their_first_login(data_dir):
    with open_store(data_dir) as store:
        add_officer(store, "rina", "Rina Wati", "midwife", "rina-2468")
        pin_hash = store.scalar("SELECT pin_hash FROM officer WHERE username = 'rina'")
    protect.protect(data_dir, {"siti": "123456"})
    ring = at_rest.read_keyring(data_dir)["officers"]
    assert (ring["siti"]["from"], ring["rina"]["from"]) == (at_rest.OWN, at_rest.VERIFIER)
    assert ring["rina"]["pin"] == pin_hash.rsplit("$", 1)[0] + "$"  # the PIN check's salt, for now
    at_rest.forget(data_dir)
    at_rest.unlock(data_dir, "rina", "rina-2468")
    rina = at_rest.read_keyring(data_dir)["officers"]["rina"]
    assert rina["from"] == at_rest.OWN and rina["pin"].split("$")[4] != pin_hash.split("$")[4]
    at_rest.forget(data_dir)
    at_rest.unlock(data_dir, "rina", "rina-2468")  # and it still opens
    assert households(data_dir) == 1


def test_an_encrypted_database_without_its_keyring_says_so(data_dir):
    protect.protect(data_dir)
    at_rest.forget(data_dir)
    (data_dir / "keyring.json").unlink()
    with pytest.raises(at_rest.KeyringUnreadable):
        households(data_dir)
    (data_dir / "keyring.json").write_text("{not json")
    with pytest.raises(at_rest.KeyringUnreadable):
        at_rest.unlock(data_dir, "siti", "123456")


def test_a_changed_pin_opens_the_protected_data_and_the_old_one_no_longer_does(data_dir):
    from village_client.officers import change_pin
    from village_client.records import InvalidRecord

    protect.protect(data_dir)
    with open_store(data_dir) as store:
        with pytest.raises(InvalidRecord) as refused:  # a wrong current PIN changes nothing
            change_pin(store, "siti", "654321", "24680135", "24680135")
        assert [(e.field, e.rule) for e in refused.value.errors] == [("current_pin", "pin_wrong")]
        change_pin(store, "siti", "123456", "24680135", "24680135")
    at_rest.forget(data_dir)
    with pytest.raises(LoginFailed):
        at_rest.unlock(data_dir, "siti", "123456")
    at_rest.unlock(data_dir, "siti", "24680135")
    assert households(data_dir) == 1


def test_a_pin_change_the_database_refuses_leaves_the_keyring_with_the_old_pin(data_dir):
    from village_client.officers import change_pin

    protect.protect(data_dir)
    with open_store(data_dir) as store:  # the encrypted database's own driver refuses the update
        store.db.execute("CREATE TRIGGER refuse_pin BEFORE UPDATE OF pin_hash ON officer "
                         "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        with pytest.raises(Exception, match="refused by the test"):
            change_pin(store, "siti", "123456", "24680135", "24680135")
        assert authenticate(store, "siti", "123456").username == "siti"
    at_rest.forget(data_dir)
    with pytest.raises(LoginFailed):
        at_rest.unlock(data_dir, "siti", "24680135")
    at_rest.unlock(data_dir, "siti", "123456")  # the keyring and the database still agree on the old PIN
    assert households(data_dir) == 1


def test_a_keyring_that_cannot_be_written_changes_no_pin(data_dir, monkeypatch):
    from village_client.officers import change_pin

    protect.protect(data_dir)

    def full_disk(*_):
        raise OSError(28, "No space left on device")

    with open_store(data_dir) as store:
        monkeypatch.setattr(at_rest, "_write_keyring", full_disk)
        with pytest.raises(OSError):
            change_pin(store, "siti", "123456", "24680135", "24680135")
        monkeypatch.undo()
        assert authenticate(store, "siti", "123456").username == "siti"
    at_rest.forget(data_dir)
    at_rest.unlock(data_dir, "siti", "123456")
