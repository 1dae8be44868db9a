"""Officers who use the laptop, each with their own PIN or password (hashed with scrypt).

Every change-set names the officer who saved it: provenance is a person, not just a laptop.
Switching officer never touches the outbox.
"""

import base64
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


def authenticate(store, username: str, pin: str) -> Officer:
    """The officer whose PIN this is. Raises LoginFailed."""
    rows = list(store.db.query("SELECT * FROM officer WHERE username = ? AND active = 1", [username or ""]))
    if not rows or not pin_matches(pin or "", rows[0]["pin_hash"]):
        raise LoginFailed(username)
    return Officer(rows[0]["username"], rows[0]["full_name"], rows[0]["role"])


def list_officers(store) -> list:
    return list(store.db.query("SELECT username, full_name, role, active FROM officer ORDER BY username"))
