"""The HTTP binding (docs/protocol.md §11 and §12): what travels between laptop, relay and hub.

The hub and the laptops are upgraded at different times, so everything one writes and the other
reads is defined here once: the paths, the signed sync request (its signature domain and input,
its headers, its form as a bundle item), the reply, the signed enrollment reply, and the HTTP
status of each protocol error. From version 3 the request body and what the reply carries are sealed
to the receiver's key (`sync_protocol.sealing`): relays and sticks carry them without reading them.
Like the rest of the package it does no I/O: callers hand in the headers and bodies they read and
send what these functions return.
"""

import base64
import dataclasses
import hashlib
import json
import zlib
from dataclasses import dataclass, field

from sync_protocol.canonical import canonical_bytes
from sync_protocol.errors import BadSignature, MalformedMessage, ProtocolError, UntrustedReply
from sync_protocol.sealing import is_sealed, open_sealed, seal
from sync_protocol.signing import sign, verify
from sync_protocol.version import SUPPORTED_VERSIONS

SYNC_PATH = "/api/v1/sync"
ENROLL_PATH = "/api/v1/enroll"

# Signature domains (docs/protocol.md §4): a signature made for one purpose is useless for another.
REQUEST_DOMAIN = b"SWS-SYNC-REQ-1"
REQUEST_DOMAIN_2 = b"SWS-SYNC-REQ-2"  # version 2: counter, challenge and versions signed too
REPLY_DOMAIN = b"SWS-SYNC-REPLY-2"  # version 2: the whole reply (ack, results, feed page) signed by the hub
REQUEST_DOMAIN_3 = b"SWS-SYNC-REQ-3"  # version 3: as version 2, over a body sealed to the hub
REPLY_DOMAIN_3 = b"SWS-SYNC-REPLY-3"  # version 3: the reply signed whole, what it carries sealed to the device
# What a sealed box is for (sync_protocol.sealing): a request body opens only as one, for one device.
REFUSAL_DOMAIN = b"SWS-SYNC-REFUSAL-3"  # version 3: the hub's refusal of one device's request, signed
REQUEST_CONTEXT = b"SWS-SYNC-REQ-3"
REPLY_CONTEXT = b"SWS-SYNC-REPLY-3"
MAX_SEALED_REPLY = 64 << 20  # what a sealed reply may expand to on the laptop, like a wire batch
ENROLL_REPLY_DOMAIN = b"SWS-ENROLL-REPLY"

DEVICE_HEADER = "X-SWS-Device"
PROTOCOL_HEADER = "X-SWS-Protocol"
CURSOR_HEADER = "X-SWS-Cursor"
SIGNATURE_HEADER = "X-SWS-Signature"
PUBLIC_KEY_HEADER = "X-SWS-Public-Key"  # optional: lets a relay check a laptop it has not met yet
VIA_HEADER = "X-SWS-Via"  # set by a relay and not signed: it tells the hub's records how a request came
VERSIONS_HEADER = "X-SWS-Versions"  # version 2: every version the laptop speaks, e.g. "1,2"
COUNTER_HEADER = "X-SWS-Counter"  # version 2: the device's request counter, accepted only upward
CHALLENGE_HEADER = "X-SWS-Challenge"  # version 2: the challenge of the hub's last reply, or empty
# What a relay passes on verbatim: the laptop's own signed request.
REQUEST_HEADERS = (DEVICE_HEADER, PROTOCOL_HEADER, CURSOR_HEADER, SIGNATURE_HEADER, PUBLIC_KEY_HEADER,
                   VERSIONS_HEADER, COUNTER_HEADER, CHALLENGE_HEADER)
BATCH_TYPE = "application/vnd.sws.batch"
SEALED_TYPE = "application/vnd.sws.sealed"  # version 3: a wire batch sealed to the hub
VIAS = ("http", "relay", "bundle")

# Bundle hub-data items (docs/protocol.md §9) carrying a sync request to the hub and its reply back.
REQUEST_ITEM = "sws-sync-request"
REPLY_ITEM = "sws-sync-reply"

# HTTP status of each protocol error code (docs/protocol.md §12). `body_too_large` is refused by
# the HTTP layer before the protocol reads anything, but a client reads it like the others.
HTTP_STATUS = {
    "malformed": 400, "unsupported_version": 426, "bad_signature": 401, "unknown_device": 401,
    "revoked_device": 403, "sequence_gap": 409, "fork": 409, "broken_chain": 400, "out_of_scope": 403,
    "bundle_corrupt": 400, "body_too_large": 413, "replayed_request": 409,
    "untrusted_reply": 502,
}


def http_status(code: str) -> int:
    """The HTTP status of a protocol error code; 400 for one this version does not know."""
    return HTTP_STATUS.get(code, 400)


def request_signature_input(device_id: str, cursor: str, body: bytes, v2: dict | None = None) -> bytes:
    """What a device signs for a sync request: the body by its hash, so a relay can check it cheaply.

    `v2` holds a version 2 request's `counter`, `challenge` and `versions`, signed with the rest.
    """
    return canonical_bytes({"device": device_id, "cursor": cursor or "", "body": hashlib.sha256(body).hexdigest(),
                            **(v2 or {})})


def seal_request_body(hub_public_key: bytes, device_id: str, body: bytes, ephemeral=None) -> bytes:
    """A version 3 request body: the wire batch sealed to the hub (an empty body stays empty)."""
    return seal(hub_public_key, body, REQUEST_CONTEXT + b"\x00" + device_id.encode(), ephemeral) if body else b""


def open_request_body(hub_key, request: "SyncRequest") -> bytes:
    """The wire batch a request carries: as sent up to version 2, unsealed with the hub's key from version 3.
    Raises MalformedMessage for a version 3 body that is not sealed to this hub for this device."""
    if request.protocol < 3 or not request.body:
        return request.body
    if not is_sealed(request.body):
        raise MalformedMessage("body", "a version 3 request body is sealed to the hub")
    return open_sealed(hub_key, request.body, REQUEST_CONTEXT + b"\x00" + request.device_id.encode())


def _versions_text(versions) -> str:
    return ",".join(str(version) for version in sorted(versions))


def _parse_versions(text: str) -> tuple:
    parts = [part.strip() for part in (text or "").split(",") if part.strip()]
    if not all(part.isdigit() and len(part) < 4 for part in parts):
        raise MalformedMessage(VERSIONS_HEADER, "versions are whole numbers separated by commas")
    return tuple(sorted({int(part) for part in parts}))


def _whole_number(name: str, text: str) -> int:
    if not (text or "0").isdigit() or len(text or "") > 18:
        raise MalformedMessage(name, "a whole number")
    return int(text or 0)


@dataclass(frozen=True)
class SyncRequest:
    """One push-and-pull round trip, signed by the device; relays and USB sticks carry it verbatim."""

    device_id: str
    cursor: str
    body: bytes
    signature: str  # base64
    public_key: str = ""  # base64
    protocol: int = 1
    via: str = "http"
    versions: tuple = ()  # version 2: every version the laptop speaks
    counter: int = 0  # version 2: one more than the device's previous request
    challenge: str = ""  # version 2: the challenge of the hub's last reply ("" before the first)

    @classmethod
    def signed(cls, key, device_id: str, cursor: str, body: bytes, public_key: bytes = b"", *,
               protocol: int = 1, counter: int = 0, challenge: str = "", versions=()) -> "SyncRequest":
        """A request signed under `protocol` (1, or 2 and 3 with `counter` and `challenge`), announcing `versions`.

        A request of version 2 or later announces every version this code speaks unless told. The body of a
        version 3 request is already sealed (`seal_request_body`): the signature covers what travels.
        """
        versions = (versions or SUPPORTED_VERSIONS) if protocol >= 2 else versions
        unsigned = cls(device_id, cursor or "", body, "", base64.b64encode(public_key).decode() if public_key else "",
                       protocol, versions=tuple(sorted(versions)), counter=counter, challenge=challenge or "")
        signature = sign(key, unsigned._domain(), unsigned.signature_input())
        return dataclasses.replace(unsigned, signature=base64.b64encode(signature).decode())

    def _domain(self) -> bytes:
        if self.protocol < 2:
            return REQUEST_DOMAIN
        return REQUEST_DOMAIN_2 if self.protocol == 2 else REQUEST_DOMAIN_3

    def signature_input(self) -> bytes:
        v2 = {"counter": self.counter, "challenge": self.challenge, "versions": list(self.versions)}
        return request_signature_input(self.device_id, self.cursor, self.body, v2 if self.protocol >= 2 else None)

    def verify(self, public_key: bytes) -> None:
        """Raise BadSignature unless the device with `public_key` signed this request."""
        try:
            signature = base64.b64decode(self.signature, validate=True)
        except ValueError:
            signature = b""  # not base64: refused below like any other wrong signature
        verify(public_key, signature, self._domain(), self.signature_input())

    def headers(self) -> dict:
        headers = {DEVICE_HEADER: self.device_id, PROTOCOL_HEADER: str(self.protocol), CURSOR_HEADER: self.cursor,
                   SIGNATURE_HEADER: self.signature, "Content-Type": SEALED_TYPE if self.protocol >= 3 else BATCH_TYPE}
        if self.versions:  # unsigned in a version 1 request; a version 1 hub ignores it
            headers[VERSIONS_HEADER] = _versions_text(self.versions)
        if self.protocol >= 2:
            headers.update({COUNTER_HEADER: str(self.counter), CHALLENGE_HEADER: self.challenge})
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
                   headers.get(SIGNATURE_HEADER, ""), headers.get(PUBLIC_KEY_HEADER, ""), int(protocol[:4]),
                   via if via in VIAS else "http", _parse_versions(headers.get(VERSIONS_HEADER, "")),
                   _whole_number(COUNTER_HEADER, headers.get(COUNTER_HEADER, "")), headers.get(CHALLENGE_HEADER, ""))

    def to_item(self) -> dict:
        """The request as a bundle item, with the exact body bytes the signature covers."""
        item = {"type": REQUEST_ITEM, "device": self.device_id, "cursor": self.cursor, "signature": self.signature,
                "public_key": self.public_key, "body": base64.b64encode(self.body).decode()}
        if self.versions:
            item["versions"] = list(self.versions)
        if self.protocol >= 2:
            item.update(protocol=self.protocol, counter=self.counter, challenge=self.challenge)
        return item

    @classmethod
    def from_item(cls, item: dict, via: str = "bundle") -> "SyncRequest":
        """The request in a bundle item. Raises KeyError, TypeError or ValueError for a damaged item."""
        return cls(item["device"], item.get("cursor") or "", base64.b64decode(item.get("body") or "", validate=True),
                   item["signature"], item.get("public_key") or "", int(item.get("protocol") or 1), via,
                   tuple(int(v) for v in item.get("versions") or ()), int(item.get("counter") or 0),
                   str(item.get("challenge") or ""))


@dataclass(frozen=True)
class SyncReply:
    """The hub's answer: its head for the device, notable results, and a feed page signed by the hub.

    In version 2 the hub signs the whole reply (`sign_reply`), names the device and the request counter
    it answers, gives the challenge for the next request, and withholds the feed page (`withheld`) from
    a request whose challenge it did not issue or that expired. In version 3 (`seal_reply`) the ack,
    summary, results, feed page and `withheld` travel in `sealed`, a box only the device opens
    (`open_reply`); the rest is signed as in version 2.
    """

    ack: dict | None = None  # {"seq", "hash"}
    results: list = field(default_factory=list)
    feed: dict | None = None
    summary: dict | None = None  # counts for people and logs; a client need not read them
    version: int = 1
    device: str = ""
    counter: int = 0
    challenge: str = ""
    withheld: bool = False
    signature: str = ""  # base64, version 2
    sealed: str = ""  # base64 of the sealed box, version 3

    @classmethod
    def from_json(cls, data: dict) -> "SyncReply":
        # A version 1 reply has none of the version 2 parts, nor a version 2 reply the sealed box: defaults.
        return cls(data.get("ack"), list(data.get("results") or []), data.get("feed"), data.get("summary"),
                   int(data.get("v") or 1), str(data.get("device") or ""), int(data.get("counter") or 0),
                   str(data.get("challenge") or ""), bool(data.get("withheld")), str(data.get("sig") or ""),
                   str(data.get("sealed") or ""))

    def to_json(self) -> dict:
        summary = {} if self.summary is None else {"summary": self.summary}
        if self.version < 2:
            return {"ok": True, "ack": self.ack, **summary, "results": self.results, "feed": self.feed}
        return {**self.signed_part(), **({"sig": self.signature} if self.signature else {})}

    def signed_part(self) -> dict:
        """A version 2 or 3 reply as signed: every part but the signature."""
        head = {"ok": True, "v": self.version, "device": self.device, "counter": self.counter,
                "challenge": self.challenge}
        if self.version >= 3:
            return {**head, "sealed": self.sealed}
        return {**head, **self.carried()}

    def carried(self) -> dict:
        """What a version 3 reply seals: everything the device reads and no one else needs to."""
        summary = {} if self.summary is None else {"summary": self.summary}
        return {"ack": self.ack, **summary, "results": self.results, "feed": self.feed, "withheld": self.withheld}


def _reply_domain(version: int) -> bytes:
    return REPLY_DOMAIN if version == 2 else REPLY_DOMAIN_3


def sign_reply(hub_key, reply: SyncReply) -> SyncReply:
    """A version 2 reply with the hub's signature over its canonical encoding (docs/protocol.md §11)."""
    signature = sign(hub_key, _reply_domain(reply.version), canonical_bytes(reply.signed_part()))
    return dataclasses.replace(reply, signature=base64.b64encode(signature).decode())


def seal_reply(hub_key, reply: SyncReply, device_public_key: bytes, ephemeral=None) -> SyncReply:
    """A version 3 reply: what it carries compressed and sealed to the device's key, then signed whole.
    `ephemeral` (the box's one-time key) is fixed by test vectors only."""
    carried = json.dumps(reply.carried(), separators=(",", ":"), ensure_ascii=False).encode()
    box = seal(device_public_key, zlib.compress(carried, 6), REPLY_CONTEXT + b"\x00" + reply.device.encode(),
               ephemeral)
    return sign_reply(hub_key, dataclasses.replace(reply, version=3, sealed=base64.b64encode(box).decode()))


def open_reply(reply: SyncReply, hub_public_key: bytes, device_id: str, required: bool,
               device_key=None) -> SyncReply:
    """Check a reply before anything in it is acted on; a version 3 reply comes back opened with `device_key`,
    the device's private key. Raises UntrustedReply.

    A version 2 or 3 reply must carry the hub's signature and name this device. A version 1 reply has no
    signature: its `ack` and `results` are accepted only while `required` is false (the hub has not yet
    answered in version 2); a bare feed page carries its own signature and is checked when opened.
    """
    if reply.version < 2:
        if required and (reply.ack is not None or reply.results):
            raise UntrustedReply("the hub signs its replies, this one is not signed")
        return reply
    try:
        signature = base64.b64decode(reply.signature, validate=True)
        verify(hub_public_key, signature, _reply_domain(reply.version), canonical_bytes(reply.signed_part()))
    except (ValueError, BadSignature, MalformedMessage) as exc:
        raise UntrustedReply("the reply's signature does not verify with the hub's key") from exc
    if reply.device != device_id:
        raise UntrustedReply("the reply was signed for another device")
    return _unsealed(reply, device_key) if reply.version >= 3 else reply


def _unsealed(reply: SyncReply, device_key) -> SyncReply:
    """A signed version 3 reply with what its box carries. Raises UntrustedReply when the box does not open."""
    if device_key is None:
        raise UntrustedReply("the reply is sealed and this reader holds no device key")
    try:
        box = base64.b64decode(reply.sealed, validate=True)
        context = REPLY_CONTEXT + b"\x00" + reply.device.encode()
        carried = json.loads(_inflate(open_sealed(device_key, box, context), MAX_SEALED_REPLY))
        return dataclasses.replace(reply, ack=carried.get("ack"), results=list(carried.get("results") or []),
                                   feed=carried.get("feed"), summary=carried.get("summary"),
                                   withheld=bool(carried.get("withheld")))
    except (ValueError, AttributeError, MalformedMessage, zlib.error) as exc:
        raise UntrustedReply("the reply's sealed part does not open with this laptop's key") from exc


def _inflate(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit)
    if inflater.unconsumed_tail:
        raise MalformedMessage("sealed", f"expands beyond {limit} bytes")
    return out


def sign_refusal(hub_key, envelope: dict, device_id: str, counter: int) -> dict:
    """The hub's error envelope for one device's request, signed: `signed_for` names the device and the request
    counter, `sig` covers the canonical envelope with it. A relay's own refusals carry no such signature."""
    body = {**envelope, "signed_for": {"device": device_id, "counter": counter}}
    return {**body, "sig": base64.b64encode(sign(hub_key, REFUSAL_DOMAIN, canonical_bytes(body))).decode()}


def refusal_signed(envelope: dict, hub_public_key: bytes, device_id: str) -> bool:
    """Whether an error envelope is the hub's refusal of this device's request (`sign_refusal`)."""
    body = {name: value for name, value in envelope.items() if name != "sig"}
    signed_for = body.get("signed_for")
    if not isinstance(signed_for, dict) or signed_for.get("device") != device_id:
        return False
    try:
        verify(hub_public_key, base64.b64decode(str(envelope.get("sig") or ""), validate=True), REFUSAL_DOMAIN,
               canonical_bytes(body))
    except (ProtocolError, ValueError, TypeError):
        return False
    return True


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
