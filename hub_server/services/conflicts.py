"""The conflict queue: opening conflicts from merge forks, listing them, and resolving them.

A conflict shows both sides with their provenance (device, officer, sequence) and the record's last
agreed value. A person resolves it by choosing a side, the source-database value, or an edited value,
always with a reason; the resolution is a hub edit of the record, so it flows through the feed to
every device holding the record.
"""

import dataclasses

from marshmallow import ValidationError
from sqlalchemy import func, or_, select

from hub_server.errors import FieldError, HubError, Invalid
from hub_server.models.records import Conflict, ReceivedChangeSet, Record
from hub_server.services import audit, paging, record_store
from schemas.errors import ValidationFailure, errors_from_marshmallow
from schemas.records import dump_record, schema_for
from sync_protocol.merge import Edit

CONCURRENT_EDIT = "concurrent_edit"


class ConflictNotFound(HubError):
    """No open conflict has this id."""

    status, code = 404, "conflict_not_found"


class ReasonRequired(HubError):
    """A resolution must say why."""

    status, code = 400, "reason_required"


def side(edit: Edit) -> dict:
    source = edit.source
    return {"value": edit.after, "device_id": source.device_id, "seq": source.seq, "op_index": source.index,
            "officer": source.officer}


def record_forks(session, forks, now) -> list:
    """Open or update one conflict per (record, field) fork; returns the conflicts' ids.

    `forks` is a list of (RecordState, field name, Fork).
    """
    touched = []
    for state, name, fork in forks:
        conflict = session.execute(select(Conflict).where(
            Conflict.record_id == state.record_id, Conflict.field == name, Conflict.status == "open")).scalar()
        if conflict is None:
            conflict = Conflict(kind=CONCURRENT_EDIT, table_name=state.table, record_id=state.record_id, field=name,
                                village_code=state.village_code, opened_at=now, status="open")
            session.add(conflict)
        conflict.base, conflict.sides = fork.base, [side(edit) for edit in fork.candidates]
        touched.append(conflict)
    session.flush()
    publish(session, touched)
    return [conflict.id for conflict in touched]


def publish(session, conflicts) -> None:
    """Move the conflicts to new feed positions so the devices of their villages hear of them."""
    record_store.publish(session, [("conflict", c.id, c.village_code) for c in conflicts])


def open_conflicts(uow, village_prefix: str | None = None, limit: int = 200) -> list:
    """Open conflicts, oldest first, optionally within a region (a sub-district officer's)."""
    query = select(Conflict).where(Conflict.status == "open").order_by(Conflict.id).limit(limit)
    if village_prefix:
        query = query.where(Conflict.village_code.startswith(village_prefix))
    return list(uow.session.execute(query).scalars())


STATUSES = ("open", "resolved")
SORTS = {"opened": Conflict.id, "village": Conflict.village_code, "field": Conflict.field,
         "decided": Conflict.resolved_at}


def page(session, order: paging.Order, *, status: str = "open", area: str | None = None,
         field: str = "") -> paging.Page:
    """Conflicts of a status (open: oldest first; resolved: newest decision first, unless sorted otherwise) in
    a region and of a field, a page at a time; `extra` holds {status: count} in the region for the tabs."""
    status = status if status in STATUSES else "open"
    query = _in_area(select(Conflict).where(Conflict.status == status), area)
    if field:
        query = query.where(Conflict.field == field)
    found = paging.fetch(session, query, order, sorts=SORTS, default="opened" if status == "open" else "decided",
                         tiebreak=Conflict.id)
    counts = dict(session.execute(_in_area(select(Conflict.status, func.count()), area)
                                  .group_by(Conflict.status)).all())
    return dataclasses.replace(found, extra={name: counts.get(name, 0) for name in STATUSES})


def _in_area(query, area: str | None):
    if area:
        query = query.where(or_(Conflict.village_code == area, Conflict.village_code.startswith(area + ".")))
    return query


def open_count(session, area: str | None = None) -> int:
    """Open conflicts in a region (every one without)."""
    return session.execute(_in_area(select(func.count()).select_from(Conflict).where(Conflict.status == "open"),
                                    area)).scalar()


def get(uow, conflict_id: int) -> tuple:
    """The conflict and its record. Raises ConflictNotFound."""
    conflict = uow.session.get(Conflict, conflict_id)
    if conflict is None:
        raise ConflictNotFound(conflict_id=conflict_id)
    return conflict, uow.session.get(Record, conflict.record_id)


def resolve(uow, conflict_id: int, value, *, user: str, reason: str) -> Conflict:
    """Decide an open conflict: the record's field takes `value`, and every device hears of it.

    Raises ConflictNotFound for an unknown or already resolved conflict, ReasonRequired without a reason.
    """
    if not (reason or "").strip():
        raise ReasonRequired(errors=[FieldError("reason", "required")])
    value = _checked_value(uow.session, conflict_id, value)
    session = uow.session
    record_store.lock_writes(session)  # no push may merge against the record while it is decided
    conflict = session.execute(select(Conflict).where(Conflict.id == conflict_id)).scalar()
    if conflict is None or conflict.status != "open":
        raise ConflictNotFound(conflict_id=conflict_id)
    record_store.hub_edit(session, conflict.record_id, {conflict.field: (conflict.base, value)}, user)
    conflict.status, conflict.resolution, conflict.reason = "resolved", value, reason.strip()
    conflict.resolved_by, conflict.resolved_at = user, uow.now()
    publish(session, [conflict])
    audit.record(uow, f"user:{user}", "conflict.resolved", f"conflict:{conflict.id}",
                 record=conflict.record_id, field=conflict.field, value=value, reason=conflict.reason)
    uow.commit()
    return conflict


def _checked_value(session, conflict_id: int, value):
    """The chosen value, checked and normalised by the record's schema like any laptop's edit.

    Raises ConflictNotFound, or Invalid naming the field and the rule.
    """
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise ConflictNotFound(conflict_id=conflict_id)
    try:
        clean = schema_for(conflict.table_name).load({conflict.field: value}, partial=True)
    except ValidationError as error:
        raise Invalid([FieldError(e.field, e.rule, e.params) for e in errors_from_marshmallow(error)]) from None
    except ValidationFailure:
        return value  # a table without a schema: nothing more to check
    return dump_record(conflict.table_name, clean).get(conflict.field, value)


def subjects(session, conflicts) -> dict:
    """{record id: {"name", "nik", "village_code"}}: whom each conflict is about, as people name them.

    A person record by its name and NIK; a household by its family card number; other records by the
    name they carry (a complaint's complainant).
    """
    ids = list({conflict.record_id for conflict in conflicts})
    found = {}
    for start in range(0, len(ids), 900):
        for record in session.execute(select(Record).where(Record.id.in_(ids[start:start + 900]))).scalars():
            data = record.data or {}
            found[record.id] = {"name": data.get("name") or data.get("complainant_name"),
                                "nik": data.get("nik") or data.get("kk_number"), "village_code": record.village_code}
    return found



def side_times(session, conflicts) -> dict:
    """{(device id, seq): (laptop's clock in Unix seconds, hub's receipt time)} of the conflicts' sides.

    The laptop's clock may be wrong: it is shown to people, never used for ordering.
    """
    wanted = {(s["device_id"], s["seq"]) for c in conflicts for s in c.sides if s.get("device_id") and s.get("seq")}
    found = {}
    for device_id in {device for device, _ in wanted}:
        seqs = sorted(seq for device, seq in wanted if device == device_id)
        query = select(ReceivedChangeSet.seq, ReceivedChangeSet.wall_time, ReceivedChangeSet.received_at).where(
            ReceivedChangeSet.device_id == device_id, ReceivedChangeSet.seq.in_(seqs))
        found |= {(device_id, row.seq): (row.wall_time, row.received_at) for row in session.execute(query)}
    return found
