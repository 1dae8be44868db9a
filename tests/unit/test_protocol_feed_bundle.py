"""Feed pages, cursors, revocations, bundles, scope and version negotiation."""

import dataclasses

import pytest

from sync_protocol.bundle import Bundle, read_bundle, verify_bundle_segments, write_bundle
from sync_protocol.errors import (
    BadSignature,
    BundleCorrupt,
    MalformedMessage,
    OutOfScope,
    RevokedDevice,
    UnknownDevice,
    UnsupportedVersion,
)
from sync_protocol.feed import FeedPage, Revocation, RevocationList, decode_cursor, encode_cursor, open_page, sign_page
from sync_protocol.scope import Scope
from sync_protocol.version import negotiate
from tests.unit.protocol_helpers import Device

HUB = Device(200)


def page(device_id="abc", cursor="c1"):
    entries = ({"kind": "record", "table": "person", "id": "x-1", "data": {"name": "Siti"}},
               Revocation("stolen0001", "laptop stolen", 17).to_entry())
    return FeedPage(device_id, entries, cursor, False)


def test_a_signed_page_opens_with_the_pinned_hub_key():
    signed = sign_page(HUB.key, page())
    assert open_page(signed, HUB.public_key, "abc") == page()


def test_a_page_altered_on_the_way_is_refused():
    signed = sign_page(HUB.key, page())
    signed["entries"][0]["data"]["name"] = "Mallory"
    with pytest.raises(BadSignature):
        open_page(signed, HUB.public_key, "abc")


def test_a_page_from_a_false_hub_is_refused():
    with pytest.raises(BadSignature):
        open_page(sign_page(Device(201).key, page()), HUB.public_key, "abc")


def test_a_page_signed_for_another_device_is_refused():
    with pytest.raises(MalformedMessage):
        open_page(sign_page(HUB.key, page("other")), HUB.public_key, "abc")


def test_cursors_are_opaque_and_bound_to_their_scope():
    village = Scope(("35.07.01.2001",))
    cursor = encode_cursor(12345, village.key())
    assert "12345" not in cursor and decode_cursor(cursor, village.key()) == 12345
    assert decode_cursor(None, village.key()) == 0
    with pytest.raises(MalformedMessage):
        decode_cursor(cursor, Scope(("35.07.02",)).key())
    with pytest.raises(MalformedMessage):
        decode_cursor("not-a-cursor!", village.key())


def test_revocations_learned_from_the_feed_refuse_a_stolen_laptop_offline():
    revocations = RevocationList()
    revocations.learn(page().entries)
    with pytest.raises(RevokedDevice) as caught:
        revocations.check("stolen0001")
    assert caught.value.reason == "laptop stolen"
    revocations.check("abc")


def two_villages_bundle():
    one, two = Device(1), Device(2)
    for device in (one, two):
        device.create(name="Siti", village_code="35.07.01.2001")
        device.create(name="Budi", village_code="35.07.01.2001")
    return one, two, Bundle([one.segment(), two.segment()], [sign_page(HUB.key, page())])


def test_a_bundle_of_several_devices_round_trips_and_verifies_with_their_keys():
    one, two, bundle = two_villages_bundle()
    back = read_bundle(write_bundle(bundle))
    assert back.segments == bundle.segments and back.hub_data == bundle.hub_data
    verify_bundle_segments(back, {one.device_id: one.public_key, two.device_id: two.public_key})


def test_a_bundle_damaged_on_the_stick_is_refused():
    data = bytearray(write_bundle(two_villages_bundle()[2]))
    data[40] ^= 0x01
    with pytest.raises(BundleCorrupt):
        read_bundle(bytes(data))
    with pytest.raises(BundleCorrupt):
        read_bundle(bytes(data[:-10]))


def test_a_bundle_rewritten_with_a_fresh_checksum_still_fails_the_device_signature():
    one, two, bundle = two_villages_bundle()
    segment = bundle.segments[0]
    op = segment.changesets[-1].ops[0]
    altered = dataclasses.replace(segment.changesets[-1], ops=(dataclasses.replace(op, fields={"name": "X"}),))
    bundle.segments[0] = dataclasses.replace(segment, changesets=segment.changesets[:-1] + (altered,))
    reread = read_bundle(write_bundle(bundle))
    with pytest.raises(BadSignature):
        verify_bundle_segments(reread, {one.device_id: one.public_key, two.device_id: two.public_key})


def test_a_bundle_from_an_unknown_or_revoked_device_is_refused():
    one, two, bundle = two_villages_bundle()
    with pytest.raises(UnknownDevice):
        verify_bundle_segments(bundle, {one.device_id: one.public_key})
    revoked = RevocationList([Revocation(two.device_id, "revoked by district admin", 3)])
    with pytest.raises(RevokedDevice):
        verify_bundle_segments(bundle, {one.device_id: one.public_key, two.device_id: two.public_key}, revoked)


def test_scope_covers_its_villages_and_nothing_else():
    sub_district = Scope(("35.07.01",))
    assert sub_district.covers("35.07.01.2001") and sub_district.covers("35.07.01")
    assert not sub_district.covers("35.07.010.2001") and not sub_district.covers("35.07.02.2001")
    assert not sub_district.covers(None)
    with pytest.raises(OutOfScope) as caught:
        sub_district.check("abc", "abc-1", "35.07.02.2001")
    assert caught.value.region == "35.07.02.2001"


def test_negotiation_intersects_versions_and_capabilities():
    agreement = negotiate([1, 2, 3, 4], {"wire-lzma", "future-thing"})
    assert agreement.version == 3 and agreement.capabilities == {"wire-lzma"}
    assert negotiate([1], set()).version == 1  # a version 1 laptop is served in version 1
    with pytest.raises(UnsupportedVersion) as caught:
        negotiate([7], set())
    assert caught.value.got == [7] and caught.value.supported == [1, 2, 3]
