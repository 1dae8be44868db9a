"""Bundles on a USB stick go through the same verification path as an HTTP sync."""

import pytest

from hub_server.services.bundles import import_bundle
from sync_protocol.binding import refusal_signed
from sync_protocol.bundle import Bundle, read_bundle, write_bundle
from sync_protocol.errors import BundleCorrupt
from tests.integration.sync_helpers import VILLAGE, enroll, request
from tests.unit.protocol_helpers import Device, valid_person

HUB = Device(250)


def stick(*requests) -> bytes:
    return write_bundle(Bundle([], [request.to_item() for request in requests]))


def test_a_bundle_is_applied_once_however_often_it_is_imported(hub_database):
    laptop = Device(1)
    enroll(hub_database, laptop)
    made = [laptop.create(**valid_person(name=name, village_code=VILLAGE)) for name in ("Siti", "Budi")]
    data = stick(request(laptop, made))
    first = import_bundle(hub_database, data, HUB.key)
    again = import_bundle(hub_database, data, HUB.key)
    assert first.lines[0]["applied"] == 2 and again.lines[0]["duplicate"] == 2 and again.lines[0]["applied"] == 0
    (reply,) = read_bundle(first.reply).hub_data
    assert reply["device"] == laptop.device_id and reply["reply"]["ack"]["seq"] == 2


def test_a_damaged_bundle_is_refused_whole(hub_database):
    laptop = Device(1)
    enroll(hub_database, laptop)
    data = bytearray(stick(request(laptop, [laptop.create(**valid_person(village_code=VILLAGE))])))
    data[30] ^= 0x40
    with pytest.raises(BundleCorrupt):
        import_bundle(hub_database, bytes(data), HUB.key)


def test_a_request_from_an_unknown_laptop_is_reported_and_the_others_still_apply(hub_database):
    known, stranger = Device(1), Device(2)
    enroll(hub_database, known)
    data = stick(request(stranger, [stranger.create(**valid_person(village_code=VILLAGE))]),
                 request(known, [known.create(**valid_person(village_code=VILLAGE))]))
    report = import_bundle(hub_database, data, HUB.key)
    assert report.lines[0]["code"] == "unknown_device" and report.lines[1]["applied"] == 1
    assert report.refused == 1
    # The return bundle tells the stranger why, signed by the hub for it; the known laptop gets its reply.
    refused, served = read_bundle(report.reply).hub_data
    assert refused["device"] == stranger.device_id and refused["error"]["code"] == "unknown_device"
    assert refusal_signed(refused["error"], HUB.public_key, stranger.device_id) and served["reply"]["ack"]["seq"] == 1


def test_loose_segments_from_a_relay_are_ingested_with_their_own_signatures(hub_database):
    laptop = Device(1)
    enroll(hub_database, laptop)
    laptop.create(**valid_person(village_code=VILLAGE))
    report = import_bundle(hub_database, write_bundle(Bundle([laptop.segment()], [])), HUB.key)
    assert report.lines == [{"device": laptop.device_id, "applied": 1, "duplicate": 0, "refused": 0, "conflicts": 0}]
