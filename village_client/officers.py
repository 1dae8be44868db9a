"""Officers who use the laptop, each with their own PIN or password (hashed with scrypt).

Every change-set names the officer who saved it: provenance is a person, not just a laptop.
Switching officer never touches the outbox.
"""

import base64
import datetime as dt
import hashlib
import hmac
import os

from village_client.errors import VillageError
from village_client.fieldrules import LocalError, officer_errors
from village_client.records import InvalidRecord, Officer
from village_client.store import now_text

# scrypt cost: about 16 MiB and a few tens of milliseconds on an old laptop, per login.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class LoginFailed(VillageError):
    """Unknown officer, inactive officer or wrong PIN (deliberately not saying which)."""

    status, code = 401, "login_failed"


class LoginLocked(VillageError):
    """Too many wrong PINs for this officer: wait, longer after each further failure."""

    status, code = 429, "login_locked"

    def fields(self) -> dict:
        return {"seconds": self.args[0] if self.args else 0}


# After FREE_TRIES wrong PINs in a row, each further one locks the officer for twice as long as the last.
FREE_TRIES, FIRST_LOCK_SECONDS, LONGEST_LOCK_SECONDS = 3, 30, 3600


def lock_seconds(failures: int) -> int:
    """How long `failures` wrong PINs in a row lock the officer: 0, then 30 s, 60 s, 120 s... at most an hour."""
    if failures < FREE_TRIES:
        return 0
    return min(LONGEST_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_TRIES))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), *encoded])


def pin_matches(pin: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def add_officer(store, username: str, full_name: str, role: str, pin: str) -> Officer:
    """Add an officer. Raises InvalidRecord for a bad value or a user name already taken."""
    username, full_name = (username or "").strip(), " ".join((full_name or "").split())
    errors = officer_errors(username, full_name, role, pin)
    if not errors and store.db["officer"].count_where("username = ?", [username]):
        errors.append(LocalError("username", "exists"))
    if errors:
        raise InvalidRecord(errors)
    with store.transaction() as db:
        db["officer"].insert({"username": username, "full_name": full_name, "role": role,
                              "pin_hash": hash_pin(pin), "created_at": now_text()})
    return Officer(username, full_name, role)


def authenticate(store, username: str, pin: str, now: dt.datetime | None = None) -> Officer:
    """The officer whose PIN this is. Raises LoginFailed, or LoginLocked after too many wrong PINs in a row
    (in the web UI and on the command line alike: the count is in the laptop's database)."""
    now = now or dt.datetime.now(dt.UTC)
    rows = list(store.db.query("SELECT * FROM officer WHERE username = ? AND active = 1", [username or ""]))
    if not rows:
        raise LoginFailed(username)
    row = rows[0]
    locked_until = _parsed(row["locked_until"])
    if locked_until and locked_until > now:
        raise LoginLocked(int((locked_until - now).total_seconds()) + 1)
    if not pin_matches(pin or "", row["pin_hash"]):
        failures = (row["failed_pins"] or 0) + 1
        wait = lock_seconds(failures)
        until = (now + dt.timedelta(seconds=wait)).isoformat() if wait else None
        with store.transaction() as db:
            db["officer"].update(row["username"], {"failed_pins": failures, "locked_until": until})
        raise LoginFailed(username)
    if row["failed_pins"]:
        with store.transaction() as db:
            db["officer"].update(row["username"], {"failed_pins": 0, "locked_until": None})
    return Officer(row["username"], row["full_name"], row["role"])


def _parsed(text):
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def list_officers(store) -> list:
    return list(store.db.query("SELECT username, full_name, role, active FROM officer ORDER BY username"))
