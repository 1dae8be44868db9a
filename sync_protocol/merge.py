"""Field-level merge rules, as pure functions of what the hub has received.

Conflicts are found by what each editor saw, never by a clock. Every update carries, per field, the
value its editor saw (`before`) and the value they chose (`after`). A field's value is a function of
the *set* of edits received for it, whatever order they came in:

    start at the value the record was created with;
    repeat: take the unused edits whose `before` is the current value;
        all choose the same value   -> move to it (equal values converge), mark them used;
        a hub resolution is among them -> move to the resolution's value, mark them all used;
        they choose different values -> stop: a fork, i.e. a conflict; the field keeps this last
                                         agreed value until a person decides;
        there are none              -> stop.

Edits never reached (their `before` is a value the field does not pass through, e.g. one edited
after a forked value) stay pending behind the conflict and apply once it is resolved, if they
still fit. Because the outcome depends only on the set of edits, every interleaving, duplication
or delivery path of the same change-sets gives the same value and the same conflicts.

An edit may also name the edit it was made from (`base`: that edit's source, or `ORIGIN` for the
value the record was created with; docs/protocol.md §13). Such an edit is reached only when the value
it saw is the current one *and* was produced by that edit, so a field that returns to an earlier value
(yes -> no -> yes) never lets an edit made on the second "yes" be taken as part of the first. Edits
without `base` are matched by value alone, as version 1 change-sets always were.

On the wire an edit is named by its edit id (`edit_id`): `<device>:<seq>:<operation index>` in decimal
without leading zeros (`kzdvvj2umn:2:0`; a decision at the hub `hub:<feed position>:<index>`), or
`origin` for the value the record was created with. The officer is not part of it: an edit is the same
edit whoever reads its id.
"""

import re
from dataclasses import dataclass

HUB = "hub"  # the source of a resolution decided by a person at the hub


@dataclass(frozen=True, order=True)
class Source:
    """Who made an edit: device, its sequence number, the operation's index in it, and the officer."""

    device_id: str
    seq: int
    index: int = 0
    officer: str = ""


ORIGIN = Source("", 0)  # as a `base`: the value the record was created with
ORIGIN_ID = "origin"  # ORIGIN as an edit id
_EDIT_ID = re.compile(r"([a-z0-9]{1,10}):([1-9][0-9]{0,17}):(0|[1-9][0-9]{0,5})")


def edit_id(source: Source) -> str:
    """The canonical text naming an edit (`device:seq:index`), or `origin` for ORIGIN."""
    if _key(source) == _key(ORIGIN):
        return ORIGIN_ID
    return f"{source.device_id}:{source.seq}:{source.index}"


def source_of(text: str) -> Source:
    """The edit an edit id names (ORIGIN for `origin`). Raises ValueError for text that is not a canonical edit id."""
    if text == ORIGIN_ID:
        return ORIGIN
    found = _EDIT_ID.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise ValueError(f"{text!r} is not an edit id (device:seq:index, or {ORIGIN_ID})")
    return Source(found.group(1), int(found.group(2)), int(found.group(3)))


def _key(source: Source) -> tuple:
    """What identifies an edit: its device, sequence number and operation index (not its officer)."""
    return source.device_id, source.seq, source.index


@dataclass(frozen=True)
class Edit:
    before: object
    after: object
    source: Source
    base: Source | None = None  # the edit whose value the editor saw (ORIGIN: the created value); None: unsaid

    @property
    def is_resolution(self) -> bool:
        return self.source.device_id == HUB


@dataclass(frozen=True)
class Fork:
    """Two or more edits from the same agreed value to different values: a conflict for a person."""

    base: object
    candidates: tuple  # the competing edits, sorted by source

    def choices(self) -> set:
        return {_freeze(edit.after) for edit in self.candidates}


@dataclass(frozen=True)
class FieldState:
    value: object
    used: frozenset  # sources of the edits that took part
    fork: Fork | None
    pending: tuple  # edits not reached, sorted by source
    producers: frozenset = frozenset({ORIGIN})  # the edits that chose the value held (ORIGIN: never moved)

    def producer_id(self) -> str:
        """The edit id an editor of this value names as its base: the first of the edits that produced it."""
        return edit_id(min(self.producers))


def replay(initial, edits) -> FieldState:
    """The field's value and conflict, given the value it was created with and every edit received."""
    unused = {edit.source: edit for edit in edits}
    value, used, producers = initial, set(), {ORIGIN}
    while True:
        keys = {_key(source) for source in producers}
        here = sorted((e for e in unused.values() if _reaches(e, value, keys)), key=lambda e: e.source)
        if not here:
            return FieldState(value, frozenset(used), None, _sorted(unused), frozenset(producers))
        target = _next_value(here)
        if target is _FORK:
            return FieldState(value, frozenset(used), Fork(value, tuple(here)), _sorted(unused, here),
                              frozenset(producers))
        for edit in here:
            used.add(edit.source)
            del unused[edit.source]
        # What an edit naming its base may continue from: the edits that chose the value now held.
        value, producers = target, {edit.source for edit in here if _same(edit.after, target)}


def _reaches(edit: Edit, value, producer_keys: set) -> bool:
    """Whether `edit` was made from the field's current value (and, when it says so, from this visit of it)."""
    return _same(edit.before, value) and (edit.base is None or _key(edit.base) in producer_keys)


_FORK = object()


def _next_value(edits):
    resolutions = [edit for edit in edits if edit.is_resolution]
    if resolutions:
        return max(resolutions, key=lambda e: e.source.seq).after  # the latest decision at the hub
    if len({_freeze(edit.after) for edit in edits}) == 1:
        return edits[0].after
    return _FORK


def _sorted(unused: dict, exclude=()) -> tuple:
    skip = {edit.source for edit in exclude}
    return tuple(sorted((e for e in unused.values() if e.source not in skip), key=lambda e: e.source))


def _same(a, b) -> bool:
    return _freeze(a) == _freeze(b)


def _freeze(value):
    """A hashable stand-in for a JSON value, in which 1 and True stay different."""
    if isinstance(value, dict):
        return ("{}", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("[]", tuple(_freeze(v) for v in value))
    return (type(value).__name__, value)


# Outcomes of one incoming edit, as the hub reports them to the sender.
APPLIED, CONVERGED, CONFLICT, PENDING = "applied", "converged", "conflict", "pending"


def outcome_of(edit: Edit, state: FieldState) -> str:
    """What became of `edit` in the field state computed with it."""
    if state.fork and any(c.source == edit.source for c in state.fork.candidates):
        return CONFLICT
    if any(p.source == edit.source for p in state.pending):
        return PENDING
    return APPLIED if _same(state.value, edit.after) else CONVERGED

