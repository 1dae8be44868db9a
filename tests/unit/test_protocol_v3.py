"""Protocol version 3: the request body is sealed to the hub and what the reply carries to the device, with the
keys both sides already hold; a box opens only with the right key, for its purpose and its device."""

import json
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync_protocol.binding import (
    SEALED_TYPE,
    SyncReply,
    SyncRequest,
    open_reply,
    open_request_body,
    refusal_signed,
    seal_reply,
    seal_request_body,
    sign_refusal,
)
from sync_protocol.errors import BadSignature, MalformedMessage, UntrustedReply
from sync_protocol.sealing import OVERHEAD, open_sealed, seal, x25519_private, x25519_public
from sync_protocol.signing import generate_private_key, private_key_from_seed, public_key_bytes
from tests.unit.protocol_helpers import Device, forged_reply_box

HUB = private_key_from_seed(bytes([9]) * 32)
HUB_PUBLIC = public_key_bytes(HUB)
NIK = "3507015708900002"


def test_the_x25519_key_of_an_ed25519_public_key_is_the_one_its_private_key_gives():
    for _ in range(100):  # the birational map in pure arithmetic against cryptography's own derivation
        key = generate_private_key()
        assert x25519_public(public_key_bytes(key)) == x25519_private(key).public_key().public_bytes_raw()


def test_a_box_opens_with_its_key_for_its_context_and_costs_51_bytes():
    device = Device(1)
    box = seal(device.public_key, NIK.encode(), b"ctx")
    assert len(box) == len(NIK) + OVERHEAD == len(NIK) + 51 and NIK.encode() not in box
    assert open_sealed(device.key, box, b"ctx") == NIK.encode()
    assert seal(device.public_key, b"same", b"ctx") != seal(device.public_key, b"same", b"ctx")  # a fresh key each


@pytest.mark.parametrize("spoil", [
    lambda box: (Device(2).key, box, b"ctx"),  # another device's key
    lambda box: (Device(1).key, box, b"other purpose"),
    lambda box: (Device(1).key, box[:-1] + bytes([box[-1] ^ 1]), b"ctx"),  # one bit changed
    lambda box: (Device(1).key, box[:40], b"ctx"),  # cut short
    lambda box: (Device(1).key, b"SW" + box[2:], b"ctx"),  # not a box
    lambda box: (Device(1).key, box[:3] + bytes(32) + box[35:], b"ctx"),  # a low-order ephemeral key
])
def test_a_box_does_not_open_for_anyone_else_or_altered(spoil):
    box = seal(Device(1).public_key, b"secret", b"ctx")
    with pytest.raises(MalformedMessage):
        open_sealed(*spoil(box))


def v3_request(device, body=b"wire batch"):
    sealed = seal_request_body(HUB_PUBLIC, device.device_id, body)
    return SyncRequest.signed(device.key, device.device_id, "c1", sealed, device.public_key, protocol=3, counter=4,
                              challenge="abc")


def test_a_version_3_request_carries_its_body_sealed_to_the_hub_and_signs_what_travels():
    device = Device(1)
    request = v3_request(device)
    assert request.headers()["Content-Type"] == SEALED_TYPE and b"wire batch" not in request.body
    assert SyncRequest.from_headers(request.headers(), request.body) == request
    assert SyncRequest.from_item(request.to_item(), via="http") == request
    request.verify(device.public_key)
    assert open_request_body(HUB, request) == b"wire batch"
    flipped = request.body[:-1] + bytes([request.body[-1] ^ 1])  # the last byte changed, whatever it was
    for altered in (replace(request, protocol=2), replace(request, body=flipped)):
        with pytest.raises(BadSignature):
            altered.verify(device.public_key)


def test_a_version_3_body_opens_only_at_its_hub_for_its_device():
    device, other = Device(1), Device(2)
    with pytest.raises(MalformedMessage):  # sealed to another hub
        open_request_body(private_key_from_seed(bytes([8]) * 32), v3_request(device))
    with pytest.raises(MalformedMessage):  # another device's sealed body presented as this one's
        open_request_body(HUB, replace(v3_request(device), device_id=other.device_id))
    with pytest.raises(MalformedMessage):  # a body in the clear under version 3
        open_request_body(HUB, replace(v3_request(device), body=b"wire batch"))
    assert open_request_body(HUB, replace(v3_request(device), protocol=2, body=b"clear")) == b"clear"
    assert seal_request_body(HUB_PUBLIC, device.device_id, b"") == b""  # nothing to push: nothing to seal


def reply_for(device, feed=None):
    reply = SyncReply({"seq": 3, "hash": "ab" * 32}, [{"seq": 3, "outcome": "refused", "code": "x",
                                                       "reason": f"NIK {NIK} tidak sah"}],
                      feed, {"applied": 0}, version=3, device=device.device_id, counter=5, challenge="next")
    return seal_reply(HUB, reply, device.public_key)


def test_a_sealed_reply_shows_nothing_but_its_envelope_and_opens_on_its_laptop():
    device = Device(1)
    wire = json.loads(json.dumps(reply_for(device, {"entries": [{"data": {"nik": NIK}}]}).to_json()))
    assert set(wire) == {"ok", "v", "device", "counter", "challenge", "sealed", "sig"} and NIK not in json.dumps(wire)
    opened = open_reply(SyncReply.from_json(wire), HUB_PUBLIC, device.device_id, required=True,
                        device_key=device.key)
    assert opened.ack["seq"] == 3 and opened.results[0]["reason"].endswith("tidak sah")
    assert opened.feed["entries"][0]["data"]["nik"] == NIK and opened.summary == {"applied": 0}
    assert opened.counter == 5 and opened.challenge == "next" and not opened.withheld


def forged_box(device, carried: dict) -> str:
    """Anyone can seal to a laptop: its public key is no secret. Only the hub's signature makes a reply."""
    return forged_reply_box(device.public_key, device.device_id, carried)


@pytest.mark.parametrize("forge", [
    lambda data, device: data.update(sealed=forged_box(device, {"ack": {"seq": 99, "hash": "cd" * 32}})),
    lambda data, device: data.update(challenge="mine"),
    lambda data, device: data.update(v=2),
    lambda data, device: data.pop("sig"),
])
def test_a_forged_sealed_reply_is_refused(forge):
    device = Device(1)
    data = reply_for(device).to_json()
    forge(data, device)
    with pytest.raises(UntrustedReply):
        open_reply(SyncReply.from_json(data), HUB_PUBLIC, device.device_id, required=True, device_key=device.key)


def test_a_sealed_reply_does_not_open_without_the_laptops_key_nor_with_another():
    device = Device(1)
    reply = reply_for(device)
    for key in (None, Device(2).key):
        with pytest.raises(UntrustedReply):
            open_reply(reply, HUB_PUBLIC, device.device_id, required=True, device_key=key)


def test_a_sealed_reply_that_would_expand_beyond_the_limit_is_refused(monkeypatch):
    from sync_protocol import binding

    monkeypatch.setattr(binding, "MAX_SEALED_REPLY", 1000)
    device = Device(1)
    reply = reply_for(device, {"entries": [{"data": {"name": "x" * 5000}}]})
    with pytest.raises(UntrustedReply):
        open_reply(reply, HUB_PUBLIC, device.device_id, required=True, device_key=device.key)


def test_a_fixed_one_time_key_makes_the_same_box():
    device = Device(1)
    ephemeral = X25519PrivateKey.from_private_bytes(bytes([7]) * 32)
    assert seal(device.public_key, b"x", b"c", ephemeral) == seal(device.public_key, b"x", b"c", ephemeral)


def signed_refusal(device, **changes):
    envelope = {"ok": False, "status": 409, "code": "sequence_gap", "error": "…", "errors": [], "expected": 3}
    return {**sign_refusal(HUB, envelope, device.device_id, 7), **changes}


def test_the_hubs_refusal_is_signed_for_one_device_and_request():
    device = Device(1)
    refusal = signed_refusal(device)
    assert refusal["signed_for"] == {"device": device.device_id, "counter": 7}
    assert refusal_signed(json.loads(json.dumps(refusal)), HUB_PUBLIC, device.device_id)
    assert not refusal_signed(refusal, HUB_PUBLIC, Device(2).device_id)  # another laptop's
    assert not refusal_signed(refusal, public_key_bytes(Device(3).key), device.device_id)  # not the hub's key
    for forged in (signed_refusal(device, expected=1), signed_refusal(device, code="replayed_request"),
                   signed_refusal(device, sig="x"), {k: v for k, v in refusal.items() if k != "sig"},
                   {k: v for k, v in refusal.items() if k != "signed_for"}):
        assert not refusal_signed(forged, HUB_PUBLIC, device.device_id)
