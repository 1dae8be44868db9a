"""What the hub's printables hold, as plain data: a village's list for the village meeting, a decision letter,
a programme's leaflet for citizens and the overview of one guarantee's programmes.

`village_list` reads the open entries of one programme's list in one village (as the village laptop
holds them) with each member's household; `decision` reads a decided application with its person and
programme; `leaflet` and `guarantee_overview` read the catalogue's information for citizens. Rendering is
`hub_server.reports.printables`; docs/reports.md ("Printables") says what each paper shows.
"""

from sqlalchemy import select

from hub_server.errors import FieldError, HubError, Invalid
from hub_server.models.population import Household, Person
from hub_server.models.programmes import Application, ListEntry, ListVersion, Programme
from hub_server.services import lists
from hub_server.services.applications import DECISIONS, ApplicationNotFound
from schemas.choices import values
from schemas.region import exists, level


class ProgrammeNotFound(HubError):
    """No programme of the catalogue has this code."""

    status, code = 404, "programme_not_found"


class ApplicationUndecided(HubError):
    """A decision letter is printed once the application is approved or rejected."""

    status, code = 409, "application_undecided"


def programme_of(session, code: str) -> Programme:
    """The catalogue's programme `code`. Raises ProgrammeNotFound."""
    found = session.get(Programme, code or "")
    if found is None:
        raise ProgrammeNotFound(programme=code)
    return found


def check_village(code: str, field: str = "village") -> str:
    """`code` when it is a village of the region list. Raises Invalid naming `field`."""
    if not code or not exists(code) or level(code) != "village":
        raise Invalid([FieldError(field, "print_village", {"value": code})])
    return code


def reason_names(programme: Programme) -> dict:
    """{reason code: {"id": ..., "en": ...}} from the programme's `matching.reasons`."""
    return {reason["code"]: reason for reason in (programme.matching or {}).get("reasons") or []
            if isinstance(reason, dict) and reason.get("code")}


def village_list(session, programme_code: str, village_code: str) -> dict:
    """The open entries of `programme_code`'s list for `village_code`, by name, with each member's household.

    Raises ProgrammeNotFound, or Invalid naming `village`.
    """
    programme, village_code = programme_of(session, programme_code), check_village(village_code)
    rows = session.execute(
        select(Person.nik, Person.name, Household.kk_number, Household.address,
               Household.address_rt, Household.address_rw, ListEntry.reasons, ListEntry.status)
        .join(Person, Person.id == ListEntry.person_id).outerjoin(Household, Household.id == Person.household_id)
        .where(ListEntry.programme_code == programme.code, ListEntry.village_code == village_code,
               ListEntry.removed_in.is_(None)).order_by(Person.name, Person.nik)).all()
    version = session.execute(select(ListVersion).where(
        ListVersion.programme_code == programme.code, ListVersion.village_code == village_code)
        .order_by(ListVersion.version.desc()).limit(1)).scalar()
    return {"programme": {"code": programme.code, "record": programme.record}, "village_code": village_code,
            "reasons": reason_names(programme), "version": version.version if version else None,
            "list_date": version.created_at if version else None,
            "members": [{"nik": row.nik, "name": row.name, "kk_number": row.kk_number, "address": row.address,
                         "rt": row.address_rt, "rw": row.address_rw, "status": row.status,
                         "reasons": lists.reason_codes(programme, row.reasons)} for row in rows]}


def decision(session, record_id: str, area: str | None = None) -> dict:
    """A decided application with its person and programme, for its letter.

    Raises ApplicationNotFound (also outside `area`), or ApplicationUndecided.
    """
    application = session.get(Application, record_id)
    if application is None or (area and not (application.village_code or "").startswith(area + ".")):
        raise ApplicationNotFound(record_id=record_id)
    if application.status not in DECISIONS:
        raise ApplicationUndecided(record_id=record_id, status=application.status or "")
    person = session.get(Person, application.person_id) if application.person_id is not None else None
    programme = session.get(Programme, application.programme_code or "")
    return {"record_id": application.record_id, "status": application.status,
            "status_date": application.status_date.isoformat() if application.status_date else "",
            "justification": application.justification, "village_code": application.village_code,
            "nik": person.nik if person else None, "name": person.name if person else None,
            "programme_code": application.programme_code,
            "programme": programme.record if programme else {"code": application.programme_code}}


def leaflet(session, programme_code: str) -> dict:
    """A programme's information for citizens, for its leaflet. Raises ProgrammeNotFound."""
    programme = programme_of(session, programme_code)
    return {"code": programme.code, "record": programme.record}


def guarantee_overview(session, guarantee: str) -> dict:
    """The active programmes of one guarantee of the Social Protection Floor, by code, for its one-page overview.
    Raises Invalid naming `guarantee`."""
    if guarantee not in values("guarantee"):
        raise Invalid([FieldError("guarantee", "print_guarantee", {"value": guarantee})])
    found = session.execute(select(Programme).where(Programme.guarantee == guarantee, Programme.active.is_(True))
                            .order_by(Programme.code)).scalars()
    return {"guarantee": guarantee, "programmes": [{"code": p.code, "record": p.record} for p in found]}
