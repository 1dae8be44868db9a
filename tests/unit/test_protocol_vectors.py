"""The stored test vectors (tests/vectors/) hold: the code makes exactly these bytes, and the bytes
verify with nothing but hashlib and cryptography, as another team's implementation would check them."""

import base64
import hashlib
import hmac
import json
import zlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync_protocol.binding import SyncReply, SyncRequest
from sync_protocol.bundle import read_bundle
from sync_protocol.canonical import canonical_bytes
from sync_protocol.changeset import ChangeSet
from sync_protocol.feed import decode_cursor, open_page
from sync_protocol.wire import decode_batch
from tests.vectors.make_vectors import vectors

VECTORS = Path(__file__).parents[1] / "vectors"


def stored(name):
    return json.loads((VECTORS / name).read_text())


@pytest.mark.parametrize("name", sorted(vectors()))
def test_the_code_still_makes_exactly_the_stored_vectors(name):
    assert json.loads(json.dumps(vectors()[name], ensure_ascii=False)) == stored(name)


def test_canonical_vectors():
    for case in stored("canonical.json"):
        assert canonical_bytes(case["input"]).decode() == case["canonical_utf8"]


def test_changeset_hashes_are_sha256_of_the_canonical_bytes():
    for case in stored("changesets.json"):
        assert hashlib.sha256(case["canonical_utf8"].encode()).hexdigest() == case["hash"]
        assert ChangeSet.from_body(case["body"]).hash().hex() == case["hash"]


def test_the_segment_signature_verifies_with_plain_cryptography():
    keys, segment = stored("keys.json"), stored("segment.json")
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["device_public_key"]))
    public.verify(bytes.fromhex(segment["signature"]), bytes.fromhex(segment["signature_input"]))
    assert bytes.fromhex(segment["signature_input"]).endswith(bytes.fromhex(segment["head_hash"]))


def test_the_uncompressed_wire_frame_decodes_to_the_vector_changesets():
    (segment,) = decode_batch(bytes.fromhex(stored("segment.json")["wire_uncompressed"]))
    assert [c.hash().hex() for c in segment.changesets] == [c["hash"] for c in stored("changesets.json")]


def test_the_feed_page_opens_with_the_hub_key_and_the_cursor_decodes():
    keys, feed = stored("keys.json"), stored("feed.json")
    page = open_page(feed["page"], bytes.fromhex(keys["hub_public_key"]), keys["device_id"])
    assert decode_cursor(page.cursor, feed["cursor_scope"]) == feed["cursor_position"]


def test_the_bundle_vector_reads_back():
    bundle = read_bundle(bytes.fromhex(stored("bundle.json")["bundle"]))
    assert bundle.segments[0].signature.hex() == stored("segment.json")["signature"]


def test_the_sync_request_signature_verifies_over_the_device_cursor_and_body_hash():
    keys, request = stored("keys.json"), stored("binding.json")["request"]
    headers, body = request["headers"], bytes.fromhex(request["body"])
    signed = {"device": headers["X-SWS-Device"], "cursor": headers["X-SWS-Cursor"],
              "body": hashlib.sha256(body).hexdigest()}
    expected = b"SWS-SYNC-REQ-1\x00" + json.dumps(signed, sort_keys=True, separators=(",", ":")).encode()
    assert bytes.fromhex(request["signature_input"]) == expected
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["device_public_key"]))
    public.verify(base64.b64decode(headers["X-SWS-Signature"]), expected)


def test_the_request_reads_the_same_from_its_headers_and_from_its_bundle_item():
    keys, request = stored("keys.json"), stored("binding.json")["request"]
    body = bytes.fromhex(request["body"])
    from_headers = SyncRequest.from_headers(request["headers"], body)
    from_item = SyncRequest.from_item(request["bundle_item"], via="http")
    assert from_headers == from_item and from_item.body == body
    from_item.verify(bytes.fromhex(keys["device_public_key"]))


def test_the_reply_round_trips_and_its_feed_page_opens_with_the_hub_key():
    keys, reply = stored("keys.json"), stored("binding.json")["reply"]
    assert SyncReply.from_json(reply["json"]).to_json() == reply["json"] == reply["bundle_item"]["reply"]
    open_page(reply["json"]["feed"], bytes.fromhex(keys["hub_public_key"]), keys["device_id"])


def test_the_enrollment_reply_signature_verifies_with_plain_cryptography():
    keys, enroll = stored("keys.json"), stored("binding.json")["enroll_reply"]
    unsigned = {name: value for name, value in enroll["signed"].items() if name != "signature"}
    expected = b"SWS-ENROLL-REPLY\x00" + json.dumps(unsigned, sort_keys=True, separators=(",", ":")).encode()
    assert bytes.fromhex(enroll["signature_input"]) == expected
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["hub_public_key"]))
    public.verify(base64.b64decode(enroll["signed"]["signature"]), expected)


def test_the_version_2_request_signature_verifies_with_plain_cryptography():
    keys, v2 = stored("keys.json"), stored("binding_v2.json")
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["device_public_key"]))
    request = v2["request"]
    signed = bytes.fromhex(request["signature_input"])
    assert signed == b"SWS-SYNC-REQ-2\x00" + request["signature_input_utf8"].encode()
    public.verify(base64.b64decode(request["headers"]["X-SWS-Signature"]), signed)
    fields = json.loads(request["signature_input_utf8"])
    headers = request["headers"]
    versions = [int(version) for version in headers["X-SWS-Versions"].split(",")]
    assert (fields["counter"], fields["challenge"], fields["versions"]) == (
        int(headers["X-SWS-Counter"]), headers["X-SWS-Challenge"], versions)
    assert fields["body"] == hashlib.sha256(bytes.fromhex(request["body"])).hexdigest()
    assert SyncRequest.from_item(request["bundle_item"], via="http") == SyncRequest.from_headers(
        headers, bytes.fromhex(request["body"]))


def test_the_version_2_reply_is_signed_whole_and_verifies_with_plain_cryptography():
    keys, v2 = stored("keys.json"), stored("binding_v2.json")
    hub = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["hub_public_key"]))
    for reply in (v2["reply"]["json"], v2["withheld_reply"]["json"]):
        unsigned = canonical_bytes({name: value for name, value in reply.items() if name != "sig"})
        hub.verify(base64.b64decode(reply["sig"]), b"SWS-SYNC-REPLY-2\x00" + unsigned)
    assert bytes.fromhex(v2["reply"]["signature_input"]).endswith(canonical_bytes(
        {name: value for name, value in v2["reply"]["json"].items() if name != "sig"}))
    assert v2["withheld_reply"]["json"]["withheld"] and v2["withheld_reply"]["json"]["feed"] is None


def test_the_challenge_is_the_clock_and_an_hmac_of_it():
    case = stored("binding_v2.json")["challenge"]
    raw = base64.urlsafe_b64decode(case["challenge"] + "=" * (-len(case["challenge"]) % 4))
    assert int.from_bytes(raw[:8], "big") == case["issued_at"]
    mac = hmac.new(bytes.fromhex(case["secret"]), case["device_id"].encode() + b"\x00" + raw[:8], hashlib.sha256)
    assert raw[8:] == mac.digest()[:16]


def test_the_first_request_is_a_version_1_request_that_announces_version_2():
    first = stored("binding_v2.json")["first_request"]
    assert first["headers"]["X-SWS-Protocol"] == "1" and first["headers"]["X-SWS-Versions"] == "1,2"
    assert set(json.loads(first["signature_input_utf8"])) == {"body", "cursor", "device"}


def _open_box(box: bytes, x25519_private_hex: str, context: bytes) -> bytes:
    """A sealed box opened with nothing but cryptography's primitives, as docs/protocol.md §14 describes it."""
    assert box[:3] == b"SX\x01"
    private = X25519PrivateKey.from_private_bytes(bytes.fromhex(x25519_private_hex))
    ephemeral, recipient = box[3:35], private.public_key().public_bytes_raw()
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    key = HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=b"SWS-SEAL-1\x00" + context).derive(shared)
    return ChaCha20Poly1305(key).decrypt(bytes(12), box[35:], context)


def test_the_x25519_keys_are_the_first_half_of_sha512_of_each_ed25519_seed():
    keys, x = stored("keys.json"), stored("binding_v3.json")["x25519"]
    for side in ("device", "hub"):
        private = hashlib.sha512(bytes.fromhex(keys[f"{side}_seed"])).digest()[:32]
        assert x[f"{side}_private_key"] == private.hex()
        assert X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw().hex() == \
            x[f"{side}_public_key"]


def test_the_version_3_request_body_opens_with_the_hubs_x25519_key_and_its_signature_covers_the_box():
    keys, v3 = stored("keys.json"), stored("binding_v3.json")
    request, x = v3["request"], v3["x25519"]
    box, context = bytes.fromhex(request["body"]), request["context_utf8"].encode()
    ephemeral = X25519PrivateKey.from_private_bytes(bytes.fromhex(request["ephemeral_seed"]))
    assert box[3:35] == ephemeral.public_key().public_bytes_raw()
    assert _open_box(box, x["hub_private_key"], context) == bytes.fromhex(request["plain_body"])
    signed = bytes.fromhex(request["signature_input"])
    assert signed.startswith(b"SWS-SYNC-REQ-3\x00")
    assert json.loads(signed[len(b"SWS-SYNC-REQ-3\x00"):])["body"] == hashlib.sha256(box).hexdigest()
    device = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["device_public_key"]))
    device.verify(base64.b64decode(request["headers"]["X-SWS-Signature"]), signed)


def test_the_version_3_reply_is_signed_over_its_box_which_opens_with_the_devices_x25519_key():
    keys, v3 = stored("keys.json"), stored("binding_v3.json")
    reply, x = v3["reply"], v3["x25519"]
    data = reply["json"]
    assert set(data) == {"ok", "v", "device", "counter", "challenge", "sealed", "sig"} and data["v"] == 3
    unsigned = canonical_bytes({name: value for name, value in data.items() if name != "sig"})
    assert bytes.fromhex(reply["signature_input"]) == b"SWS-SYNC-REPLY-3\x00" + unsigned
    hub = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["hub_public_key"]))
    hub.verify(base64.b64decode(data["sig"]), bytes.fromhex(reply["signature_input"]))
    carried = zlib.decompress(_open_box(base64.b64decode(data["sealed"]), x["device_private_key"],
                                        reply["context_utf8"].encode()))
    assert json.loads(carried) == reply["carried"] and reply["carried"]["feed"]["sig"]


def test_the_format_2_changeset_vector_hashes_and_names_the_edits_seen():
    case = stored("changesets_v2.json")["changeset"]
    assert hashlib.sha256(case["canonical_utf8"].encode()).hexdigest() == case["hash"]
    changeset = ChangeSet.from_body(case["body"])
    assert changeset.version == 2 and changeset.hash().hex() == case["hash"]
    (op,) = changeset.ops
    assert op.bases == {"name": f"{changeset.device_id}:2:0", "monthly_income": "origin"}
    assert op.base_of("sex") is None  # not said: matched by value


def test_the_format_2_wire_vectors_decode_and_verify_with_plain_cryptography():
    keys, vectors_v2 = stored("keys.json"), stored("changesets_v2.json")
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(keys["device_public_key"]))
    (alone,) = decode_batch(bytes.fromhex(vectors_v2["segment"]["wire_uncompressed"]))
    assert [c.hash().hex() for c in alone.changesets] == [vectors_v2["changeset"]["hash"]]
    public.verify(alone.signature, bytes.fromhex(vectors_v2["segment"]["signature_input"]))
    (mixed,) = decode_batch(bytes.fromhex(vectors_v2["mixed_segment"]["wire_uncompressed"]))
    assert [c.version for c in mixed.changesets] == vectors_v2["mixed_segment"]["versions"] == [1, 1, 2]
    assert [c.hash().hex() for c in mixed.changesets] == ([c["hash"] for c in stored("changesets.json")]
                                                          + [vectors_v2["changeset"]["hash"]])
    public.verify(mixed.signature, b"SWS-CHAIN-1\x00" + mixed.changesets[-1].hash())


def test_the_feed_page_with_producing_edits_opens_with_the_hub_key():
    keys, feed = stored("keys.json"), stored("changesets_v2.json")["feed"]
    page = open_page(feed["page"], bytes.fromhex(keys["hub_public_key"]), keys["device_id"])
    assert page.entries[0]["edits"]["name"] == f"{keys['device_id']}:3:0"
