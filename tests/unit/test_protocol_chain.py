"""Chains and segment signatures: every rejection reason with a real forged or damaged input."""

import dataclasses

import pytest

from sync_protocol.chain import ChainHead, sign_segment, verify_segment
from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation
from sync_protocol.errors import BadSignature, BrokenChain, ChainFork, MalformedMessage, SequenceGap, UnsupportedVersion
from tests.unit.protocol_helpers import Device

START = ChainHead(0, GENESIS_HASH)


def no_history(seq):
    return None


def three_registrations(device):
    for name in ("Siti Aminah", "Budi Santoso", "Dewi Lestari"):
        device.create(name=name, village_code="35.07.01.2001")
    return device.segment()


def test_a_fresh_segment_verifies_and_every_changeset_is_new():
    device = Device(1)
    verified = verify_segment(three_registrations(device), device.public_key, START, no_history)
    assert [c.seq for c, _ in verified.new] == [1, 2, 3]
    assert verified.head == ChainHead(3, device.head)
    assert verified.duplicates == ()


def test_replayed_segment_is_recognised_as_already_held():
    device = Device(1)
    segment = three_registrations(device)
    first = verify_segment(segment, device.public_key, START, no_history)
    hashes = {c.seq: h for c, h in first.new}
    again = verify_segment(segment, device.public_key, first.head, hashes.get)
    assert again.new == () and len(again.duplicates) == 3


def test_signature_by_another_key_is_refused():
    device, forger = Device(1), Device(2)
    segment = three_registrations(device)
    forged = sign_segment(forger.key, segment.changesets)
    with pytest.raises(BadSignature):
        verify_segment(dataclasses.replace(forged, device_id=device.device_id), device.public_key, START, no_history)


def test_a_relay_altering_a_value_breaks_the_signature():
    device = Device(1)
    segment = three_registrations(device)
    last = segment.changesets[-1]
    op = last.ops[0]
    altered_op = Operation(op.kind, op.table, op.record_id, {**op.fields, "name": "Someone Else"})
    altered = dataclasses.replace(last, ops=(altered_op,))
    tampered = dataclasses.replace(segment, changesets=segment.changesets[:-1] + (altered,))
    with pytest.raises(BadSignature):
        verify_segment(tampered, device.public_key, START, no_history)


def test_altering_an_earlier_changeset_breaks_the_chain():
    device = Device(1)
    segment = three_registrations(device)
    first = segment.changesets[0]
    altered = dataclasses.replace(first, officer="mallory")
    with pytest.raises(BrokenChain) as caught:
        verify_segment(dataclasses.replace(segment, changesets=(altered,) + segment.changesets[1:]),
                       device.public_key, START, no_history)
    assert caught.value.seq == 2


def test_reordered_changesets_are_refused():
    device = Device(1)
    segment = three_registrations(device)
    one, two, three = segment.changesets
    with pytest.raises(BrokenChain):
        verify_segment(dataclasses.replace(segment, changesets=(two, one, three)), device.public_key, START, no_history)


def test_truncated_segment_no_longer_matches_its_signature():
    device = Device(1)
    segment = three_registrations(device)
    with pytest.raises(BadSignature):
        verify_segment(dataclasses.replace(segment, changesets=segment.changesets[:2]), device.public_key, START,
                       no_history)


def test_a_segment_that_skips_changesets_is_a_gap_naming_what_to_resend():
    device = Device(1)
    three_registrations(device)
    later = device.segment(device.made[2:])
    with pytest.raises(SequenceGap) as caught:
        verify_segment(later, device.public_key, START, no_history)
    assert (caught.value.expected, caught.value.got) == (1, 3)


def test_a_laptop_restored_from_backup_is_a_fork():
    device = Device(1)
    three_registrations(device)
    held = verify_segment(device.segment(), device.public_key, START, no_history)
    hashes = {c.seq: h for c, h in held.new}
    restored = Device(1)  # same key, its database from before the last two change-sets
    restored.create(name="Siti Aminah", village_code="35.07.01.2001")
    restored.create(name="Another Person", village_code="35.07.01.2001")
    with pytest.raises(ChainFork) as caught:
        verify_segment(restored.segment(), device.public_key, held.head, hashes.get)
    assert caught.value.seq == 2


def test_a_new_changeset_that_continues_another_history_is_a_fork():
    device = Device(1)
    device.create(name="Siti")
    held = verify_segment(device.segment(), device.public_key, START, no_history)
    other = Device(1)
    other.create(name="Not Siti")
    other.create(name="Budi")
    with pytest.raises(ChainFork):
        verify_segment(other.segment(other.made[1:]), device.public_key, held.head, {1: held.head.hash}.get)


def test_an_unsupported_protocol_version_names_the_versions_we_speak():
    device = Device(1)
    future = ChangeSet(device.device_id, 1, GENESIS_HASH, 0, "siti", [Operation("create", "person", "x-1", {})], 99)
    with pytest.raises(UnsupportedVersion) as caught:
        verify_segment(sign_segment(device.key, [future]), device.public_key, START, no_history)
    assert caught.value.supported == [1, 2]  # the change-set formats read, not the sync versions


def test_a_segment_mixing_devices_is_malformed():
    one, two = Device(1), Device(2)
    one.create(name="A")
    two.create(name="B")
    with pytest.raises(MalformedMessage):
        sign_segment(one.key, one.made + two.made)
