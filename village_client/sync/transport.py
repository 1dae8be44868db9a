"""The transport interface and the request and reply every transport carries.

A `SyncRequest` is complete and signed by the device before any transport sees it: a relay or a
USB stick carries it verbatim, and whatever carries the reply back, the engine verifies the feed
page with the hub key pinned at enrollment. Transports cannot be told apart by the engine.
"""

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from sync_protocol.canonical import canonical_bytes
from sync_protocol.signing import sign, verify
from sync_protocol.version import PROTOCOL_VERSION

REQUEST_DOMAIN = b"SWS-SYNC-REQ-1"
BATCH_TYPE = "application/vnd.sws.batch"


class SyncError(Exception):
    """Base of the errors a sync reports to the officer; `code` names it in the message catalogue."""

    code = "sync_error"

    def fields(self) -> dict:
        return {}


class HubError(SyncError):
    """The hub (or a relay) answered with the error envelope."""

    def __init__(self, status: int, code: str, message: str = "", fields: dict | None = None, errors=()):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self._fields, self.errors = dict(fields or {}), list(errors)

    def fields(self) -> dict:
        return self._fields


class HubUnreachable(SyncError):
    """No usable answer: connection refused or cut, timeout, or a server error, after the retries."""

    code = "unreachable"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def request_signature_input(device_id: str, cursor: str, body: bytes) -> bytes:
    return canonical_bytes({"device": device_id, "cursor": cursor or "", "body": hashlib.sha256(body).hexdigest()})


@dataclass(frozen=True)
class SyncRequest:
    """One push-and-pull round trip, signed by the device (`X-SWS-Signature`)."""

    device_id: str
    cursor: str
    body: bytes
    signature: str  # base64
    public_key: str = ""  # base64; lets a relay check the segment before the hub does

    @classmethod
    def signed(cls, key, device_id: str, cursor: str, body: bytes, public_key: bytes = b"") -> "SyncRequest":
        signature = sign(key, REQUEST_DOMAIN, request_signature_input(device_id, cursor, body))
        return cls(device_id, cursor or "", body, base64.b64encode(signature).decode(),
                   base64.b64encode(public_key).decode() if public_key else "")

    def headers(self) -> dict:
        headers = {"X-SWS-Device": self.device_id, "X-SWS-Protocol": str(PROTOCOL_VERSION),
                   "X-SWS-Cursor": self.cursor, "X-SWS-Signature": self.signature, "Content-Type": BATCH_TYPE}
        if self.public_key:
            headers["X-SWS-Public-Key"] = self.public_key
        return headers

    @classmethod
    def from_headers(cls, headers, body: bytes) -> "SyncRequest":
        return cls(headers.get("X-SWS-Device", ""), headers.get("X-SWS-Cursor", ""), body,
                   headers.get("X-SWS-Signature", ""), headers.get("X-SWS-Public-Key", ""))

    def verify(self, public_key: bytes) -> None:
        """Raise BadSignature unless the device with `public_key` signed this request."""
        verify(public_key, base64.b64decode(self.signature), REQUEST_DOMAIN,
               request_signature_input(self.device_id, self.cursor, self.body))


@dataclass(frozen=True)
class SyncReply:
    """What came back: the hub's head for the device, per-change-set results, and a signed feed page."""

    ack: dict | None = None
    results: list = field(default_factory=list)
    feed: dict | None = None

    @classmethod
    def from_json(cls, data: dict) -> "SyncReply":
        return cls(data.get("ack"), list(data.get("results") or []), data.get("feed"))

    def to_json(self) -> dict:
        return {"ok": True, "ack": self.ack, "results": self.results, "feed": self.feed}


class Transport(Protocol):
    def exchange(self, request: SyncRequest) -> SyncReply:
        """Carry the request to the hub and its reply back. Raises HubError or HubUnreachable."""
