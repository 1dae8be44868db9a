"""Operations and change-sets: what a device made, in the order it made it.

An operation is one of
- `create`  a new record with all its fields;
- `update`  named fields, each with the value the editor saw before (`before`), never a clock, and in a
            change-set of format 2 possibly the edit that value came from (`bases`, on the wire `e`);
- `delete`  a tombstone: the pseudo-field `_deleted` goes from false to true, merged like any field;
- `append`  an entry of an append-only log (complaint events, audit), which never conflicts.

A change-set groups the operations one officer saved together (one form) on one device, with the
device's gap-free sequence number and the hash of its previous change-set. Its wall-clock time is
for people to read and is never used for ordering.
"""

import hashlib
from dataclasses import dataclass, field

from sync_protocol.canonical import encode_normalized, normalize
from sync_protocol.errors import MalformedMessage
from sync_protocol.merge import Source, source_of
from sync_protocol.version import CHANGESET_VERSION, CHANGESET_WITH_BASES

KINDS = ("create", "update", "delete", "append")
DELETED = "_deleted"
GENESIS_HASH = bytes(32)  # the "previous hash" of a device's first change-set
MAX_NAME = 80  # characters of an officer's user name
MAX_TIME = 1 << 40  # seconds: any clock, however wrong, fits


@dataclass(frozen=True)
class Operation:
    kind: str
    table: str
    record_id: str
    fields: dict = field(default_factory=dict)
    before: dict = field(default_factory=dict)
    # An update's fields (some or all) -> the edit id of the edit whose value the editor saw (merge.edit_id).
    bases: dict = field(default_factory=dict)

    def __post_init__(self):
        _check_operation(self)
        object.__setattr__(self, "fields", normalize(self.fields))
        object.__setattr__(self, "before", normalize(self.before))
        object.__setattr__(self, "bases", normalize(self.bases))

    def to_data(self) -> dict:
        data = {"k": self.kind, "t": self.table, "id": self.record_id, "f": self.fields, "b": self.before}
        if self.bases:  # only in format 2, and only when said: a format 1 operation encodes as it always did
            data["e"] = self.bases
        return data

    @classmethod
    def from_data(cls, data: dict) -> "Operation":
        try:
            if "e" in data and not data["e"]:
                raise MalformedMessage("operation.e", "an empty e is left out")
            return cls(data["k"], data["t"], data["id"], data.get("f", {}), data.get("b", {}), data.get("e", {}))
        except (KeyError, TypeError) as exc:
            raise MalformedMessage("operation", f"missing or wrong part: {exc}") from exc

    def base_of(self, name: str) -> Source | None:
        """The edit the editor of field `name` saw (merge.ORIGIN for the created value); None when not said."""
        text = self.bases.get(name)
        return None if text is None else source_of(text)

    def edited_fields(self) -> dict:
        """The fields an update or delete changes, as {name: (before, after)}."""
        if self.kind == "delete":
            return {DELETED: (False, True)}
        return {name: (self.before.get(name), value) for name, value in self.fields.items()}


def _check_operation(op: Operation) -> None:
    if op.kind not in KINDS:
        raise MalformedMessage("operation.kind", f"{op.kind!r} is not one of {', '.join(KINDS)}")
    if not (isinstance(op.table, str) and op.table and isinstance(op.record_id, str) and op.record_id):
        raise MalformedMessage("operation", "table and record id must be non-empty strings")
    if not isinstance(op.fields, dict) or not isinstance(op.before, dict):
        raise MalformedMessage("operation", "fields and before must be objects")
    if op.kind == "update" and set(op.before) != set(op.fields):
        raise MalformedMessage("operation.before", "an update carries the value seen before for each field")
    if op.kind == "delete" and op.fields:
        raise MalformedMessage("operation.fields", "a delete carries no fields")
    _check_bases(op)


def _check_bases(op: Operation) -> None:
    if not isinstance(op.bases, dict):
        raise MalformedMessage("operation.e", "e must be an object")
    if op.bases and op.kind != "update":
        raise MalformedMessage("operation.e", "only an update names the edits its editor saw")
    for name, text in op.bases.items():
        if name not in op.fields:
            raise MalformedMessage("operation.e", f"e names {name!r}, which the update does not change")
        try:
            source_of(text)
        except ValueError as exc:
            raise MalformedMessage(f"operation.e.{name}", str(exc)) from None


@dataclass(frozen=True)
class ChangeSet:
    device_id: str
    seq: int
    prev_hash: bytes
    wall_time: int  # Unix seconds as the laptop's clock said: for display only
    officer: str
    ops: tuple
    version: int = CHANGESET_VERSION

    def __post_init__(self):
        object.__setattr__(self, "ops", tuple(self.ops))
        if not isinstance(self.seq, int) or self.seq < 1:
            raise MalformedMessage("changeset.seq", "sequence numbers start at 1")
        if not isinstance(self.prev_hash, bytes) or len(self.prev_hash) != 32:
            raise MalformedMessage("changeset.prev", "the previous hash is 32 bytes")
        if not self.ops:
            raise MalformedMessage("changeset.ops", "a change-set has at least one operation")
        object.__setattr__(self, "device_id", normalize(self.device_id))
        object.__setattr__(self, "officer", normalize(self.officer))
        if not isinstance(self.wall_time, int) or not 0 <= self.wall_time < MAX_TIME:
            raise MalformedMessage("changeset.time", "the time is whole Unix seconds")
        if not isinstance(self.officer, str) or not 0 < len(self.officer) <= MAX_NAME:
            raise MalformedMessage("changeset.officer", f"the officer is named in 1 to {MAX_NAME} characters")
        if not all(isinstance(op, Operation) for op in self.ops):
            raise MalformedMessage("changeset.ops", "ops are operations")
        if any(op.bases for op in self.ops) and not (isinstance(self.version, int)
                                                     and self.version >= CHANGESET_WITH_BASES):
            raise MalformedMessage("changeset.ops", f"format {self.version} carries no e (edits seen): "
                                                    f"format {CHANGESET_WITH_BASES} does")

    def body(self) -> dict:
        """The canonical content: what is hashed (and, through the chain, signed)."""
        return {"v": self.version, "device": self.device_id, "seq": self.seq, "prev": self.prev_hash.hex(),
                "time": self.wall_time, "officer": self.officer, "ops": [op.to_data() for op in self.ops]}

    def encoded(self) -> bytes:
        """The canonical encoding of the body: what is hashed, and what the laptop's outbox stores. Computed once (a
        change-set never changes); every part was normalised on construction, so it encodes without another walk."""
        cached = self.__dict__.get("_encoded")
        if cached is None:
            cached = encode_normalized(self.body())
            object.__setattr__(self, "_encoded", cached)
        return cached

    def hash(self) -> bytes:
        """SHA-256 of the canonical body; computed once."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hashlib.sha256(self.encoded()).digest()
            object.__setattr__(self, "_hash", cached)
        return cached

    @classmethod
    def from_body(cls, body: dict) -> "ChangeSet":
        try:
            return cls(body["device"], body["seq"], bytes.fromhex(body["prev"]), body["time"], body["officer"],
                       tuple(Operation.from_data(op) for op in body["ops"]), body["v"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedMessage("changeset", f"missing or wrong part: {exc}") from exc


def record_id(device_id: str, counter: int) -> str:
    """A record id made on the device: short, unique, and compressible on the wire."""
    return f"{device_id}-{counter}"
