"""Turning on protection at rest for a laptop's existing data (`sws-village protect`, `village_client.at_rest`).

The plain database is copied into a new encrypted one (SQLCipher's `sqlcipher_export`), the device key
file is sealed, and the new key is wrapped for each active officer: under a fresh salt for the one who
protects (they typed their PIN), under the hash that checks the PIN for the others, until their first
login (`village_client.at_rest`). The keyring is written last, as one rename: it is the point of no
return. A laptop switched off before it still holds its plain data (the half-made copies are removed
by the next `protect`); switched off after it, the next open finishes the renames (`finish`). No
process opens the database while this runs (`at_rest.protect_lock`), and a process that has it open
makes `protect` refuse (`ProtectBusy`) with nothing changed.

The plain file is removed once the encrypted one is in place; the disk may still hold its old blocks,
which is why a laptop is best protected the day it is set up, before anyone is registered.
"""

import os
from pathlib import Path

from village_client import at_rest
from village_client.errors import VillageError
from village_client.keys import key_path
from village_client.store import DB_FILE

MAKING = ".protecting"  # the encrypted copies, until the keyring makes them the laptop's


class AlreadyProtected(VillageError):
    """The laptop's data is protected already."""

    code = "already_protected"


class ProtectBusy(VillageError):
    """Another program (the village UI, a relay, a sync) has the database open: close it, then protect."""

    code = "protect_busy"


def protect(data_dir, pins: dict | None = None) -> int:
    """Encrypt the laptop's database and device key; returns how many officers' PINs open it. `pins`
    ({user name: PIN}): officers who typed theirs now (the one protecting), wrapped under a salt of their own
    at once. Raises AlreadyProtected, ProtectBusy."""
    data_dir = Path(data_dir)
    with at_rest.protect_lock(data_dir, exclusive=True):  # no open of the database until the last rename
        if at_rest.is_protected(data_dir):
            finish(data_dir)
            raise AlreadyProtected(str(data_dir))
        return _protect(data_dir, pins or {})


def _protect(data_dir: Path, pins: dict) -> int:
    import sqlcipher3

    database, device_key = data_dir / DB_FILE, key_path(data_dir)
    encrypted, sealed = (path.with_name(path.name + MAKING) for path in (database, device_key))
    for leftover in (encrypted, sealed):  # of a `protect` stopped before its keyring: never the laptop's
        leftover.unlink(missing_ok=True)
    key = os.urandom(32)
    plain = sqlcipher3.connect(str(database), isolation_level=None)
    try:
        _export(plain, encrypted, key)
        officers = plain.execute("SELECT username, pin_hash FROM officer WHERE active = 1").fetchall()
    finally:
        plain.close()
    at_rest.write_private(sealed, at_rest.seal_file(key, device_key.read_bytes()))
    ring = {username: (at_rest.own_entry(key, username, pins[username]) if username in pins
                       else at_rest.verifier_entry(key, username, pin_hash)) for username, pin_hash in officers}
    at_rest.write_keyring(data_dir, ring)  # from here on the laptop is protected
    finish(data_dir)
    at_rest.hold(data_dir, key)
    return len(ring)


def _export(plain, encrypted: Path, key: bytes) -> None:
    """Copy the plain database into a new encrypted file, once no other connection has it open."""
    import sqlcipher3

    plain.execute("PRAGMA busy_timeout = 5000")
    try:  # leaving WAL needs the only connection: the UI or a sync at work refuses it
        plain.execute("PRAGMA journal_mode = DELETE").fetchone()
        if plain.execute("PRAGMA journal_mode").fetchone()[0] != "delete":
            raise ProtectBusy(str(encrypted.parent))
    except sqlcipher3.OperationalError:
        raise ProtectBusy(str(encrypted.parent)) from None
    version = plain.execute("PRAGMA user_version").fetchone()[0]
    plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(encrypted),))
    plain.execute("SELECT sqlcipher_export('encrypted')")
    plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
    plain.execute("DETACH DATABASE encrypted")
    os.chmod(encrypted, 0o600)


def finish(data_dir) -> None:
    """Put the encrypted copies in place, the device key first, once the keyring says the laptop is protected
    (a `protect` stopped between its keyring and its renames). Called under `protect_lock`, or at an open."""
    data_dir = Path(data_dir)
    if not at_rest.is_protected(data_dir):
        return
    database, device_key = data_dir / DB_FILE, key_path(data_dir)
    made_key = device_key.with_name(device_key.name + MAKING)
    if made_key.exists():
        os.replace(made_key, device_key)
    made_database = database.with_name(database.name + MAKING)
    if made_database.exists():
        for journal in ("-wal", "-shm", "-journal"):  # the plain database's (it left WAL before the copy)
            database.with_name(database.name + journal).unlink(missing_ok=True)
        os.replace(made_database, database)
