"""Applying what the hub sends back: acknowledgements, per-change-set results and feed pages.

A feed page is verified (hub signature pinned at enrollment, addressed to this device) before
anything is written; then the acknowledgement, the results and every entry of the page are
applied, and the page's cursor stored, in ONE transaction: a page is applied whole or not at all,
and the cursor never runs ahead of the data. A pulled value never overwrites a field that has a
local edit the hub has not acknowledged yet (`pending_edit`): the officer's unsynced work stays on
top until the hub has it. A beneficiary list version is applied to the list held
(`village_client.lists`): whole, as a delta, or marked stale after a gap. A record's status (kind
"status", `schemas.record_status`) replaces the one held: whether the hub counts it, and why not.
A version of a village's residents (kind "population") is applied like a list (`village_client.residents`).
A membership (kind "membership") replaces the one held, and a village's payments of a month (kind
"payment_month") the month held (`village_client.memberships`).
"""

import json

from sync_protocol.binding import open_reply
from sync_protocol.errors import MalformedMessage, UntrustedReply
from sync_protocol.feed import open_page
from sync_protocol.merge import source_of
from sync_protocol.version import CHANGESET_WITH_BASES
from village_client import directory, lists, memberships, outbox, residents, worklist
from village_client.store import now_text, storable

RECORD_TABLES = ("household", "person", "complaint", "complaint_event", "application", "list_correction",
                 "field_check", "case", "case_event", "outreach_session", "claim", "claim_event")
NOT_FROM_HUB = ("id", "extra")


def apply_reply(store, reply, hub_key: bytes, device_id: str, device_key=None) -> dict:
    """Verify and apply a reply; return counts. Raises BadSignature, MalformedMessage, AckMismatch, UntrustedReply.

    Nothing is written before the whole reply is verified: in version 2 the hub signs it whole (ack,
    results and feed page), and a laptop that has had a version 2 reply accepts no unsigned one. A version 3
    reply is opened with `device_key`, the laptop's private key, since what it carries is sealed to it.
    """
    reply = trusted(store.device(), reply, hub_key, device_id, device_key)
    counts = {"acknowledged": 0, "received": 0, "conflicts": set(), "refused": 0, "more": False, "resent": 0}
    if reply is None:  # the hub's own answer to a request answered since: a stick brought back late, or twice
        counts["conflicts"] = 0
        return counts
    page = open_page(reply.feed, hub_key, device_id) if reply.feed else None
    counts["more"] = reply.withheld
    with store.transaction() as db:
        if reply.version >= 2:  # the hub speaks version 2 or 3: from now on every reply must be signed
            db.execute("UPDATE device SET hub_protocol = max(hub_protocol, ?), challenge = ?, "
                       "reply_counter = max(reply_counter, ?) WHERE id = 1",
                       (reply.version, reply.challenge, reply.counter))
        if reply.ack:
            counts["acknowledged"] = outbox.mark_acked(db, int(reply.ack["seq"]), str(reply.ack["hash"]))
            # A hub restored from an older backup holds less of our chain than it once acknowledged.
            counts["resent"] = outbox.hub_lost_after(db, int(reply.ack["seq"]))
        for result in reply.results:
            _apply_result(db, result, counts)
        if page is not None:
            for entry in page.entries:
                _apply_entry_or_refuse_page(db, entry, counts)
            db.execute("UPDATE device SET feed_cursor = ? WHERE id = 1", (page.cursor,))
            counts["received"], counts["more"] = len(page.entries), page.more
    counts["conflicts"] = len(counts["conflicts"])
    return counts


def trusted(device: dict, reply, hub_key: bytes, device_id: str, device_key=None):
    """The reply, once its signature and its place among this laptop's requests are checked; None for the
    hub's answer to a request answered since, which has nothing left to apply. Raises UntrustedReply.

    A version 2 reply answers one request counter, one this laptop signed (a reply to a version 1
    request, counter 0, only before the hub first answered in version 2). Applying an older answer after
    a newer one would take the feed's cursor back, so it is left aside.
    """
    reply = open_reply(reply, hub_key, device_id, required=device["hub_protocol"] >= 2, device_key=device_key)
    if reply.version < 2 or (reply.counter == 0 and device["hub_protocol"] < 2):
        return reply
    if reply.counter > device["request_counter"]:
        raise UntrustedReply(f"answers request {reply.counter}, which this laptop never made")
    return reply if reply.counter > device["reply_counter"] else None


def _apply_entry_or_refuse_page(db, entry, counts: dict) -> None:
    try:
        _apply_entry(db, entry, counts)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # The whole page is rolled back and its cursor not stored: the next sync asks for it again.
        raise MalformedMessage("feed.entry", f"{type(exc).__name__}: {exc}") from exc


def _apply_result(db, result: dict, counts: dict) -> None:
    outbox.record_outcome(db, result)
    if result.get("outcome") == "refused":
        _refusal(db, result.get("seq"), None, result.get("code"), result.get("reason"), "push")
        counts["refused"] += 1
    for op in result.get("ops") or []:
        if op.get("outcome") == "rejected":
            _refusal(db, result.get("seq"), op.get("id"), op.get("code"), op.get("reason"), "push")
            counts["refused"] += 1
        elif op.get("outcome") == "conflict":
            counts["conflicts"].add(str(op.get("conflict_id") or op.get("id")))


def _refusal(db, seq, record_id, code, reason, source: str) -> None:
    db["refusal"].insert({"seq": seq, "record_id": record_id, "code": code, "reason": reason, "source": source,
                          "received_at": now_text()})


def _apply_entry(db, entry: dict, counts: dict) -> None:
    kind, data = entry.get("kind"), entry.get("data") or {}
    if kind == "record":
        apply_record(db, entry.get("table"), str(entry["id"]), data, entry.get("edits"))
    elif kind == "conflict":
        _upsert(db, "conflict", {"id": str(entry["id"]), "table_name": data.get("table") or entry.get("table"),
                                 "record_id": data.get("record"), "field": data.get("field"),
                                 "data": json.dumps(data), "status": "open", "received_at": now_text()})
        counts["conflicts"].add(str(entry["id"]))
    elif kind == "refusal":
        _refusal(db, data.get("seq"), data.get("record"), data.get("code"), data.get("reason"), "hub")
        counts["refused"] += 1
    elif kind == "status":
        _keep_status(db, str(entry["id"]), entry.get("table"), data)
    elif kind in KEPT_AS_SENT:
        KEPT_AS_SENT[kind](db, str(entry["id"]), data)
    # Other kinds come from a newer hub: skipping them keeps an older laptop working.


def _programme(db, code: str, data: dict) -> None:
    _upsert(db, "programme", {"code": code, "name": _name(data), "data": json.dumps(data)})


def _revocation(db, device_id: str, data: dict) -> None:
    _upsert(db, "revocation", {"device_id": device_id, "reason": data.get("reason"), "at": data.get("at")})


# Kinds kept as the hub sent them, each by its own module: (db, entry id, data).
KEPT_AS_SENT = {
    "resolution": lambda db, ident, data: _resolve(db, ident, data),
    "programme": _programme,
    "list": lambda db, ident, data: lists.apply_version(db, lists.parse_version(ident, data), now_text()),
    "revocation": _revocation,
    "population": lambda db, ident, data: residents.apply_version(db, ident, data, now_text()),
    "inconsistency": worklist.keep,
    "membership": memberships.keep,
    "payment_month": memberships.keep_month,
    "service": directory.keep,
}


def _keep_status(db, record_id: str, table, data: dict) -> None:
    """The hub's latest word on a record it keeps: counted, or kept but not counted (why: `schemas.record_status`)."""
    if not isinstance(data.get("status"), str):
        raise ValueError(f"status of {record_id} has no code")
    # Plain SQL: a first push's reply carries a status for every new resident, and sqlite-utils' `upsert`
    # reads the table's schema again for each one.
    db.execute("INSERT INTO record_status (record_id, table_name, status, counted, data, received_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET table_name = excluded.table_name, "
               "status = excluded.status, counted = excluded.counted, data = excluded.data, "
               "received_at = excluded.received_at",
               [record_id, table, data["status"], 1 if data.get("counted") else 0, json.dumps(data), now_text()])


def _name(data: dict):
    name = data.get("name")
    return name.get("id") or name.get("en") if isinstance(name, dict) else name


def _upsert(db, table: str, row: dict) -> None:
    pk = "code" if table == "programme" else "device_id" if table == "revocation" else "id"
    db[table].upsert(row, pk=pk)


def _resolve(db, conflict_id: str, data: dict) -> None:
    if not db["conflict"].count_where("id = ?", [conflict_id]):
        db["conflict"].insert({"id": conflict_id, "table_name": data.get("table"), "record_id": data.get("record"),
                               "field": data.get("field"), "data": "{}", "received_at": now_text()})
    db["conflict"].update(conflict_id, {"status": "resolved", "resolution": json.dumps(data)})


def apply_record(db, table: str, record_id: str, data: dict, edits: dict | None = None) -> None:
    """Bring a record to the hub's current values, except fields with an unacknowledged local edit.

    `edits` ({field: edit id}, a field left out still as created) names the edit that produced each value: a
    hub that sends it reads change-set format 2 (docs/protocol.md §8, §13); a hub that does not leaves the
    record's history unknown here, its fields matched by value when edited."""
    if table not in RECORD_TABLES:
        return
    pending = outbox.pending_fields(db, table, record_id)
    if outbox.WHOLE_RECORD in pending:
        return  # made here and not yet acknowledged: every value is the officer's own
    _keep_producers(db, table, record_id, edits, pending)
    incoming = {name: value for name, value in data.items() if name not in pending and name not in NOT_FROM_HUB}
    if "_deleted" in incoming:
        incoming["_deleted"] = 1 if incoming["_deleted"] else 0
    columns = set(db[table].columns_dict)
    known = {name: storable(value) for name, value in incoming.items() if name in columns}
    unknown = {name: value for name, value in incoming.items() if name not in columns}
    existing = list(db.query(f"SELECT extra FROM [{table}] WHERE id = ?", [record_id]))
    if unknown or existing:
        extra = json.loads(existing[0]["extra"] or "{}") if existing else {}
        known["extra"] = json.dumps({**extra, **unknown}) if unknown or extra else None
    if existing:
        if known:
            db[table].update(record_id, known)
    else:
        db[table].insert({"id": record_id, **known})


def _keep_producers(db, table: str, record_id: str, edits, pending: set) -> None:
    """The hub's producing edits of a record, the officer's own for fields with an unacknowledged edit."""
    if edits is None:  # a hub that does not name them
        outbox.keep_producers(db, table, record_id, None)
        return
    if not isinstance(edits, dict) or not all(isinstance(name, str) for name in edits):
        raise ValueError(f"edits of {record_id} are not field names and edit ids")
    for name, text in edits.items():
        try:
            source_of(text)
        except ValueError as exc:  # the page is refused whole
            raise ValueError(f"edits.{name} of {record_id}: {exc}") from None
    db.execute("UPDATE device SET changeset_version = ? WHERE id = 1 AND changeset_version < ?",
               (CHANGESET_WITH_BASES, CHANGESET_WITH_BASES))
    held = (outbox.producers(db, table, record_id) or {}) if pending else {}
    mine = {name: held.get(name) for name in pending}  # None: this laptop does not know what its edit was made on
    outbox.keep_producers(db, table, record_id, {**{n: t for n, t in edits.items() if n not in pending}, **mine})
