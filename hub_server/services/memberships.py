"""Enrolment: an approved application becomes a programme membership (docs/payments.md, "Memberships").

A membership holds the number on the member's card, its start and end, the BPJS Kesehatan class and
who pays the contribution, with the monthly contribution the catalogue says (`catalogue.contribution_terms`)
kept as it was at enrolment, so what was due in a month does not change when the catalogue does.
A programme without a contribution (PKH, JSLU, BPNT...) is paid for by the government of its level.
"""

import dataclasses
import datetime as dt
import re

from sqlalchemy import insert, or_, select

from hub_server.errors import FieldError, HubError, Invalid
from hub_server.models.payments import Membership, month_number
from hub_server.models.population import Person
from hub_server.models.programmes import Application, Programme
from hub_server.services import audit, catalogue, lists, membership_feed, paging

NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z./-]{0,31}$")
LEVEL_PAYERS = {"national": "state", "provincial": "province", "district": "district"}


class ApplicationNotApproved(HubError):
    """Only an approved application of a known person and programme becomes a membership."""

    status, code = 409, "application_not_approved"


class AlreadyEnrolled(HubError):
    status, code = 409, "already_enrolled"


@dataclasses.dataclass(frozen=True)
class Enrolment:
    """What the officer types: the card number, the dates, and who pays (None: the catalogue's first)."""

    number: str
    start: str
    end: str = ""
    payer: str = ""


def terms(programme: Programme) -> dict:
    """{"amount", "class", "payers"}: what a member of the programme owes monthly, its class, who may pay."""
    held = catalogue.contribution_terms(programme)
    if held is None:
        return {"amount": 0, "class": None, "payers": [LEVEL_PAYERS.get(programme.level, "state")]}
    monthly = held["amount"] if held["period"] == "monthly" else 0
    return {"amount": monthly, "class": held["class"], "payers": list(held["payers"])}


def _date(text: str, field: str, errors: list) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(FieldError(field, "date"))
        return None


def _checked(session, programme: Programme, form: Enrolment) -> tuple:
    errors, number = [], (form.number or "").strip()
    if not number:
        errors.append(FieldError("number", "required"))
    elif not NUMBER.match(number):
        errors.append(FieldError("number", "membership_number"))
    elif session.execute(select(Membership.id).where(Membership.programme_code == programme.code,
                                                     Membership.number == number)).first():
        errors.append(FieldError("number", "membership_number_used", {"number": number}))
    start, end = _date(form.start, "start", errors), _date(form.end, "end", errors)
    if start is None and not any(error.field == "start" for error in errors):
        errors.append(FieldError("start", "required"))
    if start and end and end < start:
        errors.append(FieldError("end", "end_before_start"))
    allowed = terms(programme)["payers"]
    payer = (form.payer or "").strip() or allowed[0]
    if payer not in allowed:
        errors.append(FieldError("payer", "choice", {"choices": ", ".join(allowed)}))
    if errors:
        raise Invalid(errors)
    return number, start, end, payer


def enrol(uow, application_id: str, form: Enrolment, *, user: str, area: str | None = None) -> Membership:
    """Make the membership of an approved application (in `area`, when given). Raises ApplicationNotApproved,
    AlreadyEnrolled, or Invalid naming each field and its rule (nothing is saved)."""
    session = uow.session
    application = session.get(Application, application_id)
    if application and area and not (application.village_code or "").startswith(area + "."):
        application = None  # outside the officer's sub-district: as if it did not exist
    programme = session.get(Programme, application.programme_code) if application and application.programme_code \
        else None
    if application is None or application.status != "approved" or application.person_id is None or not programme:
        raise ApplicationNotApproved(record_id=application_id)
    if session.execute(select(Membership.id).where(Membership.application_id == application_id)).first():
        raise AlreadyEnrolled(record_id=application_id)
    number, start, end, payer = _checked(session, programme, form)
    owed = terms(programme)
    membership = Membership(application_id=application_id, person_id=application.person_id,
                            nik=session.get(Person, application.person_id).nik or "",
                            programme_code=programme.code, village_code=application.village_code, number=number,
                            health_class=owed["class"], payer=payer, monthly_contribution=owed["amount"],
                            start_date=start, end_date=end, created_at=uow.now(), created_by=user)
    session.add(membership)
    session.flush()
    membership_feed.publish(session, [membership.id])
    audit.record(uow, f"user:{user}" if ":" not in user else user, "membership.enrolled",
                 f"membership:{membership.id}", programme=programme.code, number=number, payer=payer)
    uow.commit()
    return membership


def member_name(session, membership: Membership) -> str:
    """The enrolled person's name, as the population holds it."""
    return session.get(Person, membership.person_id).name


def add_roll(uow, members, *, start: dt.date, actor: str, chunk: int = 5000) -> int:
    """Enrol a membership roll in bulk (the generator's, or one BPJS gives the district): each member with
    `nik`, `programme`, `number`, `village_code`, `payer`, `monthly_contribution`; people are found by NIK
    (a member whose NIK no resident has is left out). Returns how many were enrolled."""
    session, added = uow.session, 0
    members, classes = list(members), {held.code: terms(held)["class"] for held in catalogue.programmes(session)}
    for first in range(0, len(members), chunk):
        part = members[first:first + chunk]
        people = dict(session.execute(select(Person.nik, Person.id).where(Person.nik.in_(
            sorted({member.nik for member in part})))).all())
        rows = [{"person_id": people[m.nik], "nik": m.nik, "programme_code": m.programme, "number": m.number,
                 "village_code": m.village_code, "payer": m.payer, "monthly_contribution": m.monthly_contribution,
                 "health_class": classes.get(m.programme), "start_date": start, "start_month": month_number(start),
                 "created_at": uow.now(),
                 "created_by": actor} for m in part if m.nik in people]
        if rows:
            session.connection().execute(insert(Membership.__table__), rows)  # Core: the ORM bulk path costs more
        added += len(rows)
        membership_feed.publish_people(session, [row["nik"] for row in rows])
    audit.record(uow, actor, "membership.roll_enrolled", "memberships", count=added)
    uow.commit()
    return added


SORTS = {"start": Membership.start_date, "programme": Membership.programme_code, "number": Membership.number,
         "village": Membership.village_code, "name": Person.name_key}


def page(session, order: paging.Order, *, programme_code: str | None = None, area: str | None = None,
         search: str = "") -> paging.Page:
    """Memberships with their person's name, newest start first unless sorted otherwise, a page at a time."""
    query = select(Membership, Person.name).join(Person, Person.id == Membership.person_id)
    if programme_code:
        query = query.where(Membership.programme_code == programme_code)
    if area:
        query = query.where(or_(Membership.village_code == area, Membership.village_code.startswith(area + ".")))
    if search.strip() and not search.strip().isdigit():
        query = query.where(*lists.typed_person(search))
    elif search.strip():
        typed = search.strip()
        query = query.where(or_(Membership.nik.startswith(typed), Membership.number.startswith(typed)))
    return paging.fetch(session, query, order, sorts=SORTS, default="start", tiebreak=Membership.id)


def awaiting_enrolment(session, order: paging.Order, *, programme_code: str | None = None,
                       area: str | None = None) -> paging.Page:
    """Approved applications without a membership yet, with the person's name and NIK, in a region."""
    enrolled = select(Membership.application_id).where(Membership.application_id.is_not(None))
    query = (select(Application, Person.name, Person.nik).join(Person, Person.id == Application.person_id)
             .where(Application.status == "approved", Application.problem.is_(None),
                    Application.record_id.not_in(enrolled)))
    if programme_code:
        query = query.where(Application.programme_code == programme_code)
    if area:
        query = query.where(Application.village_code.startswith(area + "."))
    return paging.fetch(session, query, order, sorts={"updated": Application.updated_at}, default="updated",
                        tiebreak=Application.record_id)
