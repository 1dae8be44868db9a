"""The sub-district relay: carries village laptops' sync requests to the hub and the replies back.

A village laptop with no route to the hub syncs through the sub-district laptop, either over the
sub-district's local network (`serve`: the relay speaks the hub's `/api/v1/sync` and
`/api/v1/enroll`) or with a USB stick (`relay_bundle`: a village's export bundle in, a return bundle
out). The relay forwards each request verbatim, with the village's own signed headers, so the hub
verifies it exactly as if the village had sent it; the relay cannot alter it.

Before forwarding, the relay checks what it can offline, so a revoked (stolen) laptop's work stops
at the sub-district: the device is not revoked (revocations learned from the relay's own feed),
the request and every segment are signed by the device's key (from protocol version 3 the segments
are sealed to the hub: the relay checks the request's signature, which covers them, and never reads
them). Keys are learned when a village enrolls through the relay, or from the key the request
presents, accepted only if its fingerprint gives the device id (`device_id_for`). The hub's checks
remain the authority.
"""

import base64
import gzip
import json

from schemas.messages import DEFAULT_LANGUAGE
from sync_protocol.binding import REQUEST_ITEM, SYNC_PATH, SyncRequest, http_status, reply_item
from sync_protocol.bundle import Bundle, read_bundle, verify_bundle_segments, write_bundle
from sync_protocol.errors import ProtocolError
from sync_protocol.feed import Revocation, RevocationList
from sync_protocol.signing import device_id_for
from sync_protocol.wire import decode_batch
from village_client.errors import envelope
from village_client.store import now_text
from village_client.sync.http import NETWORK_ERRORS, CountingSession
from village_client.sync.transport import HubUnreachable
from village_client.sync.usb import write_atomically

FORWARDED_REPLY_HEADERS = ("Content-Type", "Content-Encoding")


class RelayRefused(ProtocolError):
    """The relay will not forward this request; `code` is a protocol error code."""

    def __init__(self, code: str, detail: str):
        self.code, self.detail = code, detail


def revocations(store) -> RevocationList:
    return RevocationList(Revocation(row["device_id"], row["reason"] or "", row["at"] or 0)
                          for row in store.db["revocation"].rows)


def device_key(store, device_id: str, presented: str) -> bytes:
    """The village's public key: known, or presented and matching the device id. Raises RelayRefused."""
    row = list(store.db.query("SELECT public_key FROM relay_device WHERE device_id = ?", [device_id]))
    if row:
        return base64.b64decode(row[0]["public_key"])
    key = base64.b64decode(presented or "")
    if len(key) != 32 or device_id_for(key) != device_id:
        raise RelayRefused("unknown_device", "the relay does not know this laptop's key")
    learn_device(store, key)
    return key


def learn_device(store, public_key: bytes) -> str:
    device_id = device_id_for(public_key)
    with store.transaction() as db:
        db["relay_device"].upsert({"device_id": device_id, "public_key": base64.b64encode(public_key).decode(),
                                   "learned_at": now_text()}, pk="device_id")
    return device_id


def check_request(store, request) -> None:
    """Everything the relay can verify offline. Raises RelayRefused or a ProtocolError with its code."""
    revoked = revocations(store)
    revoked.check(request.device_id)
    key = device_key(store, request.device_id, request.public_key)
    request.verify(key)
    # A version 3 body is sealed to the hub: the relay cannot read its segments, and the request's signature,
    # checked above, already covers every byte of it.
    if request.body and request.protocol < 3:
        bundle = Bundle(segments=decode_batch(request.body))
        if any(segment.device_id != request.device_id for segment in bundle.segments):
            raise RelayRefused("malformed", "a village pushes its own change-sets only")
        verify_bundle_segments(bundle, {request.device_id: key}, revoked)


def forward(session: CountingSession, hub_url: str, path: str, headers: dict, body: bytes, timeout) -> tuple:
    """POST verbatim to the hub; (status, headers to pass back, raw body). Raises requests exceptions."""
    response = session.post(hub_url.rstrip("/") + path, data=body, headers=headers, timeout=timeout, stream=True)
    try:
        raw = response.raw.read(decode_content=False)
    finally:
        response.close()
    passed = {name: response.headers[name] for name in FORWARDED_REPLY_HEADERS if name in response.headers}
    return response.status_code, passed, raw


def refusal_envelope(refused: ProtocolError, lang: str) -> dict:
    """The error envelope of a request the relay will not forward, with the status the hub would give."""
    return envelope(refused, lang, http_status(refused.code))


def log(store, via: str, device_id: str | None, outcome: str, code: str | None = None) -> None:
    """Note one request the relay carried (`outcome`: forwarded or refused), for the relay's page."""
    with store.transaction() as db:
        db["relay_log"].insert({"at": now_text(), "via": via, "device_id": device_id, "outcome": outcome,
                                "code": code})


def activity(store, limit: int = 200) -> dict:
    """What the relay page shows: the villages served (last exchange each) and the latest requests carried."""
    served = list(store.db.query(
        "SELECT device_id, max(at) AS last_at, sum(outcome = 'forwarded') AS forwarded, "
        "sum(outcome = 'refused') AS refused, max(via) AS via FROM relay_log GROUP BY device_id ORDER BY last_at DESC"))
    latest = list(store.db.query("SELECT * FROM relay_log ORDER BY id DESC LIMIT ?", [limit]))
    last_forward = store.scalar("SELECT max(at) FROM relay_log WHERE outcome = 'forwarded'")
    return {"served": served, "latest": latest, "last_forward": last_forward,
            "known": store.scalar("SELECT count(*) FROM relay_device")}


def relay_bundle(store, in_path, out_path, hub_url: str, session=None, timeout=(10.0, 90.0),
                 lang: str = DEFAULT_LANGUAGE) -> dict:
    """Forward every request of a village bundle to the hub; write the replies as a return bundle.

    A request the relay refuses gets its error envelope in `lang` (the sub-district laptop's language).
    """
    session = session or CountingSession()
    bundle = read_bundle(in_path.read_bytes())
    replies, counts = [], {"forwarded": 0, "refused": 0, "unreachable": 0}
    for item in (item for item in bundle.hub_data if item.get("type") == REQUEST_ITEM):
        replies.append(_relay_item(store, session, hub_url, item, timeout, counts, lang))
    write_atomically(out_path, write_bundle(Bundle(hub_data=replies)))
    return counts


def _relay_item(store, session, hub_url, item, timeout, counts, lang) -> dict:
    request = SyncRequest.from_item(item)
    try:
        check_request(store, request)
        status, _, raw = forward(session, hub_url, SYNC_PATH, request.headers(), request.body, timeout)
        reply = _decoded(raw)
    except ProtocolError as refused:
        counts["refused"] += 1
        log(store, "usb", request.device_id, "refused", refused.code)
        return reply_item(request.device_id, refusal_envelope(refused, lang), refused=True)
    except NETWORK_ERRORS as exc:
        # The hub cannot be reached: the return bundle still goes back and says so; the village keeps its work
        # (nothing was acknowledged) and sends it with its next bundle or sync.
        counts["unreachable"] += 1
        log(store, "usb", request.device_id, "refused", HubUnreachable.code)
        return reply_item(request.device_id, envelope(HubUnreachable(type(exc).__name__), lang, 503), refused=True)
    counts["forwarded"] += 1
    log(store, "usb", request.device_id, "forwarded" if status == 200 else "refused",
        None if status == 200 else reply.get("code") if isinstance(reply, dict) else None)
    return reply_item(request.device_id, reply, refused=status != 200)


def _decoded(raw: bytes) -> dict:
    return json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)

