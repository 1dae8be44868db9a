"""The outbox: the device's change-sets, in its gap-free sequence, chained by hash.

A change-set is appended in the same transaction as the records it changes (`records` calls
`append` inside `Store.transaction()`), so a record and its change-set exist together or not at
all. Rows are never deleted: an acknowledged change-set is flagged, so the laptop can always show
what it sent and what the hub said. `pending_edit` lists the fields with a local edit the hub has
not acknowledged yet; pulled values never overwrite them. A new record has one row, `*` (all its
fields are the officer's own until the hub has it), not one per field: a registration writes one row
instead of twenty, and the acknowledgement deletes one.

`producing_edit` holds, for each record whose history the laptop knows, the edit that produced each
field's value: as the hub's feed names it (`incoming.apply_record`), `origin` for what this laptop
created, and this laptop's own edits as it saves them. An update names it as `e` (the edit its officer
saw, docs/protocol.md §3, §13) in change-set format 2, which the laptop makes once its hub's feed has
shown that it reads it (`device.changeset_version`, set by `incoming`); before, it makes format 1 and
every edit is matched by value.
"""

import json
import time

from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation, record_id
from sync_protocol.merge import ORIGIN_ID, Source, edit_id
from sync_protocol.version import CHANGESET_WITH_BASES
from village_client.errors import VillageError
from village_client.store import insert_rows, now_text


class AckMismatch(VillageError):
    """The hub's acknowledged head names a change-set this laptop does not hold (history differs)."""

    status, code = 409, "fork"

    def __init__(self, seq: int, reason: str):
        super().__init__(f"seq {seq}: {reason}")
        self.seq, self.reason = seq, reason
        self.detail = str(self)

    def fields(self) -> dict:
        return {"seq": self.seq, "reason": self.reason}


def head(db) -> tuple:
    """(last sequence number, its hash as bytes); (0, genesis) for an empty outbox."""
    row = db.execute("SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], bytes.fromhex(row[1])) if row else (0, GENESIS_HASH)


def next_record_id(db, device_id: str) -> str:
    """A new record id from the device's counter; call inside the transaction that saves the record."""
    return next_record_ids(db, device_id, 1)[0]


def next_record_ids(db, device_id: str, count: int) -> list:
    """`count` new record ids from the device's counter, in one step (a household and its members)."""
    db.execute("UPDATE device SET record_counter = record_counter + ? WHERE id = 1", (count,))
    last = db.execute("SELECT record_counter FROM device WHERE id = 1").fetchone()[0]
    return [record_id(device_id, counter) for counter in range(last - count + 1, last + 1)]


def append(db, device_id: str, officer: str, ops, wall_time: int | None = None) -> ChangeSet:
    """Chain a new change-set after the head and store it with its pending edits.

    The change-set is of format 2 when the hub reads it (`device.changeset_version`) and an update names the
    edits its officer saw (`with_bases`); otherwise of format 1, its updates naming none."""
    return append_many(db, device_id, officer, [ops], wall_time)[0]


def append_many(db, device_id: str, officer: str, ops_lists: list, wall_time: int | None = None) -> list:
    """Chain one new change-set per list of operations after the head, as `append` does each, and store them with
    their pending edits in a few statements (a CSV file's households: thousands at once)."""
    last_seq, last_hash = head(db)
    readable = db.execute("SELECT changeset_version FROM device WHERE id = 1").fetchone()
    bases_read = readable is not None and readable[0] >= CHANGESET_WITH_BASES
    wall_time, created_at = int(wall_time or time.time()), now_text()
    changesets, rows = [], []
    for ops in ops_lists:
        if not bases_read:
            ops = [Operation(op.kind, op.table, op.record_id, op.fields, op.before) if op.bases else op for op in ops]
        version = CHANGESET_WITH_BASES if any(op.bases for op in ops) else 1
        changeset = ChangeSet(device_id, last_seq + 1, last_hash, wall_time, officer, tuple(ops), version)
        digest = changeset.hash()
        rows.append({"seq": changeset.seq, "hash": digest.hex(), "prev_hash": last_hash.hex(),
                     "body": changeset.encoded().decode(), "officer": officer, "created_at": created_at})
        changesets.append(changeset)
        last_seq, last_hash = changeset.seq, digest
    insert_rows(db, "outbox", rows)
    _keep_pending(db, changesets)
    _note_producers(db, changesets)
    return changesets


def with_bases(db, op: Operation, seen_as_held=None) -> Operation:
    """`op`, an update, naming for each field the edit that produced the value its officer saw, where the laptop
    knows it; call before writing the new values. `seen_as_held` lists the fields whose seen value (`before`) is
    the value held (all of them by default): a field the officer saw otherwise names nothing, matched by value."""
    known = producers(db, op.table, op.record_id)
    if known is None:
        return op
    fields = op.fields if seen_as_held is None else [name for name in op.fields if name in seen_as_held]
    bases = {name: known.get(name, ORIGIN_ID) for name in fields}
    bases = {name: base for name, base in bases.items() if base is not None}
    return Operation(op.kind, op.table, op.record_id, op.fields, op.before, bases) if bases else op


def producers(db, table: str, record: str) -> dict | None:
    """{field: edit id} of a record (a field left out: as created; None: not known); None for a record whose
    history the laptop does not know (received from a hub that does not say)."""
    row = db.execute("SELECT edits FROM producing_edit WHERE table_name = ? AND record_id = ?",
                     (table, record)).fetchone()
    return json.loads(row[0]) if row else None


def keep_producers(db, table: str, record: str, edits: dict | None) -> None:
    """Store a record's producing edits; None forgets them (its fields are then matched by value)."""
    if edits is None:
        db.execute("DELETE FROM producing_edit WHERE table_name = ? AND record_id = ?", (table, record))
    else:
        db.execute("INSERT OR REPLACE INTO producing_edit (table_name, record_id, edits) VALUES (?, ?, ?)",
                   (table, record, json.dumps(edits, sort_keys=True)))


def _note_producers(db, changesets: list) -> None:
    """A record created here is as created; a field edited here was produced by this edit (if the record's
    history is known)."""
    created = [(op.table, op.record_id, "{}") for changeset in changesets for op in changeset.ops
               if op.kind == "create"]
    if created:  # one statement for every record the change-sets create
        db.conn.executemany("INSERT OR REPLACE INTO producing_edit (table_name, record_id, edits) VALUES (?, ?, ?)",
                            created)
    for changeset in changesets:
        for index, op in enumerate(changeset.ops):
            if op.kind == "update":
                known = producers(db, op.table, op.record_id)
                if known is not None:
                    made = edit_id(Source(changeset.device_id, changeset.seq, index))
                    keep_producers(db, op.table, op.record_id, known | dict.fromkeys(op.fields, made))


WHOLE_RECORD = "*"  # the pending edit of a new record: every field of it


def _keep_pending(db, changesets) -> None:
    """Note the fields each change-set edits as pending until the hub acknowledges it."""
    rows = [(op.table, op.record_id, name, changeset.seq) for changeset in changesets
            for op in changeset.ops if op.kind != "append" for name in _edited_names(op)]
    db.conn.executemany("INSERT OR IGNORE INTO pending_edit (table_name, record_id, field, seq) VALUES (?, ?, ?, ?)",
                        rows)


def _edited_names(op) -> list:
    return [WHOLE_RECORD] if op.kind == "create" else list(op.edited_fields())


def unacked(db, limit: int) -> list:
    """The oldest `limit` change-sets the hub has not acknowledged, as ChangeSet objects."""
    return list(read_unacked(db, limit))


def read_unacked(db, limit: int):
    """The same, one at a time as they are read: a request's encoder takes each and lets it go, so a batch of
    2,000 households is never held whole."""
    for (body,) in db.execute("SELECT body FROM outbox WHERE acked = 0 ORDER BY seq LIMIT ?", (limit,)):
        yield ChangeSet.from_body(json.loads(body))


def count_unacked(db, limit: int) -> int:
    """How many change-sets `read_unacked(db, limit)` gives."""
    return db.execute("SELECT count(*) FROM (SELECT 1 FROM outbox WHERE acked = 0 LIMIT ?)", (limit,)).fetchone()[0]


def has_unacked(db) -> bool:
    return db.execute("SELECT 1 FROM outbox WHERE acked = 0 LIMIT 1").fetchone() is not None


def changesets_from(db, first_seq: int, limit: int) -> list:
    rows = db.execute("SELECT body FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?", (first_seq, limit)).fetchall()
    return [ChangeSet.from_body(json.loads(row[0])) for row in rows]


def mark_acked(db, seq: int, hash_hex: str) -> int:
    """Record that the hub holds everything up to `seq`; return how many rows became acknowledged.

    Raises AckMismatch when the hub's head is not a change-set of ours (a restored backup here, or
    the hub lost data).
    """
    if seq <= 0:
        return 0
    row = db.execute("SELECT hash FROM outbox WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        raise AckMismatch(seq, "restored_backup")
    if row[0] != hash_hex:
        raise AckMismatch(seq, "fork")
    cursor = db.execute("UPDATE outbox SET acked = 1, acked_at = ? WHERE seq <= ? AND acked = 0", (now_text(), seq))
    db.execute("DELETE FROM pending_edit WHERE seq <= ?", (seq,))
    return cursor.rowcount


def hub_lost_after(db, seq: int) -> int:
    """The hub holds our chain only up to `seq` though we hold later change-sets as acknowledged: it was
    restored from an older backup. Mark them unacknowledged again, with their pending edits (a pulled
    value must not overwrite them before the hub has them again), so this sync sends them. Returns how many."""
    rows = db.execute("SELECT seq, body FROM outbox WHERE seq > ? AND acked = 1 ORDER BY seq",
                      (max(seq, 0),)).fetchall()
    if not rows:
        return 0
    _keep_pending(db, [ChangeSet.from_body(json.loads(body)) for _, body in rows])
    return resend_from(db, rows[0][0])


def resend_from(db, expected: int) -> int:
    """The hub asked for change-sets from `expected` on (`sequence_gap`): mark them unacknowledged again."""
    cursor = db.execute("UPDATE outbox SET acked = 0, acked_at = NULL WHERE seq >= ? AND acked = 1", (expected,))
    return cursor.rowcount


def record_outcome(db, result: dict) -> None:
    """Keep what the hub answered for one change-set (`applied`, `duplicate` or `refused` with its reason)."""
    db.execute("UPDATE outbox SET outcome = ?, refusal_code = ?, refusal_reason = ? WHERE seq = ?",
               (result.get("outcome"), result.get("code"), result.get("reason"), result.get("seq")))
    if result.get("outcome") == "refused":
        _announce_again(db, result.get("seq"), result.get("reason") or "")


def _announce_again(db, seq, reason: str) -> None:
    """A refused change-set that announced an officer (name and role) announced nothing: the hub keeps no part
    of it. The officer's next change-set announces them again, so the hub checks their role from then on;
    unless the refusal was about the announcement itself, which would only be refused again."""
    row = db.execute("SELECT body FROM outbox WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        return
    announced = [op.record_id for op in ChangeSet.from_body(json.loads(row[0])).ops
                 if op.table == "officer" and op.kind == "create" and op.record_id not in reason]
    db.conn.executemany("UPDATE officer SET record_id = NULL WHERE record_id = ?", [(rid,) for rid in announced])


def pending_count(db) -> int:
    return db.execute("SELECT count(*) FROM outbox WHERE acked = 0").fetchone()[0]


def pending_fields(db, table: str, record: str) -> set:
    """The fields of a record with a local edit the hub has not acknowledged; `WHOLE_RECORD` among them for a
    record made here that the hub does not hold yet."""
    rows = db.execute("SELECT field FROM pending_edit WHERE table_name = ? AND record_id = ?", (table, record))
    return {row[0] for row in rows}


def pending_rows(db, limit: int = 200) -> list:
    return list(db.query("SELECT seq, officer, created_at, body FROM outbox WHERE acked = 0 ORDER BY seq LIMIT ?",
                         [limit]))
