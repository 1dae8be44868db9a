"""Exports to the agencies: a programme's beneficiaries or applications, and the households the villages
propose for the national socio-economic registry (DTSEN), as rows of plain values, each export recorded
in the audit log with who made it and why.

Layouts (every column, its type and meaning, an example) are in docs/exports.md; the columns here are
their one definition. Values stay as they are, for another system to read: codes, ISO dates, integers,
true/false. `hub_server.reports.tables` writes the rows as CSV or XLSX.

A household the villages propose for DTSEN is one the sources did not hold: the hub made it from a
village's registration (`services.residents`), so no family card import ever named it (no row of
`household_kk_numbers` with an import batch). Its living members are listed, one line each.
"""

from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, select

from hub_server.errors import FieldError, Invalid
from hub_server.models.population import Household, HouseholdKk, Person
from hub_server.models.programmes import Application, ListEntry, ListVersion, Programme
from hub_server.services import audit, lists
from hub_server.services.reports import period
from schemas.region import region_name

KINDS = ("beneficiaries", "applications", "dtsen")
FORMATS = ("csv", "xlsx")
PERSON_COLUMNS = ("nik", "name", "birth_date", "sex", "kk_number", "address", "address_rt", "address_rw")
COLUMNS = {
    "beneficiaries": ("programme_code", "village_code", "village_name", *PERSON_COLUMNS, "list_status", "reasons",
                      "list_version", "listed_on", "application_status"),
    "applications": ("record_id", "programme_code", "village_code", "village_name", *PERSON_COLUMNS, "status",
                     "status_date", "justification", "pre_identified", "counted", "problem", "list_version"),
    "dtsen": ("household_id", "kk_number", "village_code", "village_name", "address", "address_rt", "address_rw",
              "welfare_decile", "head", "nik", "nik_status", "name", "birth_place", "birth_date", "sex",
              "relationship", "marital_status", "occupation", "education", "disability", "monthly_income",
              "verification", "registered_on"),
}
NEEDS_PROGRAMME = ("beneficiaries", "applications")
MAX_PURPOSE = 500  # a sentence or two for the audit log, not a letter


@dataclass(frozen=True)
class Export:
    kind: str
    area: str
    programme_code: str | None
    fmt: str
    columns: tuple
    rows: list  # one tuple per line, in `columns` order

    @property
    def file_name(self) -> str:
        parts = ["ekspor", self.kind, self.programme_code, self.area]
        return "-".join(part for part in parts if part) + f".{self.fmt}"


def make(uow, actor, *, kind: str, area: str, programme_code: str | None, fmt: str, purpose: str) -> Export:
    """The rows of one export, recorded in the audit log (who, what, where, why, how many) and committed.

    Raises Invalid naming each field that breaks its rule (nothing is read or recorded then), or
    Forbidden without `exports.make` or for an area outside the actor's.
    """
    actor.require("exports.make")
    session = uow.session
    kind, fmt, purpose = (kind or "").strip(), (fmt or "").strip(), (purpose or "").strip()
    programme_code = (programme_code or "").strip() or None
    where = _check(session, kind, area, programme_code, fmt, purpose)
    actor.require_area([where])
    rows = READERS[kind](session, where, programme_code)
    audit.record(uow, actor, "export.made", f"export:{kind}", kind=kind, programme=programme_code, area=where,
                 format=fmt, purpose=purpose, rows=len(rows))
    uow.commit()
    return Export(kind, where, programme_code if kind in NEEDS_PROGRAMME else None, fmt, COLUMNS[kind], rows)


def _check(session, kind: str, area: str, programme_code: str | None, fmt: str, purpose: str) -> str:
    """The area's code when every field keeps its rule. Raises Invalid listing every broken rule."""
    errors = []
    if kind not in KINDS:
        errors.append(FieldError("kind", "choice", {"choices": ", ".join(KINDS)}))
    if fmt not in FORMATS:
        errors.append(FieldError("format", "choice", {"choices": ", ".join(FORMATS)}))
    if kind in NEEDS_PROGRAMME and not programme_code:
        errors.append(FieldError("programme", "required"))
    elif kind in NEEDS_PROGRAMME and session.get(Programme, programme_code) is None:
        errors.append(FieldError("programme", "unknown_programme", {"codes": programme_code}))
    if not purpose:
        errors.append(FieldError("purpose", "required"))
    elif len(purpose) > MAX_PURPOSE:
        errors.append(FieldError("purpose", "max_length", {"max": MAX_PURPOSE}))
    try:
        where = period.area(area).code
    except Invalid as refusal:
        errors += refusal.errors
        where = None
    if errors:
        raise Invalid(errors)
    return where


def _in(column, area: str):
    return or_(column == area, column.startswith(area + "."))


def _person_values(row) -> tuple:
    return (row.nik, row.name, _iso(row.birth_date), row.sex, row.kk_number, row.address, row.address_rt,
            row.address_rw)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def beneficiaries(session, area: str, programme_code: str) -> list:
    """Open entries of the programme's lists in the area, by village then name."""
    programme = session.get(Programme, programme_code)
    decided = _applications_by_person(session, programme_code)
    rows = session.execute(
        select(ListEntry.village_code, ListEntry.person_id, ListEntry.reasons, ListEntry.status, ListVersion.version,
               ListVersion.created_at, *_person_columns())
        .join(Person, Person.id == ListEntry.person_id).outerjoin(Household, Household.id == Person.household_id)
        .join(ListVersion, ListVersion.id == ListEntry.added_in)
        .where(ListEntry.programme_code == programme_code, ListEntry.removed_in.is_(None),
               _in(ListEntry.village_code, area))
        .order_by(ListEntry.village_code, Person.name, Person.nik)).all()
    return [(programme_code, row.village_code, region_name(row.village_code), *_person_values(row), row.status,
             " ".join(lists.reason_codes(programme, row.reasons)), row.version, _iso(row.created_at.date()),
             decided.get(row.person_id)) for row in rows]


def _person_columns():
    return (Person.nik, Person.name, Person.birth_date, Person.sex, Household.kk_number, Person.address,
            Person.address_rt, Person.address_rw)


def _applications_by_person(session, programme_code: str) -> dict:
    """{person id: the status of their latest application that counts} for one programme."""
    rows = session.execute(select(Application.person_id, Application.status).where(
        Application.programme_code == programme_code, Application.problem.is_(None),
        Application.person_id.is_not(None)).order_by(Application.updated_at, Application.record_id))
    return dict(rows.all())


def applications(session, area: str, programme_code: str) -> list:
    """The programme's applications from villages of the area, counted or not, by village then name."""
    listed = {tuple(row) for row in session.execute(select(ListEntry.person_id, ListEntry.village_code).where(
        ListEntry.programme_code == programme_code, ListEntry.removed_in.is_(None), _in(ListEntry.village_code, area)))}
    rows = session.execute(
        select(Application, *_person_columns())
        .outerjoin(Person, Person.id == Application.person_id).outerjoin(Household, Household.id == Person.household_id)
        .where(Application.programme_code == programme_code, _in(Application.village_code, area))
        .order_by(Application.village_code, Person.name, Application.record_id)).all()
    return [(row.Application.record_id, programme_code, row.Application.village_code,
             region_name(row.Application.village_code or ""), *_person_values(row), row.Application.status,
             _iso(row.Application.status_date), row.Application.justification,
             (row.Application.person_id, row.Application.village_code) in listed, row.Application.problem is None,
             row.Application.problem, row.Application.list_version) for row in rows]


def dtsen(session, area: str, _programme_code=None) -> list:
    """Living members of the area's households that no source extract holds, by village, household, name."""
    from_source = exists().where(and_(HouseholdKk.household_id == Household.id, HouseholdKk.batch_id.is_not(None)))
    rows = session.execute(
        select(Household, Person).join(Person, Person.household_id == Household.id)
        .where(~from_source, _in(Household.village_code, area), Person.died_on.is_(None), Person.moved_to.is_(None),
               Person.verification != "refused")
        .order_by(Household.village_code, Household.id, Person.name)).all()
    return [_dtsen_line(row.Household, row.Person) for row in rows]


def _dtsen_line(household: Household, person: Person) -> tuple:
    return (household.id, household.kk_number, household.village_code, region_name(household.village_code or ""),
            household.address, household.address_rt, household.address_rw, household.welfare_decile,
            bool(person.nik and person.nik == household.head_nik) or person.relationship == "head", person.nik,
            person.nik_status, person.name, person.birth_place, _iso(person.birth_date), person.sex,
            person.relationship, person.marital_status, person.occupation, person.education, person.disability,
            person.monthly_income, person.verification,
            _iso(person.registered_at.date()) if person.registered_at else None)


READERS = {"beneficiaries": beneficiaries, "applications": applications, "dtsen": dtsen}
