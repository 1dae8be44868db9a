"""Hash chains and their signatures.

Each change-set names the hash of the device's previous one, so a run of consecutive change-sets
(a *segment*) is authenticated by one Ed25519 signature over the hash of its last change-set: a
thousand registrations cost one 64-byte signature, not a thousand. A relay or a USB stick carries
segments unchanged; altering, dropping, reordering or inserting any change-set breaks the chain or
the signature.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sync_protocol.changeset import ChangeSet
from sync_protocol.errors import BrokenChain, ChainFork, MalformedMessage, SequenceGap
from sync_protocol.signing import sign, verify
from sync_protocol.version import check_changeset_version

CHAIN_DOMAIN = b"SWS-CHAIN-1"


@dataclass(frozen=True)
class Segment:
    """Consecutive change-sets of one device and the device's signature over the last one's hash."""

    device_id: str
    changesets: tuple
    signature: bytes

    @property
    def first_seq(self) -> int:
        return self.changesets[0].seq

    @property
    def last_seq(self) -> int:
        return self.changesets[-1].seq


@dataclass(frozen=True)
class ChainHead:
    """What a receiver holds of a device's chain: the last sequence number and its hash."""

    seq: int
    hash: bytes


@dataclass(frozen=True)
class Verified:
    """A verified segment: the change-sets the receiver already had, and the new ones with their hashes."""

    duplicates: tuple
    new: tuple  # (ChangeSet, hash) pairs in order
    head: ChainHead


def sign_segment(private_key, changesets) -> Segment:
    """Sign a run of consecutive change-sets made by this device."""
    changesets = tuple(changesets)
    hashes = linked_hashes(changesets)
    return Segment(changesets[0].device_id, changesets, run_signer(private_key)(hashes[-1]))


def run_signer(private_key) -> Callable[[bytes], bytes]:
    """signer(hash of a run's last change-set) -> the segment's signature, by this device's key."""
    return lambda last_hash: sign(private_key, CHAIN_DOMAIN, last_hash)


def linked_hashes(changesets) -> list:
    """The hashes of a run of change-sets, checking that each names the one before.

    Raises MalformedMessage for an empty run or mixed devices, BrokenChain where a link is wrong.
    """
    if not changesets:
        raise MalformedMessage("segment", "a segment has at least one change-set")
    links = RunLinks()
    return [links.add(changeset) for changeset in changesets]


class RunLinks:
    """A run's links checked one change-set at a time, keeping only the last: for a run read once and not held."""

    def __init__(self):
        self.first, self.last, self.last_hash, self.count = None, None, None, 0

    def add(self, changeset: ChangeSet) -> bytes:
        """The change-set's hash, once it is checked to follow the one before. Raises MalformedMessage for another
        device's change-set, BrokenChain where the link is wrong."""
        check_changeset_version(changeset.version)
        if self.first is None:
            self.first = changeset
        elif changeset.device_id != self.first.device_id:
            raise MalformedMessage("segment", "a segment holds the change-sets of one device")
        elif changeset.seq != self.last.seq + 1 or changeset.prev_hash != self.last_hash:
            raise BrokenChain(changeset.device_id, changeset.seq)
        self.last, self.last_hash, self.count = changeset, changeset.hash(), self.count + 1
        return self.last_hash


def verify_segment(segment: Segment, public_key: bytes, head: ChainHead,
                   hash_at: Callable[[int], bytes | None]) -> Verified:
    """Check a segment against the device's key and what the receiver already holds.

    `head` is the receiver's last accepted change-set of this device (seq 0 and the genesis hash
    before the first); `hash_at(seq)` returns the hash it accepted at an earlier sequence number.
    Raises BadSignature, BrokenChain, ChainFork (same sequence, other content) or SequenceGap.
    """
    hashes = linked_hashes(segment.changesets)
    if segment.changesets[0].device_id != segment.device_id:
        raise MalformedMessage("segment.device", "the change-sets name another device")
    verify(public_key, segment.signature, CHAIN_DOMAIN, hashes[-1])
    duplicates, new = [], []
    for changeset, changeset_hash in zip(segment.changesets, hashes, strict=True):
        if changeset.seq <= head.seq:
            _check_duplicate(changeset, changeset_hash, head, hash_at)
            duplicates.append(changeset)
        else:
            _check_continues(changeset, head)
            new.append((changeset, changeset_hash))
            head = ChainHead(changeset.seq, changeset_hash)
    return Verified(tuple(duplicates), tuple(new), head)


def _check_duplicate(changeset: ChangeSet, changeset_hash: bytes, head: ChainHead, hash_at) -> None:
    held = head.hash if changeset.seq == head.seq else hash_at(changeset.seq)
    if held != changeset_hash:
        raise ChainFork(changeset.device_id, changeset.seq)


def _check_continues(changeset: ChangeSet, head: ChainHead) -> None:
    if changeset.seq != head.seq + 1:
        raise SequenceGap(changeset.device_id, head.seq + 1, changeset.seq)
    if changeset.prev_hash != head.hash:
        # The device's history before this change-set differs from ours: a restored backup.
        raise ChainFork(changeset.device_id, head.seq)
