"""A laptop's data at rest, protected against a stolen laptop (`sws-village protect`; docs/operations.md,
"Protecting a laptop's data").

On a protected laptop the database is encrypted by SQLCipher (AES-256, every page authenticated) under a
random 256-bit key, and the device's private key file is encrypted under a key derived from it. The key
is never written in the clear: `keyring.json` beside the database holds it once per officer, wrapped
(ChaCha20-Poly1305) under a scrypt digest of that officer's PIN with a salt of its own, a digest kept
nowhere. When the laptop is protected, officers who typed nothing get an entry wrapped under the
digest that checks their PIN (a copy of which a plain backup made before may hold); their first login
wraps the key again under a fresh salt and drops that entry. An officer's login unwraps the key and the
process that logged in (the UI with its scheduler, or one command) holds it in memory until it ends:
the scheduler keeps syncing while the UI runs, and a laptop taken away switched off gives up nothing
without an officer's PIN.

The keyring file holds no secret without a PIN; it also counts wrong PINs, since before the key is
unwrapped the database (and the count it keeps) cannot be read.
"""

import base64
import contextlib
import datetime as dt
import fcntl
import json
import os
import tempfile
from pathlib import Path

from village_client.errors import VillageError
from village_client.pins import (
    LoginFailed,
    LoginLocked,
    hash_pin,
    lock_seconds,
    pin_digest,
    stored_digest,
    without_digest,
)

KEYRING_FILE = "keyring.json"
KEYRING_LOCK = "keyring.lock"
PROTECT_LOCK = "protect.lock"
KEYRING_FORMAT = 1
WRAP_INFO = b"SWS-VILLAGE-DB-KEY-1"  # an officer's PIN digest -> the key that wraps the database key
FILE_INFO = b"SWS-VILLAGE-FILE-KEY-1"  # the database key -> the key that seals the device key file
SEALED_FILE = b"SWS-SEALED-1\n"  # how an encrypted file (the device key) begins
_held: dict = {}  # resolved data folder -> the database key, for this process's life
_unlocker = None  # how this process asks for an officer's PIN when it needs the key (a command: its --officer)


class KeyringUnreadable(VillageError):
    """`keyring.json` is damaged or missing beside a protected database: restore it from the backup."""

    status, code = 500, "keyring_unreadable"

    def fields(self) -> dict:
        return {"path": self.args[0] if self.args else ""}


class DatabaseLocked(VillageError):
    """The laptop's data is protected and no officer has logged in in this process: log in first."""

    status, code = 401, "database_locked"


def keyring_path(data_dir) -> Path:
    return Path(data_dir) / KEYRING_FILE


def is_protected(data_dir) -> bool:
    return keyring_path(data_dir).exists()


def _place(data_dir) -> str:
    return str(Path(data_dir).resolve())


def held_key(data_dir) -> bytes | None:
    """The database key if this process holds it (an officer logged in), else None."""
    return _held.get(_place(data_dir))


def database_key(data_dir) -> bytes | None:
    """The key to open the database with: None for a laptop that is not protected. Raises DatabaseLocked when
    it is protected and no officer has logged in in this process."""
    if not is_protected(data_dir):
        return None
    if held_key(data_dir) is None and _unlocker is not None:
        _unlocker(data_dir)
    key = held_key(data_dir)
    if key is None:
        raise DatabaseLocked(str(data_dir))
    return key


def ask_with(unlocker) -> None:
    """Have `unlocker(data_dir)` called (it calls `unlock`) when this process needs the key it does not hold:
    a command asks for its officer's PIN. None for a process that must not ask (the UI: officers log in)."""
    global _unlocker
    _unlocker = unlocker


def forget(data_dir) -> None:
    """Drop the key this process holds (tests; a process that wants to lock again)."""
    _held.pop(_place(data_dir), None)


def unlock(data_dir, username: str, pin: str, now: dt.datetime | None = None) -> bytes:
    """Unwrap the database key with an officer's PIN and hold it for this process. Raises LoginFailed (unknown
    officer, or wrong PIN: not saying which) or LoginLocked after too many wrong PINs in a row."""
    from cryptography.exceptions import InvalidTag

    now = now or dt.datetime.now(dt.UTC)
    with _keyring_lock(data_dir):
        ring = read_keyring(data_dir)
        entry = ring["officers"].get(username or "")
        if entry is None:
            raise LoginFailed(username)
        locked_until = entry.get("locked_until")
        if locked_until and dt.datetime.fromisoformat(locked_until) > now:
            raise LoginLocked(int((dt.datetime.fromisoformat(locked_until) - now).total_seconds()) + 1)
        try:
            key = _unwrap(entry, pin_digest(pin or "", entry["pin"]), username)
        except InvalidTag:
            entry["failed"] = entry.get("failed", 0) + 1
            wait = lock_seconds(entry["failed"])
            entry["locked_until"] = (now + dt.timedelta(seconds=wait)).isoformat() if wait else None
            _write_keyring(data_dir, ring)
            raise LoginFailed(username) from None
        if entry.get("failed") or entry.get("from") == VERIFIER:
            ring["officers"][username] = own_entry(key, username, pin)  # a salt of its own, digest kept nowhere
            _write_keyring(data_dir, ring)
    _held[_place(data_dir)] = key
    return key


def hold(data_dir, key: bytes) -> None:
    """Hold `key` for this process (the laptop was just protected by it)."""
    _held[_place(data_dir)] = key


def admit_officer(data_dir, username: str, pin: str) -> None:
    """Wrap the held database key for an officer with their PIN; replaces an entry they had. A no-op on a laptop
    that is not protected."""
    if not is_protected(data_dir):
        return
    key = database_key(data_dir)
    with _keyring_lock(data_dir):
        ring = read_keyring(data_dir)
        ring["officers"][username] = own_entry(key, username, pin)
        _write_keyring(data_dir, ring)


@contextlib.contextmanager
def entry_replaced(data_dir, username: str, pin: str):
    """Wrap the held database key for an officer with a new PIN for the block: the officer's entry is replaced
    before it runs and put back as it was if it raises (the database refused the new PIN's hash), so the keyring
    and the database never hold different PINs. The keyring stays locked meanwhile: two changes of the same
    officer's PIN cannot interleave. A no-op on a laptop that is not protected."""
    if not is_protected(data_dir):
        yield
        return
    replacement = own_entry(database_key(data_dir), username, pin)  # scrypt before the lock: logins wait less
    with _keyring_lock(data_dir):
        ring = read_keyring(data_dir)
        held = ring["officers"].get(username)
        ring["officers"][username] = replacement
        _write_keyring(data_dir, ring)
        try:
            yield
        except BaseException:
            if held is None:
                ring["officers"].pop(username, None)
            else:
                ring["officers"][username] = held
            _write_keyring(data_dir, ring)
            raise


VERIFIER, OWN = "pin_check", "own_salt"  # what an entry's wrapping key is the digest of


def own_entry(key: bytes, username: str, pin: str) -> dict:
    """The keyring entry that gives `key` to whoever knows `pin`: scrypt with a salt of its own."""
    salted = hash_pin(pin)
    return _entry(key, username, salted, OWN)


def verifier_entry(key: bytes, username: str, pin_hash: str) -> dict:
    """The entry for an officer who typed nothing when the laptop was protected: under the digest of their PIN
    hash (`pins.hash_pin`), until their first login replaces it with an `own_entry`."""
    return _entry(key, username, pin_hash, VERIFIER)


def _entry(key: bytes, username: str, pin_hash: str, source: str) -> dict:
    nonce = os.urandom(12)
    wrapped = _aead(_wrapping_key(stored_digest(pin_hash), username)).encrypt(nonce, key, username.encode())
    return {"pin": without_digest(pin_hash), "from": source, "nonce": _b64(nonce), "wrapped": _b64(wrapped),
            "failed": 0, "locked_until": None}


def _unwrap(entry: dict, digest: bytes, username: str) -> bytes:
    return _aead(_wrapping_key(digest, username)).decrypt(base64.b64decode(entry["nonce"]),
                                                          base64.b64decode(entry["wrapped"]), username.encode())


def _wrapping_key(digest: bytes, username: str) -> bytes:
    return _derived(digest, WRAP_INFO + username.encode())


def _aead(key: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305  # on use: commands start quickly

    return ChaCha20Poly1305(key)


def _derived(secret: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(secret)


def read_keyring(data_dir) -> dict:
    """The keyring. Raises KeyringUnreadable for a keyring that is not one (damaged, or of a later version)."""
    try:
        ring = json.loads(keyring_path(data_dir).read_text())
    except (OSError, ValueError) as exc:
        raise KeyringUnreadable(str(keyring_path(data_dir))) from exc
    if not isinstance(ring, dict) or ring.get("format") != KEYRING_FORMAT or not isinstance(ring.get("officers"), dict):
        raise KeyringUnreadable(str(keyring_path(data_dir)))
    return ring


def write_keyring(data_dir, officers: dict) -> Path:
    """Write a keyring of `officers` ({user name: entry}) in the data folder; returns its path."""
    with _keyring_lock(data_dir):
        return _write_keyring(data_dir, {"format": KEYRING_FORMAT, "officers": officers})


def _write_keyring(data_dir, ring: dict) -> Path:
    path = keyring_path(data_dir)
    write_private(path, json.dumps(ring, indent=1, sort_keys=True).encode())
    return path


@contextlib.contextmanager
def _keyring_lock(data_dir):
    """One process at a time reads and rewrites the keyring (a login counting a wrong PIN, `officer add`)."""
    descriptor = os.open(Path(data_dir) / KEYRING_LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def protect_lock(data_dir, *, exclusive: bool):
    """Held shared by every open of the database, and exclusive by `protect` from its first check to its last
    rename: no process opens the plain file while it is being replaced (its writes would be lost)."""
    descriptor = os.open(Path(data_dir) / PROTECT_LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(descriptor)


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, readable by its owner only, whole or not at all."""
    descriptor, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def connect(path, key: bytes):
    """A connection to the encrypted database at `path` (SQLCipher 4 defaults, the raw key: no key derivation
    per open). Raises DatabaseLocked when the key does not open it."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        connection.close()
        if "not a database" in str(exc):  # the key does not open it; a busy or failing disk says so itself
            raise DatabaseLocked(str(path)) from None
        raise
    return connection


def seal_file(key: bytes, data: bytes) -> bytes:
    """`data` (the device's private key) encrypted under a key derived from the database key."""
    nonce = os.urandom(12)
    return SEALED_FILE + nonce + _aead(_file_key(key)).encrypt(nonce, data, SEALED_FILE)


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED_FILE)


def open_file(key: bytes, data: bytes) -> bytes:
    body = data[len(SEALED_FILE):]
    return _aead(_file_key(key)).decrypt(body[:12], body[12:], SEALED_FILE)


def _file_key(key: bytes) -> bytes:
    return _derived(key, FILE_INFO)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
