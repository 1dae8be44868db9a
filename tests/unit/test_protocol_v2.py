"""Protocol version 2: the request signs its counter, challenge and versions; the hub signs its whole
reply; challenges are the hub's, for one device, and expire."""

import base64
import json
from dataclasses import replace

import pytest

from sync_protocol import challenge
from sync_protocol.binding import SyncReply, SyncRequest, open_reply, sign_reply
from sync_protocol.errors import BadSignature, UntrustedReply
from sync_protocol.signing import private_key_from_seed, public_key_bytes
from tests.unit.protocol_helpers import Device

HUB = private_key_from_seed(bytes([9]) * 32)
HUB_PUBLIC = public_key_bytes(HUB)


def v2_request(device, counter=5, challenge_text="abc"):
    return SyncRequest.signed(device.key, device.device_id, "c1", b"body", device.public_key, protocol=2,
                              counter=counter, challenge=challenge_text)


def test_a_version_2_request_survives_its_headers_and_its_bundle_item():
    device = Device(1)
    request = v2_request(device)
    assert request.versions == (1, 2, 3)
    assert SyncRequest.from_headers(request.headers(), b"body") == request
    assert SyncRequest.from_item(request.to_item(), via="http") == request
    request.verify(device.public_key)


def test_a_version_2_signature_covers_counter_challenge_and_versions():
    device = Device(1)
    request = v2_request(device)
    for altered in (replace(request, counter=6), replace(request, challenge="abd"), replace(request, versions=(2,)),
                    replace(request, protocol=1)):
        with pytest.raises(BadSignature):
            altered.verify(device.public_key)


def test_a_version_1_request_may_announce_versions_unsigned():
    device = Device(1)
    request = SyncRequest.signed(device.key, device.device_id, "c1", b"", versions={1, 2})
    assert request.headers()["X-SWS-Versions"] == "1,2" and "X-SWS-Counter" not in request.headers()
    replace(request, versions=()).verify(device.public_key)  # what a version 1 hub checks: unchanged


def reply_for(device, **changes):
    reply = SyncReply({"seq": 3, "hash": "ab" * 32}, [{"seq": 3, "outcome": "refused", "code": "x", "reason": "y"}],
                      None, {"applied": 0}, version=2, device=device.device_id, counter=5, challenge="next")
    return sign_reply(HUB, replace(reply, **changes))


def test_a_signed_reply_opens_after_json_and_back():
    device = Device(1)
    wire = json.loads(json.dumps(reply_for(device).to_json()))
    opened = open_reply(SyncReply.from_json(wire), HUB_PUBLIC, device.device_id, required=True)
    assert opened.ack["seq"] == 3 and opened.counter == 5 and opened.challenge == "next"


@pytest.mark.parametrize("forge", [
    lambda data: data.update(ack={"seq": 99, "hash": "cd" * 32}),
    lambda data: data.update(results=[]),
    lambda data: data.update(challenge="mine"),
    lambda data: data.update(sig=base64.b64encode(b"x" * 64).decode()),
    lambda data: data.pop("sig"),
])
def test_a_forged_reply_is_refused(forge):
    device = Device(1)
    data = reply_for(device).to_json()
    forge(data)
    with pytest.raises(UntrustedReply):
        open_reply(SyncReply.from_json(data), HUB_PUBLIC, device.device_id, required=True)


def test_an_unsigned_reply_is_refused_once_the_hub_has_signed_but_a_bare_feed_page_is_left_to_its_own_check():
    device = Device(1)
    downgraded = SyncReply(ack={"seq": 99, "hash": "cd" * 32})
    assert open_reply(downgraded, HUB_PUBLIC, device.device_id, required=False) == downgraded
    with pytest.raises(UntrustedReply):
        open_reply(downgraded, HUB_PUBLIC, device.device_id, required=True)
    page_only = SyncReply(feed={"sig": "..."})
    assert open_reply(page_only, HUB_PUBLIC, device.device_id, required=True) == page_only


def test_a_reply_signed_for_another_device_is_refused():
    with pytest.raises(UntrustedReply):
        open_reply(reply_for(Device(2)), HUB_PUBLIC, Device(1).device_id, required=True)


def test_a_challenge_is_the_hubs_for_one_device_and_expires():
    secret = challenge.challenge_secret(HUB)
    issued = challenge.issue(secret, "aaaaaaaaaa", 1_000_000)
    assert challenge.is_fresh(secret, "aaaaaaaaaa", issued, 1_000_000 + challenge.LIFETIME)
    assert not challenge.is_fresh(secret, "aaaaaaaaaa", issued, 1_000_001 + challenge.LIFETIME)
    assert not challenge.is_fresh(secret, "bbbbbbbbbb", issued, 1_000_000)
    assert not challenge.is_fresh(challenge.challenge_secret(private_key_from_seed(bytes(32))), "aaaaaaaaaa",
                                  issued, 1_000_000)
    assert not challenge.is_fresh(secret, "aaaaaaaaaa", issued, 999_999)  # issued in the future
    for odd in ("", "not base64 at all!", issued[:-2]):
        assert not challenge.is_fresh(secret, "aaaaaaaaaa", odd, 1_000_000)
