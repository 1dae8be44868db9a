"""Applying verified change-sets to records, in memory, with the protocol's merge rules.

The database layer (`record_store`) loads the records a batch touches into a `RecordCache`, this
module applies each change-set to the cache and notes what changed, and the store writes it all in
the same transaction. Keeping the rules here, away from SQL, lets the same code serve SQLite and
PostgreSQL and keeps the ingest path to a few bulk statements per batch.

A change-set is applied whole or not at all: a form saved together is applied together. It is
refused (with a code and a reason, and recorded) when one of its records is invalid or outside the
device's scope (a record without a village takes its parent's: a complaint's event, a person's
application), names a record the hub does not hold (an edit's record, an event's complaint), creates
an id not made on the sending device or an existing record with other content, or moves a record
from a village it is no longer in.

A person or household that moves to another village of the same district is handed over: the laptop
of the village they leave may move the record there although that village lies outside its scope
(the record then belongs to the new village's laptops). A move out of the district is not a change of
village (`schemas.person`: migration "out" with `moved_to`).
"""

from dataclasses import dataclass, field

from schemas.errors import ValidationFailure
from schemas.records import clean_record
from schemas.roles import parent_refusal
from schemas.roles import refusal as role_refusal
from sync_protocol.changeset import ChangeSet, Operation
from sync_protocol.merge import APPLIED, CONFLICT, CONVERGED, PENDING, Edit, Source, outcome_of, replay

# Where an appended entry finds its region.
PARENT_FIELDS = ("complaint_id", "case_id", "claim_id", "person_id", "household_id")
# A village applies (or re-applies after a rejection); only a person at the hub approves or rejects,
# with the justification (`services.applications.decide`). A device may clear a justification, never write one.
DEVICE_APPLICATION_STATUSES = ("pre_identified", "applied")


@dataclass
class RecordState:
    table: str
    record_id: str
    village_code: str | None
    initial: dict
    edits: dict = field(default_factory=dict)  # field -> [Edit]
    values: dict = field(default_factory=dict)
    is_new: bool = False
    changed: bool = False
    held_village: str | None = None  # where the stored record was before this batch (a move is told to it)
    # The record as its schema loaded it (money as integers, dates as dates), while it is one this batch
    # created and nothing has edited since: what comes after the merge reads typed values from it.
    clean: dict | None = None

    def replay_field(self, name: str):
        self.clean = None  # its values are now the merge's
        state = replay(self.initial.get(name, False if name == "_deleted" else None), self.edits.get(name, []))
        self.values[name] = state.value
        if name == "village_code":
            self.village_code = state.value
        return state


@dataclass
class OpResult:
    record_id: str
    outcome: str
    code: str | None = None
    reason: str | None = None
    forks: list = field(default_factory=list)  # (field, Fork) pairs, turned into conflicts by the store


@dataclass
class ChangeSetResult:
    seq: int
    outcome: str  # applied | refused
    ops: list = field(default_factory=list)
    code: str | None = None
    reason: str | None = None
    errors: list = field(default_factory=list)  # [{"field", "rule", "message"}] for an invalid record


class Refused(Exception):
    """One operation cannot be applied, so neither can its change-set."""

    def __init__(self, code: str, reason: str, errors=()):
        super().__init__(reason)
        self.code, self.reason, self.errors = code, reason, list(errors)


class RecordCache:
    """The records one batch touches: loaded once, changed in memory, written back together."""

    def __init__(self, loaded: dict):
        self.records = dict(loaded)  # record id -> RecordState
        self.new_edits = []  # (record id, field, Edit)

    def get(self, record_id: str) -> RecordState | None:
        return self.records.get(record_id)

    def changed(self) -> list:
        return [state for state in self.records.values() if state.changed]


def referenced_ids(changesets) -> set:
    """Every record id a batch names, so the store can load them in one query."""
    ids = set()
    for changeset in changesets:
        for op in changeset.ops:
            ids.add(op.record_id)
            ids.update(op.fields[name] for name in PARENT_FIELDS if isinstance(op.fields.get(name), str))
    return ids


def apply_changeset(cache: RecordCache, changeset: ChangeSet, scope, roles: dict | None = None,
                    lang: str = "id") -> ChangeSetResult:
    """Apply one verified change-set to the cache, or refuse it whole leaving the cache unchanged; a refusal's
    field messages are in `lang` (the language the laptop asked for).

    `roles` ({user name: role}) are the device's officers as it told the hub (records "officer"); an
    officer announced in this change-set counts from it on. An officer the hub has not heard of (an
    older laptop) is not checked: the device vouches for its officers either way."""
    created, roles = {}, roles if roles is not None else {}

    def lookup(record_id):
        return created.get(record_id) or cache.get(record_id)

    try:
        checked = [_check_applicable(lookup, changeset.device_id, op, scope, created, lang) for op in changeset.ops]
        announced = _check_role(changeset, roles, lang, lookup)
    except Refused as refusal:
        return ChangeSetResult(changeset.seq, "refused", code=refusal.code, reason=refusal.reason,
                               errors=refusal.errors)
    roles.update(announced)
    results = [_apply_op(cache, op, Source(changeset.device_id, changeset.seq, index, changeset.officer), clean)
               for index, (op, clean) in enumerate(zip(changeset.ops, checked, strict=True))]
    return ChangeSetResult(changeset.seq, "applied", results)


def _check_role(changeset: ChangeSet, roles: dict, lang: str, lookup) -> dict:
    """Refuse work the change-set's officer may not record (`schemas.roles`), an event included by the record it
    follows; returns the officers the change-set announces."""
    announced = {op.fields.get("username"): op.fields.get("role") for op in changeset.ops
                 if op.table == "officer" and op.kind == "create"}
    role = {**roles, **announced}.get(changeset.officer)
    for op in changeset.ops:
        error = role_refusal(role, op.table, op.kind, op.fields) or parent_refusal(role, op.table,
                                                                                    _parent_fields(lookup, op))
        if error is not None:
            reason = f"{op.table} {op.record_id}: {error.field} may not be recorded by a {role}"
            raise Refused("role_not_allowed", reason,
                          [{"field": error.field, "rule": error.rule, "message": error.message(lang)}])
    return announced


def _parent_fields(lookup, op: Operation) -> dict | None:
    """The fields of the record an event follows (a case's, for its event), or None for other records."""
    parent_table = EVENT_PARENTS.get(op.table)
    parent = lookup(op.fields.get(f"{parent_table}_id")) if parent_table and op.kind in ("create", "append") else None
    return None if parent is None else {**parent.initial, **parent.values}


def _check_applicable(lookup, device_id: str, op: Operation, scope, created: dict, lang: str) -> dict | None:
    """Raise Refused unless `op` can apply; `lookup(id)` finds a record held or made earlier in the change-set,
    `created` gathers what this change-set makes. Returns the record as its schema loaded it (see `_validate`)."""
    existing = lookup(op.record_id)
    clean = _validate(op, lang)
    _check_decided_at_hub(op)
    if op.kind in ("update", "delete"):
        regions = _edit_regions(op, existing)
    else:
        region = op.fields.get("village_code") or parent_region(lookup, op)
        _check_new(device_id, op, existing)
        _check_parent(lookup, op)
        created.setdefault(op.record_id, RecordState(op.table, op.record_id, region, dict(op.fields)))
        regions = [region]
    for region in regions:
        if not scope.covers(region):
            raise Refused("out_of_scope", f"{op.table} {op.record_id} lies in {region or 'no village'}, "
                                          f"outside this device's scope")
    return clean


def _edit_regions(op: Operation, existing: RecordState | None) -> list:
    """The villages an edit touches (the record's, and the one it moves it to); refuses what cannot apply."""
    if existing is None:
        raise Refused("unknown_record", f"{op.table} {op.record_id} is not held by the hub")
    if existing.table != op.table:
        raise Refused("record_exists", f"{op.record_id} is a {existing.table}, not a {op.table}")
    if "village_code" not in op.fields:
        return [existing.village_code]
    if op.before.get("village_code") != existing.village_code:
        # A move must start from where the record is now: a stale move applied later would slip
        # the record past the scope of whoever moved it since.
        raise Refused("stale_move", f"{op.table} {op.record_id} is now in {existing.village_code}, "
                                    f"not {op.before.get('village_code')}: pull, then move it again")
    if _handed_over(op.table, existing.village_code, op.fields["village_code"]):
        return [existing.village_code]
    return [existing.village_code, op.fields["village_code"]]


MOVABLE_TABLES = ("person", "household")


def _handed_over(table: str, origin: str | None, destination) -> bool:
    """A person or household moving to another village of the same district (the two codes share province
    and district: a device's scope never spans districts, so the origin's is the hub's)."""
    if table not in MOVABLE_TABLES or not origin or not isinstance(destination, str):
        return False
    return destination.count(".") == 3 and destination.split(".")[:2] == origin.split(".")[:2]


def _check_new(device_id: str, op: Operation, existing: RecordState | None) -> None:
    """New records carry ids made on the sending device, and never replace another record."""
    if not op.record_id.startswith(device_id + "-"):
        raise Refused("foreign_id", f"{op.record_id} was not made on device {device_id}")
    if existing is not None and (existing.table != op.table or existing.initial != dict(op.fields)):
        raise Refused("record_exists", f"{op.table} {op.record_id} exists with other content")


def _check_parent(lookup, op: Operation) -> None:
    """A complaint's (a case's) event belongs to a complaint (case) the hub holds, or one its change-set creates.

    Only the event's own fields are checked here (by the schema). Whether it may follow the state
    its complaint is in is not: the laptop checked that against the events its officer saw, and an
    event made concurrently elsewhere may have changed that state since. Refusing it would leave the
    laptop's history and the hub's different; it is kept, and the complaint's derived state flags it
    on every device alike (`schemas.complaint_state`, docs/complaints.md).
    """
    if op.table not in EVENT_PARENTS:
        return
    parent_table = EVENT_PARENTS[op.table]
    parent = lookup(op.fields.get(f"{parent_table}_id"))
    if parent is None or parent.table != parent_table:
        raise Refused("unknown_record", f"{op.table} {op.record_id} names {parent_table} "
                                        f"{op.fields.get(f'{parent_table}_id')}, which the hub does not hold")


# An append-only event and what it follows.
EVENT_PARENTS = {"complaint_event": "complaint", "case_event": "case", "claim_event": "claim"}


def parent_region(lookup, op: Operation) -> str | None:
    """The village of the record an entry belongs to (a complaint's event, a person's application)."""
    for name in PARENT_FIELDS:
        reference = op.fields.get(name)
        if isinstance(reference, str):
            parent = lookup(reference)
            return parent.village_code if parent else None
    return None


def _validate(op: Operation, lang: str) -> dict | None:
    """The hub trusts no laptop: every record is checked with the same schema the forms use. Returns the
    new record as the schema loaded it (None for an edit, whose clean fields are a part of the record)."""
    if op.kind == "delete":
        return None
    data = dict(op.fields) if op.kind == "update" else {**op.fields, "id": op.record_id}
    try:
        clean = clean_record(op.table, data, partial=op.kind == "update")  # warnings are for the form, not here
    except ValidationFailure as failure:
        _refuse_invalid(op, failure.as_dicts(lang))
    return None if op.kind == "update" else clean


def _check_decided_at_hub(op: Operation) -> None:
    """Refuse a device's approval, rejection or justification of an application: the hub decides those."""
    if op.table != "application" or op.kind == "delete":
        return
    if "status" in op.fields and op.fields["status"] not in DEVICE_APPLICATION_STATUSES:
        field, value = "status", op.fields["status"]
    elif op.fields.get("justification"):
        field, value = "justification", op.fields["justification"]
    else:
        return
    reason = f"application {op.record_id}: {field} {value!r} is decided at the hub, not on a laptop"
    raise Refused("decided_at_hub", reason, [{"field": field, "rule": "decided_at_hub", "message": reason}])


def _refuse_invalid(op: Operation, errors: list) -> None:
    fields = ", ".join(f"{e['field']}: {e['rule']}" for e in errors)
    raise Refused("invalid", f"{op.table} {op.record_id} is not valid ({fields})", errors)


def _apply_op(cache: RecordCache, op: Operation, source: Source, clean: dict | None) -> OpResult:
    existing = cache.get(op.record_id)
    if op.kind in ("create", "append"):
        return _create(cache, op, existing, clean)
    return _edit(cache, existing, op, source)


def _create(cache: RecordCache, op: Operation, existing: RecordState | None, clean: dict | None) -> OpResult:
    if existing is not None:
        return OpResult(op.record_id, CONVERGED)  # the same entry with the same content (checked before)
    region = op.fields.get("village_code") or parent_region(cache.get, op)
    state = RecordState(op.table, op.record_id, region, dict(op.fields),
                        values=dict(op.fields), is_new=True, changed=True, clean=clean)
    state.values.setdefault("_deleted", False)
    cache.records[op.record_id] = state
    return OpResult(op.record_id, APPLIED)


def _edit(cache: RecordCache, state: RecordState, op: Operation, source: Source) -> OpResult:
    outcomes, forks = [], []
    for name, (before, after) in op.edited_fields().items():
        edit = Edit(before, after, source, op.base_of(name))  # the base: said in format 2 change-sets only
        state.edits.setdefault(name, []).append(edit)
        cache.new_edits.append((state.record_id, name, edit))
        field_state = state.replay_field(name)
        outcomes.append(outcome_of(edit, field_state))
        if field_state.fork is not None:
            forks.append((name, field_state.fork))
    state.changed = True
    return OpResult(op.record_id, _overall(outcomes), forks=forks)


def _overall(outcomes: list) -> str:
    for outcome in (CONFLICT, PENDING, APPLIED):
        if outcome in outcomes:
            return outcome
    return CONVERGED
