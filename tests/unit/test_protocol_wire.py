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


# --- change-set format 2: an update names the edit each field's editor saw (`e`) ----------------


def base_history(device):
    """Format 1 work, then format 2 updates naming the edits seen: what a laptop sends once its hub reads 2."""
    person = device.new_id()
    device.changeset(Operation("create", "person", person, {"name": "Siti", "phone": "0811"}))
    device.update(person, {"name": "Siti"}, {"name": "Siti Aminah"})
    device.update(person, {"name": "Siti Aminah", "phone": "0811"}, {"name": "Siti", "phone": "0822"},
                  bases={"name": f"{device.device_id}:2:0", "phone": "origin"})
    device.update(person, {"name": "Siti"}, {"name": "Siti A."}, bases={"name": "hub:41:0"})
    device.update(person, {"phone": "0822"}, {"phone": "0833"})  # format 1 again: nothing known to name
    return device.segment()


@pytest.mark.parametrize("codec", [CODEC_NONE, CODEC_ZLIB, CODEC_LZMA])
def test_format_2_updates_and_a_segment_of_both_formats_round_trip_exactly(codec):
    segment = base_history(Device(4))
    (back,) = decode_batch(encode_batch([segment], codec))
    assert back == segment
    assert [c.version for c in back.changesets] == [1, 1, 2, 2, 1]
    assert back.changesets[2].ops[0].bases == {"name": f"{segment.device_id}:2:0", "phone": "origin"}
    assert [c.hash() for c in back.changesets] == [c.hash() for c in segment.changesets]


def test_the_shape_of_an_update_naming_edits_lists_the_e_names_and_a_format_1_shape_is_unchanged():
    import json

    device = Device(5)
    segment = base_history(device)
    columns = json.loads(encode_batch([segment], CODEC_NONE)[4:])
    assert columns["segs"][0][5] == [1, 1, 2, 2, 1]
    assert ["update", "person", ["name", "phone"], ["name", "phone"], ["name", "phone"]] in columns["shapes"]
    assert ["update", "person", ["name"], ["name"]] in columns["shapes"]  # without e: as format 1 always was
    uniform = json.loads(encode_batch([device.segment(device.made[:2])], CODEC_NONE)[4:])
    assert uniform["segs"][0][5] == 1 and all("e" not in column for column in uniform["cols"])


@pytest.mark.parametrize("bad", [
    {"e": {"name": "not an id"}},           # not device:seq:index
    {"e": {"phone": "origin"}},             # a field the update does not change
    {"e": {"name": "abc:01:0"}},            # a leading zero: not canonical
    {"e": {}},                              # an empty e is left out
])
def test_an_operation_with_a_wrong_e_is_malformed(bad):
    from sync_protocol.changeset import ChangeSet

    op = {"k": "update", "t": "person", "id": "abc-1", "f": {"name": "x"}, "b": {"name": "y"}, **bad}
    body = {"v": 2, "device": "abc", "seq": 1, "prev": "00" * 32, "time": 0, "officer": "siti", "ops": [op]}
    with pytest.raises(MalformedMessage):
        ChangeSet.from_body(body)


def test_a_format_1_changeset_cannot_carry_e_nor_a_create_name_edits():
    from sync_protocol.changeset import ChangeSet

    with pytest.raises(MalformedMessage):
        ChangeSet("abc", 1, bytes(32), 0, "siti", [Operation("update", "person", "abc-1", {"n": 1}, {"n": 0},
                                                             {"n": "origin"})], 1)
    with pytest.raises(MalformedMessage):
        Operation("create", "person", "abc-1", {"n": 1}, {}, {"n": "origin"})


def test_a_segment_naming_a_format_for_each_changeset_must_name_one_for_each():
    import json

    columns = json.loads(encode_batch([base_history(Device(6))], CODEC_NONE)[4:])
    columns["segs"][0][5] = [1, 2]
    with pytest.raises(MalformedMessage):
        decode_batch(b"SW\x01\x00" + json.dumps(columns).encode())


def test_a_large_payload_is_compressed_with_a_1_mib_dictionary_and_larger_ones_written_before_still_read():
    """The encoder's dictionary stops at 2^20 (its match finder takes about ten times that in memory); a frame
    written with a dictionary of up to 2^24, as encoders did before, still decodes."""
    import json
    import lzma
    import random

    from sync_protocol.wire import compress, decompress

    rng = random.Random(7)
    payload = json.dumps([f"{rng.getrandbits(64):x}" for _ in range(120_000)]).encode()  # about 2.2 MB
    assert len(payload) > 2 << 20
    frame = compress(payload, CODEC_LZMA)
    assert frame[0] == 20
    assert decompress(frame, CODEC_LZMA, len(payload)) == payload
    filters = [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << 24}]
    older = bytes([24]) + lzma.compress(payload, format=lzma.FORMAT_RAW, filters=filters)
    assert decompress(older, CODEC_LZMA, len(payload)) == payload
    with pytest.raises(MalformedMessage):
        decompress(bytes([25]) + older[1:], CODEC_LZMA, len(payload))


@pytest.mark.parametrize("codec", [CODEC_NONE, CODEC_LZMA])
def test_a_run_encoded_as_it_is_read_gives_the_bytes_of_the_signed_segment(codec):
    """`encode_signed_run` walks a generator once (the laptop's outbox) and writes what `encode_batch` of the
    signed segment writes: the same bytes, so the same hashes and signature at the hub."""
    from sync_protocol.chain import run_signer
    from sync_protocol.wire import encode_signed_run

    device = Device(4)
    mixed_history(device)
    person = device.new_id()
    device.changeset(Operation("create", "person", person, {"name": "Dewi", "phone": "+6281234567890"}))
    device.update(person, {"phone": "+6281234567890"}, {"phone": "+6285700000000"}, bases={"phone": "origin"})
    read = []

    def outbox():
        for changeset in device.made:
            read.append(changeset.seq)
            yield changeset
    assert encode_signed_run(outbox(), run_signer(device.key), codec) == encode_batch([device.segment()], codec)
    assert read == [changeset.seq for changeset in device.made]


def test_a_run_encoded_as_it_is_read_is_refused_as_a_signed_segment_is():
    from sync_protocol.chain import run_signer
    from sync_protocol.errors import BrokenChain
    from sync_protocol.wire import encode_signed_run

    one, two = Device(5), Device(6)
    for device in (one, two):
        for n in range(3):
            device.create(name=f"person {n}")
    signer = run_signer(one.key)
    with pytest.raises(MalformedMessage, match="at least one"):
        encode_signed_run(iter(()), signer)
    with pytest.raises(MalformedMessage, match="one device"):
        encode_signed_run([*one.made, *two.made], signer)
    with pytest.raises(BrokenChain):
        encode_signed_run([one.made[0], one.made[2]], signer)
