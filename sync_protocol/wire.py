"""The compact wire form of a batch of signed segments.

On a 2G link bytes are scarce, so a batch is laid out by column before it is compressed: the
operations of one shape (kind, table, field names) put each field's values side by side, where
similar values compress well; record ids made on the sending device become small integer steps;
change-set hashes are not sent at all (the receiver recomputes them from the content) and only the
first previous-hash of each segment travels. Decoding gives back exactly the change-sets that were
encoded, so their hashes and the segment signature verify as before.

Frame: b"SW" + format version (1 byte) + codec (1 byte) + payload; see docs/protocol.md.
"""

import base64
import json
import lzma
import zlib

from sync_protocol.chain import RunLinks, Segment
from sync_protocol.changeset import ChangeSet, Operation
from sync_protocol.errors import MalformedMessage

MAGIC = b"SW"
FORMAT_VERSION = 1
CODEC_NONE, CODEC_ZLIB, CODEC_LZMA = 0, 1, 2
# LZMA's dictionary is sized to the payload (a byte holding its log2 leads the stream): a preset's
# 64 MiB dictionary would cost an old laptop hundreds of MB to compress a batch of a few kB. Above 1 MiB
# it stops growing: the encoder's match finder takes about ten times the dictionary, and a laptop's
# batch of 2,000 households (1.85 MB of columns) came out 0.1% smaller with 1 MiB than with 2 MiB, for
# 11 MB of peak memory instead of 19 MB. Readers accept up to 2^24 (docs/protocol.md section 5).
_MIN_DICT_LOG, _MAX_DICT_LOG, _MAX_READ_DICT_LOG = 12, 20, 24
SHARED_TEXT = 32  # characters: texts this short are kept once by the columns (see _Columns.same)


def _lzma_filters(dict_log: int) -> list:
    # Preset 9 without PRESET_EXTREME: half the encoding time for 0.6% more bytes (measured, 1,000 registrations).
    return [{"id": lzma.FILTER_LZMA2, "preset": 9, "dict_size": 1 << dict_log}]


def compress(payload: bytes, codec: int) -> bytes:
    if codec == CODEC_LZMA:
        dict_log = min(max(_MIN_DICT_LOG, (len(payload) - 1).bit_length()), _MAX_DICT_LOG)
        return bytes([dict_log]) + lzma.compress(payload, format=lzma.FORMAT_RAW, filters=_lzma_filters(dict_log))
    if codec == CODEC_ZLIB:
        return zlib.compress(payload, 9)
    return payload


def decompress(payload: bytes, codec: int, limit: int) -> bytes:
    """Decompress at most `limit` bytes, so a small hostile frame cannot fill the memory."""
    try:
        if codec == CODEC_LZMA:
            data = _lzma_decompress(payload, limit)
        elif codec == CODEC_ZLIB:
            data = zlib.decompressobj().decompress(payload, limit + 1)
        elif codec == CODEC_NONE:
            data = payload
        else:
            raise MalformedMessage("wire.codec", f"unknown codec {codec}")
    except (lzma.LZMAError, zlib.error) as exc:
        raise MalformedMessage("wire.payload", f"does not decompress: {exc}") from exc
    if len(data) > limit:
        raise MalformedMessage("wire.payload", f"expands beyond {limit} bytes")
    return data


def _lzma_decompress(payload: bytes, limit: int) -> bytes:
    if not payload or not _MIN_DICT_LOG <= payload[0] <= _MAX_READ_DICT_LOG:
        raise MalformedMessage("wire.payload", "no valid LZMA dictionary size")
    decompressor = lzma.LZMADecompressor(format=lzma.FORMAT_RAW, filters=_lzma_filters(payload[0]))
    return decompressor.decompress(payload[1:], max_length=limit + 1)


def encode_batch(segments, codec: int = CODEC_LZMA) -> bytes:
    """The wire bytes of a batch of segments (from one or several devices)."""
    columns = _Columns()
    for segment in segments:
        columns.add_segment(segment)
    return _framed(_payload(columns), codec)


def encode_signed_run(changesets, signer, codec: int = CODEC_LZMA) -> bytes:
    """The wire bytes of one segment made of `changesets`, signed by `signer(hash of the last)` (chain.run_signer).

    The same bytes as `encode_batch([sign_segment(key, changesets)])`, but `changesets` (any iterable) is walked
    once and never held whole: a laptop's batch of 2,000 households is 18 MB of objects, its columns a third of
    that. Each change-set is checked to follow the one before, as `sign_segment` does. Raises MalformedMessage for
    an empty run or another device's change-set, BrokenChain where a link is wrong."""
    columns, links, header = _Columns(), RunLinks(), None
    for changeset in changesets:
        links.add(changeset)
        if header is None:
            header = columns.open_segment(changeset.device_id, changeset)
        columns.add_changeset(changeset)
    if header is None:
        raise MalformedMessage("segment", "a segment has at least one change-set")
    columns.close_segment(header, signer(links.last_hash), links.count)
    payload = _payload(columns)
    del columns, links  # let the values go before LZMA takes its own memory
    return _framed(payload, codec)


def _payload(columns) -> bytes:
    return json.dumps(columns.data(), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _framed(payload: bytes, codec: int) -> bytes:
    return MAGIC + bytes([FORMAT_VERSION, codec]) + compress(payload, codec)


def decode_batch(data: bytes, limit: int = 64 * 1024 * 1024) -> list:
    """The segments in wire bytes. Raises MalformedMessage for anything that is not a valid frame."""
    if len(data) < 4 or data[:2] != MAGIC:
        raise MalformedMessage("wire", "not an SWS batch")
    if data[2] != FORMAT_VERSION:
        raise MalformedMessage("wire.version", f"unknown wire format {data[2]}")
    try:
        columns = json.loads(decompress(data[4:], data[3], limit))
        return _Reader(columns).segments()
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        raise MalformedMessage("wire.payload", f"inconsistent columns: {type(exc).__name__}") from None


class _Columns:
    """Builds the columnar layout: per segment a header, per change-set three columns, per shape its values."""

    def __init__(self):
        self.segments, self.times, self.officers, self.op_counts = [], [], [], []
        self.shapes, self.shape_index, self.op_shapes, self.values = [], {}, [], []
        self.last_time, self.last_ids = 0, {}
        self.device_id, self.versions = None, []  # of the segment being added
        # One object for each short text however often it recurs (a village code, an occupation, a household's KK
        # number in each member): the values read from a laptop's outbox are separate copies, and the columns keep
        # them all until the batch is encoded.
        self.same = {}

    def add_segment(self, segment: Segment) -> None:
        header = self.open_segment(segment.device_id, segment.changesets[0])
        for changeset in segment.changesets:
            self.add_changeset(changeset)
        self.close_segment(header, segment.signature, len(segment.changesets))

    def open_segment(self, device_id: str, first: ChangeSet) -> list:
        """The segment's header, in place among the others; its signature, count and format come at its close."""
        header = [device_id, first.seq, first.prev_hash.hex(), None, 0, None]
        self.segments.append(header)
        self.device_id, self.versions = device_id, []
        return header

    def add_changeset(self, changeset: ChangeSet) -> None:
        self.versions.append(changeset.version)
        self.times.append(changeset.wall_time - self.last_time)
        self.last_time = changeset.wall_time
        self.officers.append(changeset.officer)
        self.op_counts.append(len(changeset.ops))
        for op in changeset.ops:
            self._add_op(op)

    def close_segment(self, header: list, signature: bytes, count: int) -> None:
        # One format for the whole segment, or (a laptop that moved to format 2 with older work unsent) one each.
        versions = self.versions
        header[3:] = [base64.b64encode(signature).decode(), count,
                      versions[0] if len(set(versions)) == 1 else versions]

    def _add_op(self, op: Operation) -> None:
        key = (op.kind, op.table, tuple(sorted(op.fields)), tuple(sorted(op.before)), tuple(sorted(op.bases)))
        if key not in self.shape_index:
            self.shape_index[key] = len(self.shapes)
            # The names of `e` (format 2) only when there are some: a format 1 batch is laid out as it always was.
            self.shapes.append([op.kind, op.table, list(key[2]), list(key[3])] + ([list(key[4])] if key[4] else []))
            self.values.append({"id": [], "f": [[] for _ in key[2]], "b": [[] for _ in key[3]]}
                               | ({"e": [[] for _ in key[4]]} if key[4] else {}))
        index = self.shape_index[key]
        self.op_shapes.append(index)
        column = self.values[index]
        column["id"].append(self._encode_id(index, self.device_id, op.record_id))
        same = self.same
        for values, name in zip(column["f"], key[2], strict=True):
            value = op.fields[name]
            if type(value) is str and len(value) <= SHARED_TEXT:
                value = same.setdefault(value, value)
            values.append(value)
        for values, name in zip(column["b"], key[3], strict=True):
            values.append(op.before[name])
        for values, name in zip(column.get("e", ()), key[4], strict=True):
            values.append(op.bases[name])

    def _encode_id(self, shape: int, device_id: str, record_id: str):
        """`<device>-<n>` becomes the step from the shape's previous such id; other ids stay text."""
        prefix, _, counter = record_id.rpartition("-")
        if prefix != device_id or not counter.isdigit() or counter != str(int(counter)):
            return record_id
        step = int(counter) - self.last_ids.get(shape, 0)
        self.last_ids[shape] = int(counter)
        return step

    def data(self) -> dict:
        return {"segs": self.segments, "time": self.times, "officer": self.officers, "nops": self.op_counts,
                "shapes": self.shapes, "opshape": self.op_shapes, "cols": self.values}


class _Reader:
    """Rebuilds the segments from the columns, walking them in the order they were written."""

    def __init__(self, columns: dict):
        self.columns = columns
        self.cursor = {"cs": 0, "op": 0}
        self.shape_pos = [0] * len(columns["shapes"])
        self.last_ids = {}
        self.last_time = 0

    def segments(self) -> list:
        return [self._segment(*header) for header in self.columns["segs"]]

    def _segment(self, device_id, first_seq, prev_hex, signature, count, version) -> Segment:
        if not isinstance(count, int) or count < 1:
            raise MalformedMessage("wire.segs", "a segment holds at least one change-set")
        versions = version if isinstance(version, list) else [version] * count
        if len(versions) != count:
            raise MalformedMessage("wire.segs", "a segment names one format, or one for each of its change-sets")
        changesets, prev = [], bytes.fromhex(prev_hex)
        for offset in range(count):
            changeset = self._changeset(device_id, first_seq + offset, prev, versions[offset])
            changesets.append(changeset)
            prev = changeset.hash()
        return Segment(device_id, tuple(changesets), base64.b64decode(signature, validate=True))

    def _changeset(self, device_id, seq, prev, version) -> ChangeSet:
        index = self.cursor["cs"]
        self.cursor["cs"] += 1
        self.last_time += self.columns["time"][index]
        ops = [self._op(device_id) for _ in range(self.columns["nops"][index])]
        return ChangeSet(device_id, seq, prev, self.last_time, self.columns["officer"][index], ops, version)

    def _op(self, device_id) -> Operation:
        shape = self.columns["opshape"][self.cursor["op"]]
        self.cursor["op"] += 1
        kind, table, field_names, before_names, *rest = self.columns["shapes"][shape]
        base_names = rest[0] if rest else []
        if len(rest) > 1 or not base_names and rest:
            raise MalformedMessage("wire.shapes", "a shape names its e fields only when it has some")
        column, position = self.columns["cols"][shape], self.shape_pos[shape]
        self.shape_pos[shape] += 1
        fields = {name: column["f"][i][position] for i, name in enumerate(field_names)}
        before = {name: column["b"][i][position] for i, name in enumerate(before_names)}
        bases = {name: column["e"][i][position] for i, name in enumerate(base_names)}
        return Operation(kind, table, self._decode_id(shape, device_id, column["id"][position]), fields, before,
                         bases)

    def _decode_id(self, shape, device_id, encoded) -> str:
        if isinstance(encoded, str):
            return encoded
        if not isinstance(encoded, int) or isinstance(encoded, bool):
            raise MalformedMessage("wire.id", "a record id is text or an integer step")
        counter = self.last_ids.get(shape, 0) + encoded
        self.last_ids[shape] = counter
        return f"{device_id}-{counter}"
