"""A laptop restored from an old backup, re-admitted under a new identity with its unsent work.

A laptop restored from a backup holds a shorter chain than the hub: the hub acknowledges change-sets
the laptop no longer has (`restored_backup`), or the laptop, writing on after the restore, reuses
sequence numbers the hub holds with other content (`fork`). Its work can never join that chain. The
district admin re-admits it (`sws-hub devices readmit`: the old identity revoked, a token for the same
area); here, `readmit` then

1. makes a new device key and enrolls it with that token;
2. moves the unsent change-sets to the new identity: the records they created get ids of the new
   device (the old device's counter may have handed the same ids out before the backup, and the hub
   holds those), every reference to them on the laptop follows, the officers are announced again;
   they are signed again as a new chain from sequence 1. The old chain stays, read-only, in
   `outbox_archive`;
3. starts the feed from the beginning: what the laptop lost with the backup (its own work the hub
   holds) comes back as the hub holds it.

Nothing is duplicated: the hub never saw the unsent change-sets, and the records it holds keep their
ids. All local changes happen in one transaction, after the hub has enrolled the new key.
"""

import base64
import json
import os

from sync_protocol.changeset import ChangeSet, Operation
from sync_protocol.signing import generate_private_key
from village_client import enrollment, outbox, records
from village_client.errors import UsageRefused
from village_client.keys import device_identity, key_path, write_key
from village_client.store import open_store

NEEDS_READMISSION = ("fork", "revoked_device")  # what the last sync said (`outbox.AckMismatch` is "fork")
# Local tables whose rows are records (their `id`) or speak of records (columns ending in `_id`).
RENAMED_TABLES = ("household", "person", "complaint", "complaint_event", "application", "list_correction",
                  "antenatal_visit", "child_health", "field_check", "sensitive_complaint", "case", "case_event",
                  "outreach_session", "claim", "claim_event")
RECORD_COLUMNS = {"record_status": "record_id", "conflict": "record_id", "refusal": "record_id"}
ARCHIVED = "seq, hash, prev_hash, body, officer, created_at, acked, acked_at, outcome, refusal_code, refusal_reason"


def readmit(data_dir, hub_url: str, token: str, label: str = "", settings=None, transport=None) -> dict:
    """Re-admit a laptop restored from a backup; returns {"old", "new", "moved", "renamed"}. Raises UsageRefused
    (`readmit_not_needed`) for a laptop whose chain the hub still accepts, and what enrollment raises."""
    with open_store(data_dir) as store:
        device = store.device()
        if device["last_error_code"] not in NEEDS_READMISSION:
            raise UsageRefused("readmit_not_needed")
    key = generate_private_key()
    new_id, public_key = device_identity(key)
    pending = key_path(data_dir).with_name(f"device_key.{new_id}.pem")
    write_key(data_dir, pending, key)
    enrolled = enrollment.enroll(data_dir, hub_url, token, label, settings=settings, transport=transport, key=key)
    with open_store(data_dir) as store:
        with store.transaction() as db:
            moved, renamed = _move_unsent(db, store, device["device_id"], new_id, public_key)
    old_key = key_path(data_dir)
    os.replace(old_key, old_key.with_name(f"device_key.{device['device_id']}.old.pem"))
    os.replace(pending, key_path(data_dir))
    return {"old": device["device_id"], "new": new_id, "moved": moved, "renamed": renamed,
            "scope": enrolled["scope"]}


def _move_unsent(db, store, old_id: str, new_id: str, public_key: bytes) -> tuple:
    """Sign the unsent change-sets again as the new device's chain; returns (change-sets, records renamed)."""
    unsent = [ChangeSet.from_body(json.loads(body)) for (body,) in
              db.execute("SELECT body FROM outbox WHERE acked = 0 ORDER BY seq").fetchall()]
    db.execute(f"INSERT INTO outbox_archive (device_id, {ARCHIVED}) SELECT ?, {ARCHIVED} FROM outbox", (old_id,))
    db.execute("DELETE FROM outbox")
    db.execute("DELETE FROM pending_edit")
    db.execute("UPDATE officer SET record_id = NULL")  # announced again, under the new identity
    db.execute("UPDATE device SET device_id = ?, public_key = ?, feed_cursor = '', last_error = NULL, "
               "last_error_code = NULL WHERE id = 1", (new_id, base64.b64encode(public_key).decode()))
    renamed = {op.record_id: outbox.next_record_id(db, new_id) for changeset in unsent for op in changeset.ops
               if op.kind in ("create", "append") and op.table != "officer" and op.record_id.startswith(old_id + "-")}
    _rename_locally(db, renamed)
    announced = set()
    for changeset in unsent:
        ops = [_renamed_op(op, renamed) for op in changeset.ops if op.table != "officer"]
        if changeset.officer not in announced:
            announced.add(changeset.officer)
            ops = records.announcement(db, changeset.officer, {"device_id": new_id, **_scope(store)}) + ops
        if ops:
            outbox.append(db, new_id, changeset.officer, ops, wall_time=changeset.wall_time)
    return len(unsent), len(renamed)


def _renamed(value, renamed: dict):
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        return [_renamed(item, renamed) for item in value]
    return value


def _renamed_op(op: Operation, renamed: dict) -> Operation:
    return Operation(op.kind, op.table, renamed.get(op.record_id, op.record_id),
                     {name: _renamed(value, renamed) for name, value in op.fields.items()},
                     {name: _renamed(value, renamed) for name, value in op.before.items()})


def _rename_locally(db, renamed: dict) -> None:
    """Every row and reference of a renamed record takes its new id."""
    for table in RENAMED_TABLES:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]
        for column in [name for name in columns if name == "id" or name.endswith("_id")]:
            for old, new in renamed.items():
                db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE [{column}] = ?", (new, old))
    for table, column in RECORD_COLUMNS.items():
        for old, new in renamed.items():
            db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE [{column}] = ?", (new, old))


def _scope(store) -> dict:
    return {"scope": store.device()["scope"]}

