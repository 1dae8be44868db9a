"""Small builders for protocol tests: devices that make chained change-sets."""

import base64
import itertools
import json
import zlib
from dataclasses import dataclass, field

from sync_protocol.chain import sign_segment
from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation, record_id
from sync_protocol.sealing import seal
from sync_protocol.signing import device_id_for, private_key_from_seed, public_key_bytes


@dataclass
class Device:
    """A laptop in a test: a key made from a fixed seed, a sequence counter and a chain head."""

    seed: int
    officer: str = "siti"
    seq: int = 0
    head: bytes = GENESIS_HASH
    counter: int = 0
    made: list = field(default_factory=list)

    def __post_init__(self):
        self.key = private_key_from_seed(bytes([self.seed]) * 32)
        self.public_key = public_key_bytes(self.key)
        self.device_id = device_id_for(self.public_key)

    def new_id(self) -> str:
        self.counter += 1
        return record_id(self.device_id, self.counter)

    def changeset(self, *ops, time=1_763_884_800, version=1) -> ChangeSet:
        self.seq += 1
        changeset = ChangeSet(self.device_id, self.seq, self.head, time + self.seq, self.officer, ops, version)
        self.head = changeset.hash()
        self.made.append(changeset)
        return changeset

    def create(self, table="person", **fields) -> ChangeSet:
        return self.changeset(Operation("create", table, self.new_id(), fields))

    def update(self, record, before: dict, after: dict, table="person", bases=None) -> ChangeSet:
        """An update; with `bases` ({field: edit id}) a format 2 change-set naming the edits its editor saw."""
        return self.changeset(Operation("update", table, record, after, before, bases or {}),
                              version=2 if bases else 1)

    def segment(self, changesets=None):
        return sign_segment(self.key, changesets if changesets is not None else self.made)


_serials = itertools.count(1)


def valid_person(**overrides) -> dict:
    """A person record that passes the schemas (without its id), with `overrides` applied.

    Each call gets its own NIK (the example's, with the next serial number), so that people registered
    in a test are different residents unless the test says otherwise.
    """
    from schemas.examples import example

    fields = {key: value for key, value in example("person").items() if key not in ("id", "household_id")}
    digits = fields["nik"].replace(" ", "")
    return {**fields, "nik": f"{digits[:12]}{next(_serials) % 10000 or 1:04d}", **overrides}


def valid_record(kind: str, **overrides) -> dict:
    from schemas.examples import example

    return {**{key: value for key, value in example(kind).items() if key != "id"}, **overrides}


def forged_reply_box(public_key: bytes, device_id: str, carried: dict) -> str:
    """A reply's sealed part carrying `carried`, as anyone can make it: a laptop's public key is no secret, and
    only the hub's signature over the reply makes it the hub's (base64, as in a reply)."""
    box = seal(public_key, zlib.compress(json.dumps(carried).encode()), b"SWS-SYNC-REPLY-3\x00" + device_id.encode())
    return base64.b64encode(box).decode()
