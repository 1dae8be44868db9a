"""Officers who use the laptop, each with their own PIN or password (hashed with scrypt).

Every change-set names the officer who saved it: provenance is a person, not just a laptop.
Switching officer never touches the outbox.
"""

import datetime as dt
import hashlib

from village_client import at_rest
from village_client.fieldrules import PIN, LocalError, officer_errors
from village_client.pins import LoginFailed, LoginLocked, hash_pin, lock_seconds, pin_matches
from village_client.records import InvalidRecord, Officer
from village_client.store import now_text


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
    at_rest.admit_officer(store.data_dir, username, pin)  # on a protected laptop: their PIN opens it too
    return Officer(username, full_name, role)


def change_pin(store, username: str, current: str, new: str, repeated: str) -> None:
    """Give an officer a new PIN; they prove it is them with the current one. Raises InvalidRecord naming each
    field (`current_pin` wrong: it counts toward the lock like a wrong PIN at login; `new_pin` breaking the PIN
    rule; `new_pin_again` not the same), nothing changed then; or LoginLocked. On a protected laptop the new PIN
    opens the data from then on and the old one no longer does."""
    errors = []
    if not PIN.match(new or ""):
        errors.append(LocalError("new_pin", "pin"))
    elif new != repeated:
        errors.append(LocalError("new_pin_again", "pin_repeat"))
    try:
        authenticate(store, username, current)
    except LoginFailed:
        errors.insert(0, LocalError("current_pin", "pin_wrong"))
    if errors:
        raise InvalidRecord(errors)
    new_hash = hash_pin(new)
    # On a protected laptop, their keyring entry wrapped with the new PIN first, put back if the database refuses.
    with at_rest.entry_replaced(store.data_dir, username, new), store.transaction() as db:
        db["officer"].update(username, {"pin_hash": new_hash})


def pin_mark(store, username: str) -> str | None:
    """A short digest of an active officer's PIN hash (None for an officer unknown or inactive): a UI session keeps
    the one it logged in with, and ends when it no longer matches (the PIN was changed, the officer removed)."""
    row = store.db.execute("SELECT pin_hash FROM officer WHERE username = ? AND active = 1",
                           [username or ""]).fetchone()
    return hashlib.sha256(row[0].encode()).hexdigest()[:16] if row else None


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
