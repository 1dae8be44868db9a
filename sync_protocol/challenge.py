"""Hub challenges (protocol version 2): a captured sync request cannot be replayed to read a feed.

Every version 2 reply carries the challenge for the device's next request, so steady-state syncs
need no extra round trip. A challenge is the hub's clock and a MAC over it and the device id with a
secret derived from the hub's private key: the hub keeps no table of challenges, and a challenge
made for one device is useless for another. It expires after `LIFETIME` (long enough for a USB
stick's round trip to the district); single use comes from the request counter the device signs
with it, which the hub accepts only upward (`sync_protocol.binding`, docs/protocol.md §11).
"""

import base64
import hashlib
import hmac
import struct

from cryptography.hazmat.primitives import serialization

LIFETIME = 30 * 24 * 3600  # seconds: a stick may take weeks to travel to the district and back
MAC_BYTES = 16


def challenge_secret(hub_private_key) -> bytes:
    """The MAC key, derived from the hub's Ed25519 private key (so it survives restarts and restores)."""
    raw = hub_private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
    return hashlib.sha256(b"SWS-CHALLENGE-2\x00" + raw).digest()


def issue(secret: bytes, device_id: str, now: int) -> str:
    """A challenge for `device_id`, issued at `now` (Unix seconds)."""
    issued = struct.pack(">Q", int(now))
    return base64.urlsafe_b64encode(issued + _mac(secret, device_id, issued)).decode().rstrip("=")


def is_fresh(secret: bytes, device_id: str, challenge: str, now: int, lifetime: int = LIFETIME) -> bool:
    """Whether `challenge` was issued by this hub to `device_id` within `lifetime` seconds of `now`."""
    try:
        raw = base64.urlsafe_b64decode((challenge or "") + "=" * (-len(challenge or "") % 4))
    except ValueError:
        return False
    if len(raw) != 8 + MAC_BYTES or not hmac.compare_digest(raw[8:], _mac(secret, device_id, raw[:8])):
        return False
    age = int(now) - struct.unpack(">Q", raw[:8])[0]
    return 0 <= age <= lifetime


def _mac(secret: bytes, device_id: str, issued: bytes) -> bytes:
    return hmac.new(secret, device_id.encode() + b"\x00" + issued, hashlib.sha256).digest()[:MAC_BYTES]
