"""The HTTP binding (docs/protocol.md §11 and §12): what travels between laptop, relay and hub.

The hub and the laptops are upgraded at different times, so everything one writes and the other
reads is defined here once: the paths, the signed sync request (its signature domain and input,
its headers, its form as a bundle item), the reply, the signed enrollment reply, and the HTTP
status of each protocol error. Like the rest of the package it does no I/O: callers hand in the
headers and bodies they read and send what these functions return.
"""

import base64
import hashlib
from dataclasses import dataclass, field

from sync_protocol.canonical import canonical_bytes
from sync_protocol.errors import MalformedMessage
from sync_protocol.signing import sign, verify
from sync_protocol.version import PROTOCOL_VERSION

SYNC_PATH = "/api/v1/sync"
ENROLL_PATH = "/api/v1/enroll"

# Signature domains (docs/protocol.md §4): a signature made for one purpose is useless for another.
REQUEST_DOMAIN = b"SWS-SYNC-REQ-1"
ENROLL_REPLY_DOMAIN = b"SWS-ENROLL-REPLY"

DEVICE_HEADER = "X-SWS-Device"
PROTOCOL_HEADER = "X-SWS-Protocol"
CURSOR_HEADER = "X-SWS-Cursor"
SIGNATURE_HEADER = "X-SWS-Signature"
PUBLIC_KEY_HEADER = "X-SWS-Public-Key"  # optional: lets a relay check a laptop it has not met yet
VIA_HEADER = "X-SWS-Via"  # set by a relay and not signed: it tells the hub's records how a request came
# What a relay passes on verbatim: the laptop's own signed request.
REQUEST_HEADERS = (DEVICE_HEADER, PROTOCOL_HEADER, CURSOR_HEADER, SIGNATURE_HEADER, PUBLIC_KEY_HEADER)
BATCH_TYPE = "application/vnd.sws.batch"
VIAS = ("http", "relay", "bundle")

# Bundle hub-data items (docs/protocol.md §9) carrying a sync request to the hub and its reply back.
REQUEST_ITEM = "sws-sync-request"
REPLY_ITEM = "sws-sync-reply"

# HTTP status of each protocol error code (docs/protocol.md §12). `body_too_large` is refused by
# the HTTP layer before the protocol reads anything, but a client reads it like the others.
HTTP_STATUS = {
    "malformed": 400, "unsupported_version": 426, "bad_signature": 401, "unknown_device": 401,
    "revoked_device": 403, "sequence_gap": 409, "fork": 409, "broken_chain": 400, "out_of_scope": 403,
    "bundle_corrupt": 400, "body_too_large": 413,
}


def http_status(code: str) -> int:
    """The HTTP status of a protocol error code; 400 for one this version does not know."""
    return HTTP_STATUS.get(code, 400)


def request_signature_input(device_id: str, cursor: str, body: bytes) -> bytes:
    """What a device signs for a sync request: the body by its hash, so a relay can check it cheaply."""
    return canonical_bytes({"device": device_id, "cursor": cursor or "", "body": hashlib.sha256(body).hexdigest()})


@dataclass(frozen=True)
class SyncRequest:
    """One push-and-pull round trip, signed by the device; relays and USB sticks carry it verbatim."""

    device_id: str
    cursor: str
    body: bytes
    signature: str  # base64
    public_key: str = ""  # base64
    protocol: int = PROTOCOL_VERSION
    via: str = "http"

    @classmethod
    def signed(cls, key, device_id: str, cursor: str, body: bytes, public_key: bytes = b"") -> "SyncRequest":
        signature = sign(key, REQUEST_DOMAIN, request_signature_input(device_id, cursor, body))
        return cls(device_id, cursor or "", body, base64.b64encode(signature).decode(),
                   base64.b64encode(public_key).decode() if public_key else "")

    def verify(self, public_key: bytes) -> None:
        """Raise BadSignature unless the device with `public_key` signed this request."""
        try:
            signature = base64.b64decode(self.signature, validate=True)
        except ValueError:
            signature = b""  # not base64: refused below like any other wrong signature
        verify(public_key, signature, REQUEST_DOMAIN, request_signature_input(self.device_id, self.cursor, self.body))

    def headers(self) -> dict:
        headers = {DEVICE_HEADER: self.device_id, PROTOCOL_HEADER: str(self.protocol), CURSOR_HEADER: self.cursor,
                   SIGNATURE_HEADER: self.signature, "Content-Type": BATCH_TYPE}
        if self.public_key:
            headers[PUBLIC_KEY_HEADER] = self.public_key
        if self.via != "http":
            headers[VIA_HEADER] = self.via
        return headers

    @classmethod
    def from_headers(cls, headers, body: bytes) -> "SyncRequest":
        """The request in `headers` (any mapping with `get`). Raises MalformedMessage for a bad version."""
        protocol = headers.get(PROTOCOL_HEADER, "1")  # sent by every client since version 1
        if not protocol.isdigit():
            raise MalformedMessage(PROTOCOL_HEADER, "the protocol version is a whole number")
        via = headers.get(VIA_HEADER, "http")
        return cls(headers.get(DEVICE_HEADER, ""), headers.get(CURSOR_HEADER, ""), body,
                   headers.get(SIGNATURE_HEADER, ""), headers.get(PUBLIC_KEY_HEADER, ""), int(protocol),
                   via if via in VIAS else "http")

    def to_item(self) -> dict:
        """The request as a bundle item, with the exact body bytes the signature covers."""
        return {"type": REQUEST_ITEM, "device": self.device_id, "cursor": self.cursor, "signature": self.signature,
                "public_key": self.public_key, "body": base64.b64encode(self.body).decode()}

    @classmethod
    def from_item(cls, item: dict, via: str = "bundle") -> "SyncRequest":
        """The request in a bundle item. Raises KeyError, TypeError or ValueError for a damaged item."""
        return cls(item["device"], item.get("cursor") or "", base64.b64decode(item.get("body") or "", validate=True),
                   item["signature"], item.get("public_key") or "", via=via)


@dataclass(frozen=True)
class SyncReply:
    """The hub's answer: its head for the device, notable results, and a feed page signed by the hub."""

    ack: dict | None = None  # {"seq", "hash"}
    results: list = field(default_factory=list)
    feed: dict | None = None
    summary: dict | None = None  # counts for people and logs; a client need not read them

    @classmethod
    def from_json(cls, data: dict) -> "SyncReply":
        return cls(data.get("ack"), list(data.get("results") or []), data.get("feed"), data.get("summary"))

    def to_json(self) -> dict:
        summary = {} if self.summary is None else {"summary": self.summary}
        return {"ok": True, "ack": self.ack, **summary, "results": self.results, "feed": self.feed}


def reply_item(device_id: str, answer: dict, refused: bool = False) -> dict:
    """A bundle item carrying the hub's answer to one request back: its reply, or its error envelope."""
    return {"type": REPLY_ITEM, "device": device_id, "error" if refused else "reply": answer}


def enroll_reply_signature_input(reply: dict) -> bytes:
    """What the hub signs in an enrollment reply: its canonical encoding without `signature`."""
    return canonical_bytes({name: value for name, value in reply.items() if name != "signature"})


def sign_enroll_reply(hub_key, reply: dict) -> dict:
    """`reply` with the hub's base64 `signature`."""
    signature = sign(hub_key, ENROLL_REPLY_DOMAIN, enroll_reply_signature_input(reply))
    return {**reply, "signature": base64.b64encode(signature).decode()}


def verify_enroll_reply(reply: dict, hub_public_key: bytes) -> None:
    """Raise BadSignature unless `hub_public_key` signed the reply; KeyError or ValueError without one."""
    signature = base64.b64decode(reply["signature"], validate=True)
    verify(hub_public_key, signature, ENROLL_REPLY_DOMAIN, enroll_reply_signature_input(reply))
