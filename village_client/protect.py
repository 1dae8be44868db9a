"""Turning on protection at rest for a laptop's existing data (`sws-village protect`, `village_client.at_rest`).

The plain database is copied into a new encrypted one (SQLCipher's `sqlcipher_export`), the device key
file is sealed, and each active officer's PIN hash wraps the new key: no officer has to type a PIN but
the one who protects. The keyring is written last, as one rename: it is the point of no return. A
laptop switched off before it still holds its plain data (the half-made copies are removed on the next
`protect`); switched off after it, the next open finishes the two renames (`finish`).

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


def protect(data_dir) -> int:
    """Encrypt the laptop's database and device key; returns how many officers' PINs open it. Raises
    AlreadyProtected, ProtectBusy."""
    import sqlcipher3

    data_dir = Path(data_dir)
    finish(data_dir)
    if at_rest.is_protected(data_dir):
        raise AlreadyProtected(str(data_dir))
    database, device_key = data_dir / DB_FILE, key_path(data_dir)
    encrypted, sealed = (path.with_name(path.name + MAKING) for path in (database, device_key))
    for leftover in (encrypted, sealed):
        leftover.unlink(missing_ok=True)
    key = os.urandom(32)
    plain = sqlcipher3.connect(str(database), isolation_level=None)
    try:
        _export(plain, encrypted, key)
        officers = plain.execute("SELECT username, pin_hash FROM officer WHERE active = 1").fetchall()
    finally:
        plain.close()
    at_rest.write_private(sealed, at_rest.seal_file(key, device_key.read_bytes()))
    ring = {username: at_rest.wrapped_entry(key, username, pin_hash) for username, pin_hash in officers}
    at_rest.write_keyring(data_dir, ring)  # from here on the laptop is protected
    finish(data_dir)
    at_rest.hold(data_dir, key)
    return len(ring)


def _export(plain, encrypted: Path, key: bytes) -> None:
    """Copy the plain database into a new encrypted file, once no other connection has it open."""
    import sqlcipher3

    plain.execute("PRAGMA busy_timeout = 5000")
    try:  # leaving WAL needs the only connection: the UI or a sync still at work refuses it
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
    """Put the encrypted copies in place when the keyring says the laptop is protected (a `protect` stopped
    between its keyring and its renames); remove them when it does not (one stopped before)."""
    data_dir = Path(data_dir)
    database = data_dir / DB_FILE
    for path in (database, key_path(data_dir)):
        made = path.with_name(path.name + MAKING)
        if not made.exists():
            continue
        if not at_rest.is_protected(data_dir):
            made.unlink()
            continue
        os.replace(made, path)
        if path == database:  # the plain database left WAL before the copy: its -wal and -shm hold nothing
            for journal in ("-wal", "-shm"):
                database.with_name(database.name + journal).unlink(missing_ok=True)
