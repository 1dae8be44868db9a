"""The audit log: every login, token, enrollment, revocation and (later) change-set and resolution.

`record` adds an entry to the caller's transaction, so an entry exists exactly when what it
describes was committed. Refusals are recorded too: the service rolls back the refused work, records
the refusal and commits that alone.
"""

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from hub_server.models import AuditLog
from hub_server.models.population import Person
from hub_server.models.records import Conflict, Record
from hub_server.services.actors import Actor


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    action: str
    subject: str
    detail: dict


@dataclass(frozen=True)
class AuditPage:
    entries: tuple
    page: int
    per_page: int
    total: int
    descending: bool = True  # newest first
    sort: str = "at"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.entries else 0

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1 if self.entries else 0


def record(uow, actor, action: str, subject: str = "", **detail) -> None:
    """Add an entry to the unit of work's transaction. `actor` is an Actor or a name like "device:abc"."""
    name = actor.name if isinstance(actor, Actor) else str(actor)
    uow.session.add(AuditLog(at=uow.now(), actor=name, action=action, subject=str(subject),
                             detail=_jsonable(detail)))


def page(uow, actor: Actor, *, number: int = 1, per_page: int = 50, action: str | None = None,
         actor_name: str | None = None, oldest_first: bool = False) -> AuditPage:
    """One page of the whole log, newest first (or oldest first), of one action and of an actor whose name
    contains `actor_name` ("siti", "device:ab12"). Raises Forbidden without audit.view."""
    actor.require("audit.view")
    conditions = [AuditLog.action == action] if action else []
    if actor_name:
        conditions.append(AuditLog.actor.contains(actor_name.strip(), autoescape=True))
    return _page(uow, and_(*conditions) if conditions else None, number, per_page, oldest_first)


def about(uow, *, names, number: int = 1, per_page: int = 50) -> AuditPage:
    """Entries whose actor or subject is one of `names` (e.g. a device id and "device:<id>")."""
    names = list(names)
    return _page(uow, or_(AuditLog.actor.in_(names), AuditLog.subject.in_(names)), number, per_page)


def actions(uow) -> list:
    """The distinct actions recorded so far, for filters."""
    return list(uow.session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))


def _page(uow, condition, number: int, per_page: int, oldest_first: bool = False) -> AuditPage:
    count = select(func.count()).select_from(AuditLog)
    query = select(AuditLog).order_by(AuditLog.id if oldest_first else AuditLog.id.desc())
    if condition is not None:
        count, query = count.where(condition), query.where(condition)
    total = uow.session.scalar(count)
    number = min(max(1, number), max(1, math.ceil(total / per_page)))
    rows = uow.session.scalars(query.offset((number - 1) * per_page).limit(per_page))
    entries = tuple(AuditEntry(r.id, r.at, r.actor, r.action, r.subject, r.detail) for r in rows)
    return AuditPage(entries, number, per_page, total, not oldest_first)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def named(session, entries) -> dict:
    """Whom a page of entries names, for people to read: {"records": {id: (table, data)}, "people": {NIK:
    name}, "conflicts": {number: record id}}, from the subjects and the details the entries carry."""
    subjects = [(entry.subject or "").partition(":") for entry in entries]
    details = [entry.detail or {} for entry in entries]
    numbers = {int(name) for kind, _, name in subjects if kind == "conflict" and name.isdigit()}
    numbers |= {number for d in details for number in d.get("conflicts") or [] if isinstance(number, int)}
    conflicts = {row.id: row.record_id for row in session.execute(
        select(Conflict.id, Conflict.record_id).where(Conflict.id.in_(numbers)))} if numbers else {}
    record_ids = {name for kind, _, name in subjects if kind in ("record", "application")}
    record_ids |= {d["record"] for d in details if isinstance(d.get("record"), str)}
    record_ids |= {item.get("record_id") for d in details for item in d.get("not_counted") or []
                   if isinstance(item, dict)}
    records = _records(session, record_ids | set(conflicts.values()))
    niks = {name for kind, _, name in subjects if kind == "person"} | {str(d["person"]) for d in details
                                                                         if d.get("person")}
    niks |= {data.get("nik") for _, data in records.values() if data.get("nik") and not data.get("name")}
    people = {row.nik: row.name for row in session.execute(
        select(Person.nik, Person.name).where(Person.nik.in_(niks)))} if niks else {}
    return {"records": records, "people": people, "conflicts": conflicts}


def _records(session, ids) -> dict:
    ids, found = [record_id for record_id in ids if record_id], {}
    for start in range(0, len(ids), 900):
        query = select(Record.id, Record.table_name, Record.data).where(Record.id.in_(ids[start:start + 900]))
        found |= {row.id: (row.table_name, row.data or {}) for row in session.execute(query)}
    person_ids = {data.get("person_id") for _, data in found.values() if data.get("person_id")} - set(found)
    if person_ids:  # an application names its resident by the person record's id
        found |= _records(session, person_ids)
    return found
