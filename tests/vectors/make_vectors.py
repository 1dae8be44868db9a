"""Write the protocol test vectors in this folder (run once when the protocol changes on purpose).

    python -m tests.vectors.make_vectors

tests/unit/test_protocol_vectors.py checks that the code still produces exactly these bytes.
"""

import json
from pathlib import Path

from sync_protocol.bundle import Bundle, write_bundle
from sync_protocol.canonical import canonical_bytes
from sync_protocol.chain import sign_segment
from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation
from sync_protocol.feed import FeedPage, encode_cursor, sign_page
from sync_protocol.signing import device_id_for, fingerprint, private_key_from_seed, public_key_bytes
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
    }


def main():
    for name, content in vectors().items():
        (HERE / name).write_text(json.dumps(content, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
