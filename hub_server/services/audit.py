"""The audit log: every login, token, enrollment, revocation and (later) change-set and resolution.

`record` adds an entry to the caller's transaction, so an entry exists exactly when what it
describes was committed. Refusals are recorded too: the service rolls back the refused work, records
the refusal and commits that alone.
"""

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from hub_server.models import AuditLog
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

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def record(uow, actor, action: str, subject: str = "", **detail) -> None:
    """Add an entry to the unit of work's transaction. `actor` is an Actor or a name like "device:abc"."""
    name = actor.name if isinstance(actor, Actor) else str(actor)
    uow.session.add(AuditLog(at=uow.now(), actor=name, action=action, subject=str(subject),
                             detail=_jsonable(detail)))


def page(uow, actor: Actor, *, number: int = 1, per_page: int = 50, action: str | None = None) -> AuditPage:
    """One page of the whole log, newest first. Raises Forbidden without audit.view."""
    actor.require("audit.view")
    condition = AuditLog.action == action if action else None
    return _page(uow, condition, number, per_page)


def about(uow, *, names, number: int = 1, per_page: int = 50) -> AuditPage:
    """Entries whose actor or subject is one of `names` (e.g. a device id and "device:<id>")."""
    names = list(names)
    return _page(uow, or_(AuditLog.actor.in_(names), AuditLog.subject.in_(names)), number, per_page)


def actions(uow) -> list:
    """The distinct actions recorded so far, for filters."""
    return list(uow.session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))


def _page(uow, condition, number: int, per_page: int) -> AuditPage:
    count = select(func.count()).select_from(AuditLog)
    query = select(AuditLog).order_by(AuditLog.id.desc())
    if condition is not None:
        count, query = count.where(condition), query.where(condition)
    total = uow.session.scalar(count)
    number = min(max(1, number), max(1, math.ceil(total / per_page)))
    rows = uow.session.scalars(query.offset((number - 1) * per_page).limit(per_page))
    entries = tuple(AuditEntry(r.id, r.at, r.actor, r.action, r.subject, r.detail) for r in rows)
    return AuditPage(entries, number, per_page, total)


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
