"""Feed pages and cursors: what the hub sends back, signed by the hub's key.

A device pulls the hub's changes in its scope as a paginated feed after a cursor. Each entry is one
thing the device should know: a record's current values, a conflict or its resolution, a revoked
device, a programme, a beneficiary list. A page is signed by the hub (its key is pinned when the
device enrolls), so a relay or a USB stick can carry pages without being trusted. The client applies
a page in one transaction and stores the page's cursor only after that.

Cursors are opaque to clients: the hub alone reads them (`encode_cursor`/`decode_cursor`). A cursor
names the position in the hub's commit order and the scope it was issued for; a cursor from another
scope (a re-enrolled laptop) is refused, so a device never skips what its new scope needs.
"""

import base64
import hashlib
import struct
from dataclasses import dataclass

from sync_protocol.canonical import canonical_bytes
from sync_protocol.errors import MalformedMessage, RevokedDevice
from sync_protocol.signing import sign, verify

FEED_DOMAIN = b"SWS-FEED-1"
ENTRY_KINDS = ("record", "conflict", "resolution", "revocation", "programme", "list", "refusal")


@dataclass(frozen=True)
class FeedPage:
    device_id: str
    entries: tuple  # dicts: {"kind", "table", "id", "data", ...}
    cursor: str
    more: bool

    def body(self) -> dict:
        return {"device": self.device_id, "entries": list(self.entries), "cursor": self.cursor, "more": self.more}


def sign_page(hub_key, page: FeedPage) -> dict:
    """The page as JSON data with the hub's signature."""
    body = page.body()
    return {**body, "sig": base64.b64encode(sign(hub_key, FEED_DOMAIN, canonical_bytes(body))).decode()}


def open_page(data: dict, hub_public_key: bytes, device_id: str) -> FeedPage:
    """Verify a signed page meant for `device_id`. Raises BadSignature or MalformedMessage."""
    try:
        body = {key: data[key] for key in ("device", "entries", "cursor", "more")}
        signature = base64.b64decode(data["sig"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedMessage("feed", f"missing or wrong part: {exc}") from exc
    verify(hub_public_key, signature, FEED_DOMAIN, canonical_bytes(body))
    if body["device"] != device_id:
        raise MalformedMessage("feed.device", "this page was signed for another device")
    return FeedPage(body["device"], tuple(body["entries"]), body["cursor"], bool(body["more"]))


def encode_cursor(position: int, scope_key: str) -> str:
    """An opaque cursor: the hub's commit position, bound to the scope it was issued for."""
    raw = struct.pack(">Q", position) + _scope_tag(scope_key)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, scope_key: str) -> int:
    """The position a cursor names (0 for none). Raises MalformedMessage for a cursor of another scope."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except ValueError as exc:
        raise MalformedMessage("cursor", "not a cursor this hub issued") from exc
    if len(raw) != 12:
        raise MalformedMessage("cursor", "not a cursor this hub issued")
    if raw[8:] != _scope_tag(scope_key):
        raise MalformedMessage("cursor", "issued for another scope: pull again from the start")
    return struct.unpack(">Q", raw[:8])[0]


def _scope_tag(scope_key: str) -> bytes:
    return hashlib.sha256(scope_key.encode()).digest()[:4]


@dataclass(frozen=True)
class Revocation:
    """A revoked device, as hub data that travels in the feed and in bundles."""

    device_id: str
    reason: str
    revoked_at: int  # hub commit position

    def to_entry(self) -> dict:
        return {"kind": "revocation", "table": "device", "id": self.device_id,
                "data": {"reason": self.reason, "at": self.revoked_at}}


class RevocationList:
    """The revoked devices a relay or laptop has learned of; `check` refuses their change-sets offline."""

    def __init__(self, revoked=()):
        self._revoked = {r.device_id: r for r in revoked}

    def learn(self, entries) -> None:
        for entry in entries:
            if entry.get("kind") == "revocation":
                data = entry.get("data", {})
                self._revoked[entry["id"]] = Revocation(entry["id"], data.get("reason", ""), data.get("at", 0))

    def check(self, device_id: str) -> None:
        """Raise RevokedDevice if the device was revoked."""
        if device_id in self._revoked:
            raise RevokedDevice(device_id, self._revoked[device_id].reason)

    def __contains__(self, device_id: str) -> bool:
        return device_id in self._revoked
