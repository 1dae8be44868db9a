"""Pulling the feed: the changes in a device's scope after its cursor, as one page.

The page holds current values, not history: a record edited five times since the last pull is sent
once. What a device itself pushed and the hub applied as sent is not echoed back to it. A page is
signed by the hub by the caller (`sync_protocol.feed.sign_page`).
"""

from sqlalchemy import and_, or_, select

from hub_server.models.device import Device
from hub_server.models.records import Conflict, FeedEntry, HubCounter, Record
from hub_server.services import (
    catalogue,
    directory,
    inconsistencies,
    lists,
    membership_feed,
    population_feed,
    record_status,
    record_store,
)
from sync_protocol.errors import MalformedMessage
from sync_protocol.feed import FeedPage, decode_cursor, encode_cursor
from sync_protocol.scope import Scope


def scope_filter(scope: Scope, device_id: str | None = None):
    """Entries for everyone, or in one of the scope's regions; of those addressed to one device
    (a sensitive complaint and its events), only the ones addressed to `device_id`."""
    regions = [FeedEntry.village_code == code for code in scope.codes]
    regions += [FeedEntry.village_code.startswith(code + ".") for code in scope.codes]
    addressed = or_(FeedEntry.only_device.is_(None), FeedEntry.only_device == device_id)
    return and_(or_(FeedEntry.village_code.is_(None), *regions), addressed)


def page_for(session, device: Device, cursor: str | None, page_size: int) -> FeedPage:
    """The next page of `device`'s feed after `cursor` (a cursor of another scope, or of this hub before it
    was restored from a backup, starts again from 0)."""
    scope = Scope(tuple(device.scope))
    key = cursor_key(session, scope)
    # The counter first, then rows up to it: a commit landing between the two reads is simply left for
    # the next pull, never skipped (on PostgreSQL each statement sees its own snapshot).
    committed = _committed_position(session)
    position = _start(cursor, key, committed)
    rows = session.execute(  # plain rows, not ORM objects: a page may name 10,000 statuses
        select(FeedEntry.kind, FeedEntry.ref, FeedEntry.pos).where(
            FeedEntry.pos > position, FeedEntry.pos <= committed, scope_filter(scope, device.device_id),
            or_(FeedEntry.origin_device.is_(None), FeedEntry.origin_device != device.device_id))
        .order_by(FeedEntry.pos).limit(page_size * LIGHT_PER_ENTRY + 1)).all()
    taken = _fitting(rows, page_size)
    more = len(rows) > taken
    rows = rows[:taken]
    last = rows[-1].pos if more else max(position, committed)
    return FeedPage(device.device_id, tuple(_entries(session, rows)), encode_cursor(last, key), more)


def pulled_up_to(session, device: Device, cursor: str | None) -> int:
    """The feed position up to which `device` holds its feed, by the cursor of its request (0: from the start)."""
    return _start(cursor, cursor_key(session, Scope(tuple(device.scope))), _committed_position(session))


def _start(cursor: str | None, key: str, committed: int) -> int:
    try:
        position = decode_cursor(cursor, key)
    except MalformedMessage:
        return 0  # a re-enrolled laptop with a new scope, or a restored hub: everything it may now hold
    return 0 if position > committed else position  # beyond what this hub reached: restored from a backup


def record_positions(session, record_ids) -> dict:
    """{record id: the feed position of its current state}, for the records that have a feed entry."""
    rows = session.execute(select(FeedEntry.ref, FeedEntry.pos).where(FeedEntry.kind == "record",
                                                                      FeedEntry.ref.in_(list(record_ids))))
    return dict(rows.all())


def cursor_key(session, scope: Scope) -> str:
    """What a cursor is bound to: the scope, and the hub's epoch once `sws-hub db restored` has turned it (so
    that no cursor issued before a restore skips what the restored hub writes at the same positions)."""
    epoch = session.execute(select(HubCounter.value).where(HubCounter.name == EPOCH)).scalar() or 0
    return scope.key() if not epoch else f"{scope.key()}#{epoch}"


EPOCH = "epoch"


def turn_epoch(session) -> int:
    """After restoring a backup: every cursor issued before becomes one of another hub. Returns the new epoch."""
    row = session.get(HubCounter, EPOCH)
    if row is None:
        row = HubCounter(name=EPOCH, value=0)
        session.add(row)
    row.value = (row.value or 0) + 1
    return row.value


# A record's status is a few bytes (about 120 as JSON, against 1 kB for a person's record): a page holds
# this many of them in the place of one entry, so that a laptop's first push of up to 10,000 new residents
# (FEED_PAGE_SIZE 500) hears of them in the reply to that push, not in further round trips. A village's
# payments of a month are up to a few hundred kB (60 bytes a payment): each counts as fifty entries, so a page
# of 500 holds at most ten of them and stays small enough to download over 2G.
LIGHT_PER_ENTRY = 20
WEIGHTS = {"status": 1, "payment_month": 50 * LIGHT_PER_ENTRY}


def _fitting(rows, page_size: int) -> int:
    """How many of `rows` (in feed order) a page of `page_size` entries holds, kinds weighing as above; always
    at least one, so that an entry heavier than a whole page is still sent."""
    weight = 0
    for taken, row in enumerate(rows):
        weight += WEIGHTS.get(row.kind, LIGHT_PER_ENTRY)
        if weight > page_size * LIGHT_PER_ENTRY and taken > 0:
            return taken
    return len(rows)


def _committed_position(session) -> int:
    """Every entry at or below this position is committed: positions are handed out under a lock."""
    return session.execute(select(HubCounter.value).where(HubCounter.name == "feed")).scalar() or 0


def _entries(session, rows) -> list:
    """The entries of a page, each loaded by its kind's loader (one query per kind)."""
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row.ref)
    loaded = {}
    for kind, refs in by_kind.items():
        loader = ENTRY_LOADERS.get(kind)  # a kind this hub version does not serve is left out, not an error
        if loader is not None:
            loaded |= {(kind, ref): entry for ref, entry in loader(session, refs).items()}
    return [loaded[(row.kind, row.ref)] for row in rows if (row.kind, row.ref) in loaded]


def _records(session, refs) -> dict:
    records = list(_load(session, Record, Record.id, refs))
    edits = record_store.producing_edits(session, records)
    return {r.id: _record_entry(r, edits[r.id]) for r in records}


def _moves(session, refs) -> dict:
    """A record that moved to another village, told to the village it left ("<record id>@<village>"):
    the record as it is now, so that laptop sees where it went (and stops offering to edit it)."""
    records = {r.id: r for r in _load(session, Record, Record.id, {ref.split("@")[0] for ref in refs})}
    edits = record_store.producing_edits(session, records.values())
    return {ref: _record_entry(records[ref.split("@")[0]], edits[ref.split("@")[0]])
            for ref in refs if ref.split("@")[0] in records}


def _conflicts(session, refs) -> dict:
    return {str(c.id): conflict_entry(c) for c in _load(session, Conflict, Conflict.id, [int(r) for r in refs])}


def _revocations(session, refs) -> dict:
    return {d.device_id: revocation_entry(d) for d in _load(session, Device, Device.device_id, refs)}


# Every kind of feed entry and the function that loads its entries ({ref: entry} for a list of refs),
# written out here so that a page holds every kind whoever builds it, with or without the web app.
ENTRY_LOADERS = {"record": _records, "moved": _moves, "conflict": _conflicts, "revocation": _revocations,
                 "programme": catalogue.feed_entries, "list": lists.feed_entries, "status": record_status.feed_entries,
                 "population": population_feed.feed_entries, "inconsistency": inconsistencies.feed_entries,
                 "membership": membership_feed.feed_entries, "payment_month": membership_feed.month_entries,
                 "service": directory.feed_entries}


def _load(session, model, key, refs):
    if not refs:
        return []
    return session.execute(select(model).where(key.in_(refs))).scalars()


def _record_entry(record: Record, edits: dict) -> dict:
    """A record's current values, and beside them (not in `data`, which older laptops keep whole) the edit that
    produced each field's value, left out for a field still as created: what the laptop names when it edits."""
    return {"kind": "record", "table": record.table_name, "id": record.id, "data": record.data, "edits": edits}


def conflict_entry(conflict: Conflict) -> dict:
    kind = "resolution" if conflict.status == "resolved" else "conflict"
    return {"kind": kind, "table": conflict.table_name, "id": str(conflict.id),
            "data": {"record": conflict.record_id, "field": conflict.field, "conflict_kind": conflict.kind,
                     "base": conflict.base, "sides": conflict.sides, "status": conflict.status,
                     "value": conflict.resolution, "reason": conflict.reason, "resolved_by": conflict.resolved_by}}


def revocation_entry(device: Device) -> dict:
    return {"kind": "revocation", "table": "device", "id": device.device_id,
            "data": {"reason": device.revoke_reason or "", "at": int(device.revoked_at.timestamp())}}
