"""Officers' PINs: hashed with scrypt, checked in constant time, and the lock after too many wrong ones.

The scrypt digest of a PIN is both what checks it (`pin_matches`, against the hash kept in the database)
and, on a protected laptop, what unwraps the database key (`village_client.at_rest`).
"""

import base64
import hashlib
import hmac
import os

from village_client.errors import VillageError

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
    return hmac.compare_digest(pin_digest(pin, stored), stored_digest(stored))


def pin_digest(pin: str, stored: str) -> bytes:
    """The scrypt digest of `pin` with the salt and cost of `stored` (a `hash_pin` result)."""
    _, n, r, p, salt, _ = stored.split("$")
    return hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)


def stored_digest(stored: str) -> bytes:
    """The digest a `hash_pin` result holds."""
    return base64.b64decode(stored.split("$")[5])


def without_digest(stored: str) -> str:
    """A `hash_pin` result with its digest left out: the salt and cost, all `pin_digest` needs."""
    return "$".join(stored.split("$")[:5] + [""])
