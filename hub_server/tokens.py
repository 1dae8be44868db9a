"""The text of an enrollment token, as the IT officer types it into a laptop.

    k7qm-x3fa-92pd.ab4c-de5f-gh6j-kl7m
    \\___________/ \\_________________/
      secret (60 bits)  hub fingerprint (first 80 bits)

Both parts are lower-case base32 (letters and the digits 2-7: no 0/O or 1/l to confuse) in groups of
four. The secret is what the hub checks (it stores only its SHA-256); the fingerprint part lets the
laptop check, before it trusts anything, that the hub answering is the one that issued the token:
the hub's public key in the signed enrollment reply must have a fingerprint starting with it.
Parsing ignores case, spaces and dashes, so a token read over the phone still works.

Pure functions, standard library only: the laptop side can use them too.
"""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

SECRET_CHARS = 12  # 60 bits
FINGERPRINT_CHARS = 16  # 80 bits of sync_protocol.signing.fingerprint(hub public key)
GROUP = 4
_BASE32 = re.compile(r"^[a-z2-7]+$")


@dataclass(frozen=True)
class TokenText:
    secret: str  # normalised: lower case, no separators
    fingerprint: str  # normalised prefix of the hub's key fingerprint ("" when the token has none)

    def secret_hash(self) -> str:
        return hash_secret(self.secret)

    def matches_hub(self, hub_fingerprint: str) -> bool:
        return hmac.compare_digest(self.fingerprint, hub_fingerprint[:len(self.fingerprint)])


def hash_secret(secret: str) -> str:
    """What the hub stores of a token: the hex SHA-256 of its normalised secret."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()[:SECRET_CHARS]


def format_token(secret: str, hub_fingerprint: str) -> str:
    """The token as printed: grouped secret, a dot, grouped fingerprint prefix."""
    return f"{_grouped(secret)}.{_grouped(hub_fingerprint[:FINGERPRINT_CHARS])}"


def parse_token(text: str) -> TokenText:
    """Read a typed token. Raises ValueError naming what is wrong."""
    if not isinstance(text, str):
        raise ValueError("not text")
    cleaned = re.sub(r"[\s\-]", "", text).lower()
    secret, _, fingerprint = cleaned.partition(".")
    if len(secret) != SECRET_CHARS or not _BASE32.match(secret):
        raise ValueError(f"the secret part must be {SECRET_CHARS} letters or digits 2-7")
    if fingerprint and (len(fingerprint) < FINGERPRINT_CHARS or not _BASE32.match(fingerprint)):
        raise ValueError(f"the fingerprint part must be {FINGERPRINT_CHARS} letters or digits 2-7")
    return TokenText(secret, fingerprint)


def _grouped(text: str) -> str:
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))
