"""Field-level merge: unit cases, and convergence over any delivery order, path and duplication."""

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync_protocol.bundle import Bundle, read_bundle, write_bundle
from sync_protocol.chain import ChainHead, verify_segment
from sync_protocol.changeset import GENESIS_HASH
from sync_protocol.errors import SequenceGap
from sync_protocol.merge import (
    APPLIED,
    CONFLICT,
    CONVERGED,
    HUB,
    ORIGIN,
    ORIGIN_ID,
    PENDING,
    Edit,
    Source,
    edit_id,
    outcome_of,
    replay,
    source_of,
)
from sync_protocol.wire import decode_batch, encode_batch
from tests.unit.protocol_helpers import Device


def edit(before, after, device="a", seq=1):
    return Edit(before, after, Source(device, seq))


def test_an_edit_from_the_current_value_applies():
    state = replay("Siti", [edit("Siti", "Siti Aminah")])
    assert state.value == "Siti Aminah" and state.fork is None


def test_the_same_value_chosen_on_two_laptops_converges():
    one, two = edit("x", "y", "a"), edit("x", "y", "b")
    state = replay("x", [one, two])
    assert state.value == "y" and state.fork is None
    assert {outcome_of(one, state), outcome_of(two, state)} == {APPLIED}


def test_different_values_from_the_same_seen_value_are_a_conflict_keeping_the_agreed_value():
    one, two = edit("08111", "08222", "a"), edit("08111", "08333", "b")
    state = replay("08111", [one, two])
    assert state.value == "08111"
    assert state.fork.choices() == {("str", "08222"), ("str", "08333")}
    assert outcome_of(two, state) == CONFLICT


def test_an_edit_made_on_top_of_a_disputed_value_waits_behind_the_conflict_then_applies():
    one, two, later = edit("x", "y", "a"), edit("x", "z", "b"), edit("y", "w", "a", 2)
    waiting = replay("x", [one, two, later])
    assert waiting.value == "x" and outcome_of(later, waiting) == PENDING
    decided = replay("x", [one, two, later, Edit("x", "y", Source(HUB, 1))])
    assert decided.value == "w" and decided.fork is None


def test_a_resolution_chooses_among_the_sides_or_an_edited_value():
    state = replay(1, [edit(1, 2, "a"), edit(1, 3, "b"), Edit(1, 5, Source(HUB, 9))])
    assert state.value == 5 and state.fork is None


def test_one_and_true_are_different_values():
    state = replay(1, [edit(1, True, "a"), edit(1, 1, "b")])
    assert state.fork is not None


def test_an_edit_repeating_the_current_value_converges():
    state = replay("x", [edit("x", "y", "a"), edit("y", "y", "b")])
    assert state.value == "y"
    assert outcome_of(edit("y", "y", "b"), state) == CONVERGED or state.fork is None


# --- convergence: the hub's state depends only on the set of change-sets delivered -------------

VALUES = ["v0", "a", "b", "c"]
FIELDS = ["name", "phone"]


class MiniHub:
    """The hub's protocol path in miniature: verify each segment, skip duplicates, replay fields."""

    def __init__(self, devices, initial):
        self.keys = {d.device_id: d.public_key for d in devices}
        self.heads = {d.device_id: ChainHead(0, GENESIS_HASH) for d in devices}
        self.hashes = {d.device_id: {} for d in devices}
        self.initial, self.edits = initial, {name: [] for name in initial}

    def deliver(self, segment):
        try:
            verified = verify_segment(segment, self.keys[segment.device_id], self.heads[segment.device_id],
                                      self.hashes[segment.device_id].get)
        except SequenceGap:
            return False  # the sender resends from `expected` later
        for changeset, changeset_hash in verified.new:
            self.hashes[segment.device_id][changeset.seq] = changeset_hash
            for index, op in enumerate(changeset.ops):
                for name, (before, after) in op.edited_fields().items():
                    self.edits[name].append(Edit(before, after, Source(changeset.device_id, changeset.seq, index)))
        self.heads[segment.device_id] = verified.head
        return True

    def state(self):
        states = {name: replay(self.initial[name], edits) for name, edits in self.edits.items()}
        return ({name: s.value for name, s in states.items()},
                {name: (s.fork.base, s.fork.choices()) for name, s in states.items() if s.fork})


def by_path(segment, path):
    if path == "wire":
        return decode_batch(encode_batch([segment]))[0]
    if path == "bundle":
        return read_bundle(write_bundle(Bundle([segment]))).segments[0]
    return segment


edits_strategy = st.lists(
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(VALUES), st.sampled_from(VALUES)), min_size=1,
             max_size=4),
    min_size=2, max_size=3)


@settings(max_examples=60, deadline=None)
@given(plans=edits_strategy, seeds=st.lists(st.integers(0, 10**6), min_size=3, max_size=3))
def test_any_interleaving_duplication_and_path_ends_in_the_same_state_and_conflicts(plans, seeds):
    devices = [Device(n + 1) for n in range(len(plans))]
    for device, plan in zip(devices, plans, strict=True):
        for name, before, after in plan:
            device.update("rec-1", {name: before}, {name: after})
    outcomes = {_run(devices, random.Random(seed)) for seed in seeds}
    assert len(outcomes) == 1


def _run(devices, rng):
    """Deliver every change-set in a random order, by random paths, some twice, in random segments."""
    hub = MiniHub(devices, {"name": "v0", "phone": "v0"})
    queue = [(d, n) for d in devices for n in range(len(d.made))]
    rng.shuffle(queue)
    queue += rng.sample(queue, k=len(queue) // 2)  # duplicates
    delivered = {d.device_id: 0 for d in devices}
    while queue or any(delivered[d.device_id] < len(d.made) for d in devices):
        device, upto = queue.pop() if queue else _next_missing(devices, delivered)
        start = rng.randint(0, upto)
        segment = device.segment(device.made[start:upto + 1])
        if hub.deliver(by_path(segment, rng.choice(["direct", "wire", "bundle"]))):
            delivered[device.device_id] = max(delivered[device.device_id], upto + 1)
        elif start > delivered[device.device_id]:
            queue.append((device, upto))  # refused as a gap: the laptop resends from what was acknowledged
    values, conflicts = hub.state()
    return repr(sorted(values.items())), repr(sorted((k, v[0], sorted(v[1])) for k, v in conflicts.items()))


def _next_missing(devices, delivered):
    device = next(d for d in devices if delivered[d.device_id] < len(d.made))
    return device, len(device.made) - 1


# --- edits that name the edit they were made from (docs/protocol.md §13) -------------------------------


def based(before, after, device, seq, base):
    return Edit(before, after, Source(device, seq), base)


def there_and_back():
    """yes -> no (a), no -> yes (b), then yes -> no (c) made on b's "yes": what the officers did, in turn."""
    a = based("yes", "no", "a", 1, ORIGIN)
    b = based("no", "yes", "b", 1, a.source)
    c = based("yes", "no", "c", 1, b.source)
    return a, b, c


def test_a_field_back_at_an_earlier_value_takes_a_later_edit_as_later():
    a, b, c = there_and_back()
    state = replay("yes", [a, b, c])
    assert state.value == "no" and state.fork is None and not state.pending
    assert state.used == {a.source, b.source, c.source} and outcome_of(c, state) == APPLIED


def test_by_value_alone_the_later_edit_is_absorbed_by_the_first_visit():
    a, b, c = (replace(edit, base=None) for edit in there_and_back())
    assert replay("yes", [a, b, c]).value == "yes"  # version 1's known limit, kept for version 1 edits


def test_an_edit_based_on_an_edit_the_hub_has_not_received_waits_for_it():
    a, b, c = there_and_back()
    waiting = replay("yes", [a, c])
    assert waiting.value == "no" and [edit.source for edit in waiting.pending] == [c.source]
    assert outcome_of(c, waiting) == PENDING


def test_an_edit_based_on_the_losing_side_of_a_conflict_stays_pending_after_the_decision():
    one, two = based("x", "y", "a", 1, ORIGIN), based("x", "z", "b", 1, ORIGIN)
    on_y, on_z = based("y", "y2", "a", 2, one.source), based("z", "z2", "b", 2, two.source)
    decided = replay("x", [one, two, on_y, on_z, Edit("x", "y", Source(HUB, 1))])
    assert decided.value == "y2" and [edit.source for edit in decided.pending] == [on_z.source]


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False))
def test_edits_naming_their_base_give_the_same_field_in_any_order(rnd):
    a, b, c = there_and_back()
    others = [based("no", "maybe", "d", 1, a.source), edit("yes", "no", "e"), based("yes", "no", "f", 1, ORIGIN)]
    edits = [a, b, c, *others]
    expected = replay("yes", edits)
    rnd.shuffle(edits)
    assert replay("yes", edits) == expected


def test_an_edit_id_names_device_seq_and_index_and_reads_back():
    assert edit_id(Source("kzdvvj2umn", 12, 3, "siti")) == "kzdvvj2umn:12:3"
    assert edit_id(ORIGIN) == ORIGIN_ID == "origin" and source_of("origin") == ORIGIN
    assert source_of("hub:41:0") == Source(HUB, 41, 0)
    for text in ("kzdvvj2umn:0:0", "kzdvvj2umn:01:0", "a:1", "A:1:0", "a:1:0 ", "", 7):
        with pytest.raises(ValueError):
            source_of(text)


def test_a_base_read_from_its_id_matches_the_edit_whatever_its_officer():
    a = Edit("yes", "no", Source("a", 1, 0, "siti"), ORIGIN)
    b = Edit("no", "yes", Source("b", 1, 0, "dewi"), source_of(edit_id(a.source)))
    c = Edit("yes", "no", Source("c", 1, 0, "rina"), source_of(edit_id(b.source)))
    state = replay("yes", [a, b, c])
    assert state.value == "no" and outcome_of(c, state) == APPLIED


def test_the_field_state_names_the_edit_that_produced_its_value():
    a, b, c = there_and_back()
    assert replay("yes", []).producer_id() == ORIGIN_ID
    assert replay("yes", [a, b]).producer_id() == edit_id(b.source)
    twice = [a, Edit("yes", "no", Source("0", 1), ORIGIN)]  # two laptops chose the same: the first of them
    assert replay("yes", twice).producer_id() == "0:1:0"
