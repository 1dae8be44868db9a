"""The sync service: verify a device's request, apply what it pushed, answer with its feed.

One request does both directions, so a sync with nothing to do is one small round trip and a
village's day of work goes up in one. Everything a request changes is one transaction: a cut
connection or a killed hub leaves either all of it or none, and the device simply asks again
(pushes are idempotent: change-sets the hub holds are recognised by sequence number and hash).
"""

import dataclasses
import re
from dataclasses import dataclass, field

from sqlalchemy import select, update

from hub_server.models.device import Device
from hub_server.models.records import ReceivedChangeSet, Record
from hub_server.services import (
    audit,
    bulk_rows,
    cases,
    claims,
    complaint_desk,
    conflicts,
    feed,
    field_checks,
    identity,
    lists,
    record_store,
    residents,
)
from hub_server.services.apply import apply_changeset, referenced_ids
from hub_server.services.record_store import load_cache, write_cache
from sync_protocol import challenge
from sync_protocol.binding import SyncReply, SyncRequest, open_request_body, seal_reply, sign_reply
from sync_protocol.chain import ChainHead, verify_segment
from sync_protocol.errors import ProtocolError, ReplayedRequest, RevokedDevice, UnknownDevice, UnsupportedVersion
from sync_protocol.feed import sign_page
from sync_protocol.scope import Scope
from sync_protocol.version import SUPPORTED_VERSIONS, answer_version, check_version
from sync_protocol.wire import decode_batch


@dataclass
class Outcome:
    """What one request did: counts, notable change-set results, conflicts opened."""

    applied: int = 0
    duplicate: int = 0
    refused: int = 0
    results: list = field(default_factory=list)
    conflict_ids: list = field(default_factory=list)

    def summary(self) -> dict:
        return {"applied": self.applied, "duplicate": self.duplicate, "refused": self.refused,
                "conflicts": len(self.conflict_ids)}


DEVICE_ID = re.compile(r"[a-z2-7]{10}")
SIGNED_VERSIONS = SUPPORTED_VERSIONS - {1}  # what a laptop must speak once version 1 is no longer served
MAX_EXPANDED = 16 << 20  # a batch of 2,000 registrations expands to about 1 MB; parsing 16 MB peaks near 0.4 GB


@dataclass(frozen=True)
class Served:
    """One request served: the reply as it travels, and what it did (sealed inside a version 3 reply)."""

    reply: dict
    summary: dict


def sync(uow, request: SyncRequest, hub_key, **options) -> dict:
    """Handle one sync request and return the reply as it travels (see `serve`)."""
    return serve(uow, request, hub_key, **options).reply


def serve(uow, request: SyncRequest, hub_key, *, page_size: int = 500, max_expanded: int = MAX_EXPANDED,
          lang: str = "id", serve_version_1: bool = True) -> Served:
    """Handle one sync request (refusals' field messages in `lang`). Raises a ProtocolError (recorded in the
    audit log); UnsupportedVersion for a laptop that speaks version 1 only, unless `serve_version_1` (the
    hub's SERVE_PROTOCOL_1)."""
    try:
        check_version(request.protocol)
        if not serve_version_1 and answer_version(request.protocol, request.versions) < 2:
            raise UnsupportedVersion(request.protocol, SIGNED_VERSIONS)
        requester = _authenticate(uow.session, request)
        fresh = _fresh(uow, requester, request, hub_key)
        body = open_request_body(hub_key, request)  # a version 3 body is sealed to this hub
        segments = decode_batch(body, max_expanded) if body else []
        pulled = {requester.device_id: feed.pulled_up_to(uow.session, requester, request.cursor)}
        outcome = ingest_segments(uow, segments, request.via, lang, pulled)
        # A version 2 request without a challenge this hub issued lately pushes, but reads nothing.
        page = sign_page(hub_key, feed.page_for(uow.session, requester, request.cursor, page_size)) if fresh else None
        requester.last_seen_at = uow.now()
        reply = SyncReply({"seq": requester.last_seq, "hash": requester.head_hash}, outcome.results, page,
                          outcome.summary())
        version = answer_version(request.protocol, request.versions)
        requester.protocol = version  # for the device's page: who still sends in the clear
        if version >= 2:
            reply = _signed_reply(uow, requester, request, hub_key, reply, version)
        uow.commit()
        return Served(reply.to_json(), outcome.summary())
    except ProtocolError as error:
        uow.rollback()
        name = f"device:{(request.device_id or '')[:20]}"
        audit.record(uow, name, "sync.refused", name,
                     code=error.code, detail=str(error), via=request.via)
        uow.commit()
        raise


def _authenticate(session, request: SyncRequest) -> Device:
    if not DEVICE_ID.fullmatch(request.device_id or ""):
        raise UnknownDevice((request.device_id or "")[:20])
    device = _device(session, request.device_id, lock=False)
    request.verify(device.public_key)
    return device


def _fresh(uow, device: Device, request: SyncRequest, hub_key) -> bool:
    """Whether a request may read the device's feed. Raises ReplayedRequest for a counter already seen.

    Version 1 requests are read as before (docs/protocol.md §13 says why TLS is needed for them), until
    the device has made a version 2 request: from then on it reads its feed in version 2 only, so its
    own earlier version 1 requests, captured, read nothing.
    """
    if request.protocol < 2:
        return _version_1_may_read(device, request)
    if request.counter <= device.request_counter:
        raise ReplayedRequest(device.device_id, request.counter, device.request_counter + 1)
    now = int(uow.now().timestamp())
    return challenge.is_fresh(challenge.challenge_secret(hub_key), device.device_id, request.challenge, now)


def _version_1_may_read(device: Device, request: SyncRequest) -> bool:
    """True for a device that never spoke version 2. Raises UnsupportedVersion for a version 1 request (one
    that does not announce 2) from a device that did: an older client put back on an upgraded laptop."""
    if device.request_counter == 0:
        return True
    if answer_version(request.protocol, request.versions) < 2:
        raise UnsupportedVersion(request.protocol, SIGNED_VERSIONS)
    return False


def _signed_reply(uow, device: Device, request: SyncRequest, hub_key, reply: SyncReply, version: int) -> SyncReply:
    """The version 2 reply, signed whole, or the version 3 reply, sealed to the device and signed; a version 2
    or 3 request's counter used up (once, even between two racing copies). A version 1 request from a laptop
    that speaks 2 or 3 is answered in that version (counter 0): it learns the hub speaks it, and makes its
    next request under it with the challenge given here."""
    if request.protocol >= 2:
        used = uow.session.execute(update(Device).where(Device.device_id == device.device_id,
                                                        Device.request_counter < request.counter)
                                   .values(request_counter=request.counter)
                                   .execution_options(synchronize_session=False))
        if used.rowcount != 1:
            raise ReplayedRequest(device.device_id, request.counter, request.counter + 1)
    now = int(uow.now().timestamp())
    next_challenge = challenge.issue(challenge.challenge_secret(hub_key), device.device_id, now)
    reply = dataclasses.replace(reply, version=version, device=device.device_id, counter=request.counter,
                                challenge=next_challenge, withheld=reply.feed is None)
    return seal_reply(hub_key, reply, device.public_key) if version >= 3 else sign_reply(hub_key, reply)


def _device(session, device_id: str, lock: bool) -> Device:
    query = select(Device).where(Device.device_id == device_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    device = session.execute(query).scalar()
    if device is None:
        raise UnknownDevice(device_id)
    if device.revoked_at is not None:
        raise RevokedDevice(device_id, device.revoke_reason or "")
    return device


def ingest_segments(uow, segments, via: str, lang: str = "id", pulled: dict | None = None) -> Outcome:
    """Verify and apply segments (from any enrolled devices); each is checked with its own device's key.
    `pulled` maps the requesting device to the feed position its request's cursor says it holds."""
    outcome = Outcome()
    for segment in segments:
        _ingest_segment(uow, segment, via, outcome, lang, (pulled or {}).get(segment.device_id, 0))
    return outcome


def officer_roles(session, device_id: str) -> dict:
    """{user name: role} of the officers a device told the hub of (records "officer" it made)."""
    rows = session.execute(select(Record.data).where(Record.table_name == "officer", Record.created_by == device_id))
    return {data.get("username"): data.get("role") for (data,) in rows}


def _ingest_segment(uow, segment, via: str, outcome: Outcome, lang: str, pulled: int) -> None:
    session = uow.session
    record_store.lock_writes(session)  # before reading anything we will merge against
    device = _device(session, segment.device_id, lock=True)
    held = _held_hashes(session, device.device_id, segment.first_seq, min(segment.last_seq, device.last_seq))
    verified = verify_segment(segment, device.public_key, ChainHead(device.last_seq, bytes.fromhex(device.head_hash)),
                              held.get)
    outcome.duplicate += len(verified.duplicates)
    if not verified.new:
        return
    changesets = [changeset for changeset, _ in verified.new]
    cache = load_cache(session, referenced_ids(changesets))
    scope = Scope(tuple(device.scope))
    roles = officer_roles(session, device.device_id)  # what each officer may record (schemas.roles)
    results = [apply_changeset(cache, changeset, scope, roles, lang) for changeset in changesets]
    write_cache(session, cache, _origins(session, cache, results, device.device_id, pulled),
                device.device_id, _created_seqs(changesets, results))
    forks = [(cache.get(op.record_id), name, fork) for r in results for op in r.ops for name, fork in op.forks]
    conflict_ids = conflicts.record_forks(session, forks, uow.now()) if forks else []
    conflict_of = {state.record_id: conflict_id for (state, _, _), conflict_id in zip(forks, conflict_ids, strict=True)}
    # Received first: the checks below name the officer of each change-set (a new resident's provenance).
    _record_received(uow, device, verified.new, results, via)
    # Registrations checked against the synchronized NIK database: a NIK no one holds joins the
    # population awaiting verification; mismatches and the same NIK resident in two villages become
    # conflicts for a person to decide.
    made_by = _made_by(device.device_id, changesets, results)
    conflict_ids += [conflict.id for conflict in identity.check(session, cache.changed(), uow.now(), made_by)]
    residents.household_cards(session, cache.changed())  # a new family card continues its household
    # Community corrections and applications are kept beside the lists they speak of.
    not_counted = lists.absorb(session, cache.changed(), uow.now())
    complaint_desk.refresh(session, complaint_desk.touched(cache.changed()))  # the desk's queues follow
    cases.refresh(session, cases.touched(cache.changed()))  # and the cases page
    claims.refresh(session, claims.touched(cache.changed()))  # and the claims page
    field_checks.apply(uow, cache.changed(), made_by)  # the sub-district's field checks reach the population
    _account(outcome, results, conflict_ids, conflict_of)
    device.last_seq, device.head_hash = verified.head.seq, verified.head.hash.hex()
    audit.record(uow, f"device:{device.device_id}", "changesets.received", f"device:{device.device_id}",
                 first_seq=changesets[0].seq, last_seq=changesets[-1].seq, via=via,
                 refused=[r.seq for r in results if r.outcome == "refused"], conflicts=conflict_ids,
                 not_counted=not_counted)


def _held_hashes(session, device_id: str, first: int, last: int) -> dict:
    if last < first:
        return {}
    rows = session.execute(select(ReceivedChangeSet.seq, ReceivedChangeSet.hash).where(
        ReceivedChangeSet.device_id == device_id, ReceivedChangeSet.seq.between(first, last)))
    return {seq: bytes.fromhex(hex_hash) for seq, hex_hash in rows}


def _origins(session, cache, results, device_id: str, pulled: int) -> dict:
    """Records this device holds exactly as the hub now does after this batch: not echoed back to it.

    A record it made here qualifies when every operation on it applied; so does a record it edited, when
    it had pulled the record's last state before (the record's feed entry is at or below the position
    its request's cursor holds) and every edit applied. An existing record that carries others' changes
    the device has not pulled yet is sent to it, merged, as before.
    """
    touched = {op.record_id for result in results for op in result.ops}
    existing = [record_id for record_id in touched if (state := cache.get(record_id)) is not None and not state.is_new]
    held = feed.record_positions(session, existing) if pulled and existing else {}
    origins = {}
    for result in results:
        for op in result.ops:
            state = cache.get(op.record_id)
            seen = state is not None and (state.is_new or held.get(op.record_id, pulled + 1) <= pulled)
            mine = seen and op.outcome == "applied"
            origins[op.record_id] = device_id if mine and origins.get(op.record_id, device_id) else None
    return origins


def _made_by(device_id: str, changesets, results) -> dict:
    """{record id: {"device_id", "officer"}} of the records this batch created: a new resident's provenance."""
    return {op.record_id: {"device_id": device_id, "officer": changeset.officer}
            for changeset, result in zip(changesets, results, strict=True)
            if result.outcome == "applied" for op in changeset.ops if op.kind == "create"}


def _created_seqs(changesets, results) -> dict:
    return {op.record_id: changeset.seq for changeset, result in zip(changesets, results, strict=True)
            if result.outcome == "applied" for op in changeset.ops if op.kind in ("create", "append")}


def _record_received(uow, device: Device, new, results, via: str) -> None:
    now, rows = uow.now(), []
    for (changeset, changeset_hash), result in zip(new, results, strict=True):
        refused = result.outcome == "refused"
        rows.append({"device_id": device.device_id, "seq": changeset.seq, "hash": changeset_hash.hex(),
                     "outcome": result.outcome, "code": result.code, "reason": result.reason,
                     "officer": changeset.officer, "wall_time": changeset.wall_time, "ops": len(changeset.ops),
                     "body": changeset.body() if refused else None, "received_at": now, "via": via})
    bulk_rows.execute_many(uow.session, ReceivedChangeSet.__table__.insert(), rows)
    device.accepted_count += sum(r.outcome == "applied" for r in results)
    device.refused_count += sum(r.outcome == "refused" for r in results)


def _account(outcome: Outcome, results, conflict_ids, conflict_of: dict) -> None:
    outcome.conflict_ids += conflict_ids
    for result in results:
        if result.outcome == "refused":
            outcome.refused += 1
            outcome.results.append({"seq": result.seq, "outcome": "refused", "code": result.code,
                                    "reason": result.reason, "errors": result.errors})
            continue
        outcome.applied += 1
        notable = [op for op in result.ops if op.outcome != "applied"]
        if notable:
            outcome.results.append({"seq": result.seq, "outcome": "applied", "ops": [
                _op_result(op, conflict_of) for op in notable]})


def _op_result(op, conflict_of: dict) -> dict:
    result = {"id": op.record_id, "outcome": op.outcome}
    if op.outcome == "conflict":
        result["conflict_id"] = conflict_of.get(op.record_id)
    return result
