"""Write the protocol test vectors in this folder (run once when the protocol changes on purpose).

    python -m tests.vectors.make_vectors

tests/unit/test_protocol_vectors.py checks that the code still produces exactly these bytes.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync_protocol.binding import (
    ENROLL_PATH,
    HTTP_STATUS,
    SYNC_PATH,
    SyncReply,
    SyncRequest,
    reply_item,
    request_signature_input,
    seal_reply,
    seal_request_body,
    sign_enroll_reply,
    sign_reply,
)
from sync_protocol.bundle import Bundle, write_bundle
from sync_protocol.canonical import canonical_bytes
from sync_protocol.chain import sign_segment
from sync_protocol.challenge import LIFETIME, challenge_secret, issue
from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation
from sync_protocol.feed import FeedPage, encode_cursor, sign_page
from sync_protocol.sealing import x25519_private, x25519_public
from sync_protocol.signing import device_id_for, fingerprint, private_key_from_seed, public_key_bytes
from sync_protocol.version import answer_version
from sync_protocol.wire import CODEC_NONE, encode_batch

HERE = Path(__file__).parent
DEVICE_SEED = bytes(range(32))
HUB_SEED = bytes(range(32, 64))


def device():
    key = private_key_from_seed(DEVICE_SEED)
    return key, device_id_for(public_key_bytes(key))


def changesets():
    key, device_id = device()
    first = ChangeSet(device_id, 1, GENESIS_HASH, 1_763_884_800, "siti.aminah", [
        Operation("create", "household", f"{device_id}-1", {"kk_number": "3507012301150003",
                                                             "village_code": "35.07.01.2001"}),
        Operation("create", "person", f"{device_id}-2", {"nik": "3507015708900002", "name": "Siti Aminah",
                                                         "sex": "F", "birth_date": "1990-08-17",
                                                         "monthly_income": 750000, "household_id": f"{device_id}-1",
                                                         "village_code": "35.07.01.2001"})])
    second = ChangeSet(device_id, 2, first.hash(), 1_763_884_860, "siti.aminah", [
        Operation("update", "person", f"{device_id}-2", {"name": "Siti Aminah Rahayu"}, {"name": "Siti Aminah"}),
        Operation("append", "complaint_event", f"{device_id}-3", {"complaint_id": "hub-9", "note": "Diterima"})])
    return [first, second]


def vectors() -> dict:
    key, device_id = device()
    hub_key = private_key_from_seed(HUB_SEED)
    first, second = changesets()
    segment = sign_segment(key, [first, second])
    page = FeedPage(device_id, ({"kind": "record", "table": "person", "id": f"{device_id}-2",
                                 "data": {"name": "Siti Aminah Rahayu"}},), encode_cursor(42, "35.07.01.2001"), False)
    return {
        "keys.json": {"device_seed": DEVICE_SEED.hex(), "device_public_key": public_key_bytes(key).hex(),
                      "device_fingerprint": fingerprint(public_key_bytes(key)), "device_id": device_id,
                      "hub_seed": HUB_SEED.hex(), "hub_public_key": public_key_bytes(hub_key).hex()},
        "canonical.json": [{"input": value, "canonical_utf8": canonical_bytes(value).decode()} for value in (
            {"b": 1, "a": [True, None, -7]}, {"name": "Jose\u0301 Dwi", "é": "ok"}, {"nested": {"z": [], "y": {}}})],
        "changesets.json": [{"body": c.body(), "canonical_utf8": canonical_bytes(c.body()).decode(),
                             "hash": c.hash().hex()} for c in (first, second)],
        "segment.json": {"device_id": device_id, "head_hash": second.hash().hex(),
                         "signature_input": (b"SWS-CHAIN-1\x00" + second.hash()).hex(),
                         "signature": segment.signature.hex(),
                         "wire_uncompressed": encode_batch([segment], CODEC_NONE).hex()},
        "feed.json": {"page": sign_page(hub_key, page), "cursor_position": 42, "cursor_scope": "35.07.01.2001"},
        "bundle.json": {"bundle": write_bundle(Bundle([segment], [])).hex()},
        "binding.json": binding(key, hub_key, segment, sign_page(hub_key, page)),
        "binding_v2.json": binding_v2(key, hub_key, segment, sign_page(hub_key, page)),
        "binding_v3.json": binding_v3(key, hub_key, segment, sign_page(hub_key, page)),
        "changesets_v2.json": changesets_v2(key, hub_key, first, second),
    }


def changesets_v2(key, hub_key, first, second) -> dict:
    """Change-set format 2: an update naming, beside each value seen (`b`), the edit it came from (`e`); a
    segment in which a laptop moved from format 1 to 2 (one format each on the wire); a feed record entry
    naming the edit that produced each field (`edits`)."""
    device_id = first.device_id
    third = ChangeSet(device_id, 3, second.hash(), 1_763_884_920, "siti.aminah", [
        Operation("update", "person", f"{device_id}-2", {"name": "Siti Aminah", "sex": "F", "monthly_income": 900000},
                  {"name": "Siti Aminah Rahayu", "sex": "F", "monthly_income": 750000},
                  {"name": f"{device_id}:2:0", "monthly_income": "origin"})], version=2)
    alone = sign_segment(key, [third])
    mixed = sign_segment(key, [first, second, third])
    page = FeedPage(device_id, ({"kind": "record", "table": "person", "id": f"{device_id}-2",
                                 "data": {"name": "Siti Aminah", "sex": "F", "monthly_income": 900000},
                                 "edits": {"name": f"{device_id}:3:0", "monthly_income": f"{device_id}:3:0"}},),
                    encode_cursor(43, "35.07.01.2001"), False)
    return {
        "changeset": {"body": third.body(), "canonical_utf8": canonical_bytes(third.body()).decode(),
                      "hash": third.hash().hex()},
        "segment": {"signature_input": (b"SWS-CHAIN-1\x00" + third.hash()).hex(), "signature": alone.signature.hex(),
                    "wire_uncompressed": encode_batch([alone], CODEC_NONE).hex()},
        "mixed_segment": {"versions": [c.version for c in mixed.changesets], "signature": mixed.signature.hex(),
                          "wire_uncompressed": encode_batch([mixed], CODEC_NONE).hex()},
        "feed": {"page": sign_page(hub_key, page)},
    }


def binding(key, hub_key, segment, signed_page) -> dict:
    """A sync request pushing the vector segment, the hub's reply, and an enrollment reply."""
    device_id, public_key = segment.device_id, public_key_bytes(key)
    body = encode_batch([segment], CODEC_NONE)
    request = SyncRequest.signed(key, device_id, encode_cursor(40, "35.07.01.2001"), body, public_key)
    signature_input = request_signature_input(device_id, request.cursor, body)
    reply = SyncReply({"seq": 2, "hash": segment.changesets[-1].hash().hex()}, [], signed_page,
                      {"applied": 2, "duplicate": 0, "refused": 0, "conflicts": 0})
    enrolled = {"ok": True, "device_id": device_id, "public_key": base64.b64encode(public_key).decode(),
                "scope": ["35.07.01.2001"], "role": "village",
                "hub_public_key": base64.b64encode(public_key_bytes(hub_key)).decode()}
    signed_reply = sign_enroll_reply(hub_key, enrolled)
    return {
        "paths": {"sync": SYNC_PATH, "enroll": ENROLL_PATH},
        "request": {"body": body.hex(), "headers": request.headers(), "bundle_item": request.to_item(),
                    "signature_input_utf8": signature_input.decode(),
                    "signature_input": (b"SWS-SYNC-REQ-1\x00" + signature_input).hex()},
        "reply": {"json": reply.to_json(), "bundle_item": reply_item(device_id, reply.to_json())},
        "enroll_reply": {"signed": signed_reply,
                         "signature_input": (b"SWS-ENROLL-REPLY\x00" + canonical_bytes(enrolled)).hex()},
        "http_status": HTTP_STATUS,
    }


CHALLENGE_TIME = 1_763_884_900  # 2025-11-23T08:01:40Z
V2_LAPTOP = (1, 2)
# The one-time X25519 keys of the two boxes below; real boxes take a fresh random key each.
REQUEST_EPHEMERAL_SEED = bytes(range(64, 96))
REPLY_EPHEMERAL_SEED = bytes(range(96, 128))


def binding_v2(key, hub_key, segment, signed_page) -> dict:
    """Version 2: the first request announcing versions, a version 2 request, the signed reply, a withheld
    reply, a challenge, and the version the hub answers in for what a laptop announces."""
    device_id, public_key = segment.device_id, public_key_bytes(key)
    body, cursor = encode_batch([segment], CODEC_NONE), encode_cursor(40, "35.07.01.2001")
    secret = challenge_secret(hub_key)
    issued = issue(secret, device_id, CHALLENGE_TIME)
    # As a laptop that speaks versions 1 and 2 makes them (a version 3 laptop announces 3 as well).
    first = SyncRequest.signed(key, device_id, cursor, body, public_key, versions=V2_LAPTOP)
    request = SyncRequest.signed(key, device_id, cursor, body, public_key, protocol=2, counter=7, challenge=issued,
                                 versions=V2_LAPTOP)
    next_challenge = issue(secret, device_id, CHALLENGE_TIME + 60)
    reply = sign_reply(hub_key, SyncReply({"seq": 2, "hash": segment.changesets[-1].hash().hex()}, [], signed_page,
                                          {"applied": 2, "duplicate": 0, "refused": 0, "conflicts": 0}, version=2,
                                          device=device_id, counter=7, challenge=next_challenge))
    withheld = sign_reply(hub_key, SyncReply({"seq": 2, "hash": segment.changesets[-1].hash().hex()}, [], None,
                                             {"applied": 0, "duplicate": 2, "refused": 0, "conflicts": 0}, version=2,
                                             device=device_id, counter=8, challenge=next_challenge, withheld=True))
    return {
        "first_request": {"headers": first.headers(), "bundle_item": first.to_item(),
                          "signature_input_utf8": first.signature_input().decode()},
        "request": {"body": body.hex(), "headers": request.headers(), "bundle_item": request.to_item(),
                    "signature_input_utf8": request.signature_input().decode(),
                    "signature_input": (b"SWS-SYNC-REQ-2\x00" + request.signature_input()).hex()},
        "reply": {"json": reply.to_json(), "bundle_item": reply_item(device_id, reply.to_json()),
                  "signature_input": (b"SWS-SYNC-REPLY-2\x00" + canonical_bytes(reply.signed_part())).hex()},
        "withheld_reply": {"json": withheld.to_json()},
        "challenge": {"secret": secret.hex(), "device_id": device_id, "issued_at": CHALLENGE_TIME,
                      "challenge": issued, "lifetime": LIFETIME},
        "answer_version": [{"announced": announced, "made_under": made, "answered": answer_version(made, announced)}
                           for announced, made in (([], 1), ([1, 2], 1), ([1, 2], 2), ([1, 2, 3], 2))],
    }


def binding_v3(key, hub_key, segment, signed_page) -> dict:
    """Version 3: each side's X25519 key from its Ed25519 key, a request whose body is sealed to the hub, and a
    reply whose ack, results and feed page are sealed to the device, each box made with a fixed one-time key."""
    device_id, public_key, hub_public = segment.device_id, public_key_bytes(key), public_key_bytes(hub_key)
    body, cursor = encode_batch([segment], CODEC_NONE), encode_cursor(40, "35.07.01.2001")
    secret = challenge_secret(hub_key)
    request_ephemeral = X25519PrivateKey.from_private_bytes(REQUEST_EPHEMERAL_SEED)
    sealed = seal_request_body(hub_public, device_id, body, request_ephemeral)
    request = SyncRequest.signed(key, device_id, cursor, sealed, public_key, protocol=3, counter=8,
                                 challenge=issue(secret, device_id, CHALLENGE_TIME))
    reply = seal_reply(hub_key, SyncReply({"seq": 2, "hash": segment.changesets[-1].hash().hex()}, [], signed_page,
                                          {"applied": 2, "duplicate": 0, "refused": 0, "conflicts": 0}, version=3,
                                          device=device_id, counter=8,
                                          challenge=issue(secret, device_id, CHALLENGE_TIME + 60)),
                       public_key, X25519PrivateKey.from_private_bytes(REPLY_EPHEMERAL_SEED))
    return {
        "x25519": {"device_public_key": x25519_public(public_key).hex(),
                   "hub_public_key": x25519_public(hub_public).hex(),
                   "device_private_key": x25519_private(key).private_bytes_raw().hex(),
                   "hub_private_key": x25519_private(hub_key).private_bytes_raw().hex()},
        "request": {"plain_body": body.hex(), "ephemeral_seed": REQUEST_EPHEMERAL_SEED.hex(),
                    "context_utf8": "SWS-SYNC-REQ-3\u0000" + device_id, "body": sealed.hex(),
                    "headers": request.headers(), "bundle_item": request.to_item(),
                    "signature_input": (b"SWS-SYNC-REQ-3\x00" + request.signature_input()).hex()},
        "reply": {"json": reply.to_json(), "bundle_item": reply_item(device_id, reply.to_json()),
                  "ephemeral_seed": REPLY_EPHEMERAL_SEED.hex(), "context_utf8": "SWS-SYNC-REPLY-3\u0000" + device_id,
                  "carried": reply.carried(),
                  "signature_input": (b"SWS-SYNC-REPLY-3\x00" + canonical_bytes(reply.signed_part())).hex()},
        "answer_version": [{"announced": announced, "made_under": made, "answered": answer_version(made, announced)}
                           for announced, made in (([1, 2, 3], 1), ([1, 2, 3], 2), ([1, 2, 3], 3), ([1, 2], 2))],
    }


def main():
    for name, content in vectors().items():
        (HERE / name).write_text(json.dumps(content, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
