"""Protocol benchmark: wire bytes per registration, and encode + sign + verify + decode throughput.

    .venv/bin/python -m bench.bench_protocol

Batches of 1, 100 and 1,000 household-member registrations from the district generator, one
change-set each (one form saved), one segment per batch, one core.
"""

import json
import time

from bench.registrations import registrations
from sync_protocol.chain import ChainHead, sign_segment, verify_segment
from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation, record_id
from sync_protocol.signing import device_id_for, generate_private_key, public_key_bytes
from sync_protocol.wire import CODEC_LZMA, CODEC_ZLIB, decode_batch, encode_batch


def make_changesets(key, records):
    device_id, prev, made = device_id_for(public_key_bytes(key)), GENESIS_HASH, []
    for n, fields in enumerate(records, start=1):
        changeset = ChangeSet(device_id, n, prev, 1_763_884_800 + 40 * n, "siti.aminah",
                              [Operation("create", "person", record_id(device_id, n), fields)])
        prev = changeset.hash()
        made.append(changeset)
    return made


def round_trip(key, records, codec):
    """Make, sign + encode (the laptop), decode + verify (the hub); returns (wire bytes, seconds per phase)."""
    started = time.perf_counter()
    changesets = make_changesets(key, records)
    made = time.perf_counter()
    wire = encode_batch([sign_segment(key, changesets)], codec)
    sent = time.perf_counter()
    (back,) = decode_batch(wire)
    verify_segment(back, public_key_bytes(key), ChainHead(0, GENESIS_HASH), lambda seq: None)
    done = time.perf_counter()
    return wire, (made - started, sent - made, done - sent)


def measure(records_by_size):
    key, rows = generate_private_key(), []
    for size, records in records_by_size.items():
        json_bytes = sum(len(json.dumps(r, separators=(",", ":"), ensure_ascii=False)) for r in records) / size
        for codec, name in ((CODEC_LZMA, "lzma"), (CODEC_ZLIB, "zlib")):
            repeats = max(1, 2000 // size)
            timings = [round_trip(key, records, codec) for _ in range(repeats)]
            wire = timings[0][0]
            make, send, receive = (min(t[1][phase] for t in timings) for phase in range(3))
            rows.append({"batch": size, "codec": name, "json_bytes_per_registration": round(json_bytes),
                         "wire_bytes": len(wire), "bytes_per_registration": round(len(wire) / size, 1),
                         "make_per_s": round(size / make), "sign_encode_per_s": round(size / send),
                         "decode_verify_per_s": round(size / receive),
                         "all_per_s": round(size / (make + send + receive))})
    return rows


def main():
    pool = registrations(1000)
    rows = measure({1: pool[:1], 100: pool[:100], 1000: pool})
    print("| batch | codec | JSON B/reg | wire bytes | wire B/reg | make /s | sign+encode /s | decode+verify /s "
          "| all four /s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['batch']} | {r['codec']} | {r['json_bytes_per_registration']} | {r['wire_bytes']} | "
              f"{r['bytes_per_registration']} | {r['make_per_s']} | {r['sign_encode_per_s']} | "
              f"{r['decode_verify_per_s']} | {r['all_per_s']} |")


if __name__ == "__main__":
    main()
