"""Loading the records a batch touches, and writing back what applying it changed.

Everything here is bulk: one query loads the records a batch names, one their edit histories, and
each kind of write is one executemany. That is what lets one hub take a village's day of work, or
ten thousand registrations, in a fraction of a second on SQLite.
"""

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from hub_server.models.records import FeedEntry, HubCounter, Record, RecordEdit
from hub_server.services import bulk_rows, case_privacy, sensitive_cases
from hub_server.services.apply import RecordCache, RecordState
from sync_protocol.merge import HUB, ORIGIN_ID, Edit, Source, edit_id, replay, source_of

CHUNK = 900  # ids per IN (...) list, under SQLite's bound-parameter limit on old builds


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def load_cache(session, record_ids) -> RecordCache:
    """The records among `record_ids` that exist, with the edit histories of those.

    Read as plain rows, not ORM objects: nothing here is changed through the session, and a batch of
    edits names records with long histories."""
    states = {}
    for part in chunks(record_ids):
        for row in session.execute(select(Record.id, Record.table_name, Record.village_code, Record.initial,
                                          Record.data).where(Record.id.in_(part))):
            initial = row.initial if row.initial is not None else dict(row.data)
            states[row.id] = RecordState(row.table_name, row.id, row.village_code, initial, values=dict(row.data),
                                         held_village=row.village_code)
    edit_columns = (RecordEdit.record_id, RecordEdit.field, RecordEdit.before, RecordEdit.after, RecordEdit.device_id,
                    RecordEdit.seq, RecordEdit.op_index, RecordEdit.officer, RecordEdit.base)
    for part in chunks(states):
        for edit in session.execute(select(*edit_columns).where(RecordEdit.record_id.in_(part))):
            source = Source(edit.device_id, edit.seq, edit.op_index, edit.officer)
            base = source_of(edit.base) if edit.base is not None else None
            states[edit.record_id].edits.setdefault(edit.field, []).append(Edit(edit.before, edit.after, source, base))
    return RecordCache(states)


def producing_edits(session, records) -> dict:
    """{record id: {field: edit id}}: for each field of each record the edit that produced its value, which an
    editor of it names as its base (docs/protocol.md §6, §8); a field still at its created value is left out.

    A record never edited (`initial` NULL) has none; the others' edits are replayed, one query for all."""
    produced = {record.id: {} for record in records}
    edited = {record.id: record.initial for record in records if record.initial is not None}
    by_record = {}
    for part in chunks(edited):
        for row in session.execute(select(RecordEdit).where(RecordEdit.record_id.in_(part))).scalars():
            base = source_of(row.base) if row.base is not None else None
            edit = Edit(row.before, row.after, Source(row.device_id, row.seq, row.op_index, row.officer), base)
            by_record.setdefault(row.record_id, {}).setdefault(row.field, []).append(edit)
    for record_id, fields in by_record.items():
        initial = edited[record_id]
        for name, edits in fields.items():
            producer = replay(initial.get(name, False if name == "_deleted" else None), edits).producer_id()
            if producer != ORIGIN_ID:
                produced[record_id][name] = producer
    return produced


def write_cache(session, cache: RecordCache, origin: dict, device_id: str, seq_of: dict) -> dict:
    """Insert new records, update changed ones, append new edits; returns {record id: feed position}.

    `origin` maps a record id to the device that already holds its new state (it is not echoed
    back to it); `seq_of` maps a new record id to the sequence number that created it.
    """
    changed = cache.changed()
    # A sensitive complaint, a crisis case and counselling notes reach their recorder only.
    only = sensitive_cases.addressees(session, changed, device_id)
    only |= case_privacy.addressees(session, changed, device_id)
    moves = [state for state in changed if moved_away(state)]
    positions = allocate_positions(session, len(changed) + len(moves))
    # The village a record left hears where it went, at a position of its own (its other laptops still hold it).
    feed_rows = [{"kind": "moved", "ref": f"{state.record_id}@{state.held_village}", "pos": pos,
                  "village_code": state.held_village, "origin_device": origin.get(state.record_id),
                  "only_device": None}
                 for state, pos in zip(moves, positions[len(changed):], strict=True)]
    new_rows, updated_rows = [], []
    for state, pos in zip(changed, positions, strict=False):
        if state.is_new:
            # `initial` stays NULL while the record is as created; edited in the same batch, it is kept.
            new_rows.append({"id": state.record_id, "table_name": state.table, "village_code": state.village_code,
                             "data": state.values, "initial": state.initial if state.edits else None,
                             "created_by": device_id,
                             "created_seq": seq_of.get(state.record_id, 0)})
        else:
            updated_rows.append({"b_id": state.record_id, "village_code": state.village_code,
                                 "data": state.values, "initial": state.initial})
        feed_rows.append({"kind": "record", "ref": state.record_id, "pos": pos, "village_code": state.village_code,
                          "origin_device": origin.get(state.record_id), "only_device": only.get(state.record_id)})
    if new_rows:
        bulk_rows.execute_many(session, Record.__table__.insert(), new_rows)
    if updated_rows:
        statement = update(Record.__table__).where(Record.__table__.c.id == bindparam("b_id"))
        session.execute(statement, updated_rows)
    _insert_edits(session, cache.new_edits)
    upsert_feed(session, feed_rows)
    return {state.record_id: pos for state, pos in zip(changed, positions, strict=False)}


def _insert_edits(session, new_edits) -> None:
    rows = [{"record_id": record_id, "field": name, "before": edit.before, "after": edit.after,
             "device_id": edit.source.device_id, "seq": edit.source.seq, "op_index": edit.source.index,
             "officer": edit.source.officer, "base": edit_id(edit.base) if edit.base is not None else None}
            for record_id, name, edit in new_edits]
    if rows:
        bulk_rows.execute_many(session, RecordEdit.__table__.insert(), rows)


def lock_writes(session) -> HubCounter:
    """Take the hub's write lock (the feed counter's row) until commit.

    Every service that reads records and then writes them takes it first, so two transactions never
    merge against the same old state. SQLite gets the same from BEGIN IMMEDIATE; on PostgreSQL this
    is a row lock.
    """
    counter = session.execute(select(HubCounter).where(HubCounter.name == "feed").with_for_update()
                              .execution_options(populate_existing=True)).scalar()
    if counter is None:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(HubCounter.__table__).values(name="feed", value=0).on_conflict_do_nothing())
        return lock_writes(session)
    return counter


def allocate_positions(session, count: int) -> list:
    """`count` consecutive feed positions, under the write lock, so feed order is commit order."""
    if count == 0:
        return []
    counter = lock_writes(session)
    first = counter.value + 1
    counter.value += count
    session.flush()
    return list(range(first, first + count))


def moved_away(state: RecordState) -> bool:
    """The batch moved a stored record to another village."""
    return not state.is_new and state.held_village is not None and state.village_code != state.held_village


def upsert_rows(session, table, rows: list, key: str) -> None:
    """Insert `rows` into `table`, each replacing the row of the same `key` (a derived state kept one row a
    record: complaints, cases, claims)."""
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    columns = {name: statement.excluded[name] for name in rows[0] if name != key}
    session.execute(statement.on_conflict_do_update(index_elements=[key], set_=columns), rows)


def upsert_feed(session, rows) -> None:
    """Put each (kind, ref) at its new feed position, inserting it the first time."""
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(FeedEntry.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["kind", "ref"],
        set_={"pos": statement.excluded.pos, "village_code": statement.excluded.village_code,
              "origin_device": statement.excluded.origin_device, "only_device": statement.excluded.only_device})
    bulk_rows.execute_many(session, statement, rows)


def publish(session, items) -> None:
    """Put things other than records in the feed: `items` are (kind, ref, village_code or None for all)."""
    items = list(items)
    positions = allocate_positions(session, len(items))
    upsert_feed(session, [{"kind": kind, "ref": str(ref), "pos": pos, "village_code": village, "origin_device": None,
                           "only_device": None}
                          for (kind, ref, village), pos in zip(items, positions, strict=True)])


def hub_edit(session, record_id: str, changes: dict, user: str) -> RecordState | None:
    """Change fields of a record as the hub (a person's decision), so every device holding it hears.

    `changes` maps a field to (the value it had when the person decided, the new value). The edits
    are ordinary merge edits from source HUB at a fresh feed position, so a later decision wins over
    an earlier one and laptops merge them like any other device's. Returns the record's new state
    (None for an unknown record). Call under `lock_writes`.
    """
    cache = load_cache(session, [record_id])
    state = cache.get(record_id)
    if state is None:
        return None
    (decision_seq,) = allocate_positions(session, 1)
    for index, (name, (before, after)) in enumerate(sorted(changes.items())):
        edit = Edit(before, after, Source(HUB, decision_seq, index, user))
        state.edits.setdefault(name, []).append(edit)
        cache.new_edits.append((record_id, name, edit))
        state.replay_field(name)
    state.changed = True
    write_cache(session, cache, origin={}, device_id=HUB, seq_of={})
    return state
