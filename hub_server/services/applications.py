"""Deciding applications at the hub: approve, or reject with a justification the person is told.

A village sends an application as a synced record (status `applied`, from a pre-identified list or
directly); `lists.absorb` keeps it in the `applications` table beside the rule's result and any
community correction. A decision here is a hub edit of that record (`record_store.hub_edit`): the
status, its date and the justification travel back through the feed, and the village sees each step.
The moves allowed are the schema's (`schemas.application.check_transition`).
"""

import dataclasses
import datetime as dt

from sqlalchemy import func, or_, select

from hub_server.errors import FieldError, HubError, Invalid
from hub_server.models.population import Person
from hub_server.models.programmes import Application, ListCorrection, ListEntry, Programme
from hub_server.models.records import Record
from hub_server.services import audit, lists, paging, record_store
from schemas.application import MIN_JUSTIFICATION, check_transition

DECISIONS = ("approved", "rejected")


class ApplicationNotFound(HubError):
    """No synchronized application has this record id."""

    status, code = 404, "application_not_found"


class ApplicationNotCounted(HubError):
    """The application cannot be decided yet: its person or programme is unknown, or another one counts."""

    status, code = 409, "application_not_counted"


SORTS = {"updated": Application.updated_at, "programme": Application.programme_code,
         "village": Application.village_code, "status": Application.status, "name": Person.name_key}


def _filtered(*, area: str | None, status: str | None, programme_code: str | None, search: str = ""):
    query = select(Application, Person.nik, Person.name).outerjoin(Person, Person.id == Application.person_id)
    if area:
        query = query.where(or_(Application.village_code == area, Application.village_code.startswith(area + ".")))
    if status:
        query = query.where(Application.status == status)
    if programme_code:
        query = query.where(Application.programme_code == programme_code)
    query = query.where(*lists.typed_person(search))
    return query


def page(session, order: paging.Order, *, area: str | None = None, status: str | None = None,
         programme_code: str | None = None, search: str = "") -> paging.Page:
    """Applications, newest first unless sorted otherwise, in a region, of a status and programme, of a person
    (name or NIK), a page at a time; each with the person, the rule's verdict and any community correction."""
    found = paging.fetch(session, _filtered(area=area, status=status, programme_code=programme_code, search=search),
                         order, sorts=SORTS, default="updated", tiebreak=Application.record_id)
    return dataclasses.replace(found, items=_summaries(session, found.items))


def queue(session, *, area: str | None = None, status: str | None = None, programme_code: str | None = None,
          limit: int = 200) -> list[dict]:
    """The newest `limit` applications (the command line's `--limit`), as `page` gives them."""
    return page(session, paging.Order("updated", True, 1, limit), area=area, status=status,
                programme_code=programme_code).items


def _summaries(session, rows) -> list[dict]:
    people = {row.Application.person_id for row in rows if row.Application.person_id is not None}
    on_list, corrections = _listed(session, people), _corrections(session, people)
    return [_summary(row.Application, row.nik, row.name, on_list, corrections) for row in rows]


def waiting_count(session, area: str | None = None, programme_codes=None) -> int:
    """Applications a village sent that wait for a decision (status applied, counted), in a region."""
    query = select(func.count()).select_from(Application).where(Application.status == "applied",
                                                                Application.problem.is_(None))
    if area:
        query = query.where(Application.village_code.startswith(area + "."))
    if programme_codes is not None:
        query = query.where(Application.programme_code.in_(list(programme_codes)))
    return session.execute(query).scalar()


def _listed(session, people: set) -> set:
    """(person, programme, village) on an open list entry: the rule pre-identified them there."""
    if not people:
        return set()
    codes = select(Programme.code).scalar_subquery()  # lets the index on (programme, person, ...) find each person
    rows = session.execute(select(ListEntry.person_id, ListEntry.programme_code, ListEntry.village_code).where(
        ListEntry.programme_code.in_(codes), ListEntry.person_id.in_(people), ListEntry.removed_in.is_(None)))
    return {tuple(row) for row in rows}


def _corrections(session, people: set) -> dict:
    if not people:
        return {}
    rows = session.execute(select(ListCorrection).where(ListCorrection.person_id.in_(people),
                                                        ListCorrection.problem.is_(None))).scalars()
    return {(row.person_id, row.programme_code): {"decision": row.decision, "reason": row.reason,
                                                  "meeting_date": row.meeting_date} for row in rows}


def _summary(application: Application, nik, name, on_list: set, corrections: dict) -> dict:
    key = (application.person_id, application.programme_code)
    listed = (*key, application.village_code)
    return {"record_id": application.record_id, "programme_code": application.programme_code, "nik": nik,
            "name": name, "village_code": application.village_code, "status": application.status,
            "status_date": application.status_date, "justification": application.justification,
            "list_version": application.list_version, "problem": application.problem,
            "updated_at": application.updated_at,
            "pre_identified": listed in on_list, "correction": corrections.get(key)}


def decide(uow, record_id: str, status: str, justification: str | None, *, user: str, today: dt.date,
           area: str | None = None) -> Application:
    """Approve or reject an application; the village hears through the feed.

    Raises ApplicationNotFound, or Invalid naming the field and the rule (a move the status cannot
    make, a rejection without a justification of at least MIN_JUSTIFICATION characters).
    """
    session = uow.session
    record_store.lock_writes(session)  # no push may merge against the record while it is decided
    application = session.get(Application, record_id)  # withdrawn (deleted) applications are not kept
    if application is None or (area and not (application.village_code or "").startswith(area + ".")):
        raise ApplicationNotFound(record_id=record_id)
    if application.problem:
        raise ApplicationNotCounted(record_id=record_id, problem=application.problem)
    justification = (justification or "").strip() or None
    _check(application, status, justification)
    held = session.get(Record, record_id).data  # the values the person decided on
    changes = {"status": (held.get("status"), status), "status_date": (held.get("status_date"), today.isoformat()),
               "justification": (held.get("justification"), justification if status == "rejected" else None)}
    record_store.hub_edit(session, record_id, changes, user)
    lists.reabsorb_applications(session, application.person_id, application.programme_code, uow.now())
    audit.record(uow, f"user:{user}", f"application.{status}", f"application:{record_id}",
                 programme=application.programme_code, justification=justification)
    uow.commit()
    return application


def _check(application: Application, status: str, justification: str | None) -> None:
    if status not in DECISIONS:
        raise Invalid([FieldError("status", "choice", {"choices": ", ".join(DECISIONS)})])
    errors = [FieldError(e.field, e.rule, e.params) for e in check_transition(application.status, status)]
    if status == "rejected" and len(justification or "") < MIN_JUSTIFICATION:
        errors.append(FieldError("justification", "justification_required"))
    if errors:
        raise Invalid(errors)
