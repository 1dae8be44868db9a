"""The compact wire form: exact round trips, and refusal of damaged frames."""

import pytest

from sync_protocol.changeset import Operation
from sync_protocol.errors import MalformedMessage
from sync_protocol.wire import CODEC_LZMA, CODEC_NONE, CODEC_ZLIB, decode_batch, encode_batch
from tests.unit.protocol_helpers import Device


def mixed_history(device):
    person = device.new_id()
    device.changeset(Operation("create", "household", device.new_id(), {"kk_number": "3507010101200001"}),
                     Operation("create", "person", person, {"name": "Siti", "monthly_income": 750000}))
    device.update(person, {"name": "Siti"}, {"name": "Siti Aminah"})
    device.changeset(Operation("append", "complaint_event", "other-7", {"note": "diterima", "n": [1, {"x": None}]}))
    device.changeset(Operation("delete", "person", person))
    return device.segment()


@pytest.mark.parametrize("codec", [CODEC_NONE, CODEC_ZLIB, CODEC_LZMA])
def test_every_kind_of_operation_round_trips_exactly(codec):
    device = Device(3)
    segment = mixed_history(device)
    (back,) = decode_batch(encode_batch([segment], codec))
    assert back == segment
    assert [c.hash() for c in back.changesets] == [c.hash() for c in segment.changesets]


def test_segments_of_several_devices_share_one_batch():
    one, two = Device(1), Device(2)
    for device in (one, two):
        for n in range(5):
            device.create(name=f"person {n}", village_code="35.07.01.2001")
    segments = [one.segment(), two.segment()]
    assert decode_batch(encode_batch(segments)) == segments


def test_ids_made_on_the_device_cost_about_a_byte():
    device = Device(1)
    for _n in range(1000):
        device.create(name="Same Name", village_code="35.07.01.2001")
    size = len(encode_batch([device.segment()]))
    assert size < 1000 * 3  # ids, seqs and hashes all but vanish; only the one signature remains


@pytest.mark.parametrize("data", [b"", b"XX\x01\x02abc", b"SW\x09\x02abc", b"SW\x01\x07abc", b"SW\x01\x02not lzma"])
def test_damaged_frames_are_malformed(data):
    with pytest.raises(MalformedMessage):
        decode_batch(data)


def test_a_small_frame_that_expands_beyond_the_limit_is_refused():
    device = Device(1)
    device.create(name="x" * 100_000)
    with pytest.raises(MalformedMessage):
        decode_batch(encode_batch([device.segment()]), limit=10_000)


def test_inconsistent_columns_are_malformed_not_a_crash():
    import json

    payload = json.dumps({"segs": [["abc", 1, "00" * 32, "", 2, 1]], "time": [0], "officer": ["x"], "nops": [1],
                          "shapes": [], "opshape": [], "cols": []}).encode()
    frame = b"SW\x01\x00" + payload
    with pytest.raises(MalformedMessage):
        decode_batch(frame)
