"""What the hub holds about one person, read for the call centre and the verification worklist.

Reads only: the person, their household and its family card history, their applications and the open
inconsistencies between sources about their NIK, and `file(session, person)`, everything the call
centre's person page shows, from these and from `identity`, `matching` and `catalogue`.
"""

from sqlalchemy import select

from hub_server.models.population import Household, HouseholdKk, Inconsistency, Person
from hub_server.models.programmes import Application, Programme
from hub_server.services import catalogue, complaints, identity, matching
from schemas.sensitive import is_sensitive


def person(session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def household(session, person: Person) -> Household | None:
    return session.get(Household, person.household_id) if person.household_id else None


def card_history(session, household_id: int) -> list:
    """The household's family card (KK) numbers, the oldest first (one with no issue date before all)."""
    query = (select(HouseholdKk).where(HouseholdKk.household_id == household_id)
             .order_by(HouseholdKk.issued.nulls_first()))
    return list(session.execute(query).scalars())


def applications(session, person: Person) -> list:
    query = select(Application).where(Application.person_id == person.id).order_by(Application.record_id)
    return list(session.execute(query).scalars())


def open_inconsistencies(session, person: Person) -> list:
    query = select(Inconsistency).where(Inconsistency.nik == person.nik, Inconsistency.status == "open")
    return list(session.execute(query).scalars())


def file(session, person: Person, *, sees_sensitive: bool = False) -> dict:
    """Everything the call centre shows of a person, read while `session` is open.

    A sensitive case (`schemas.sensitive`) is listed only for whom `sees_sensitive` (a district admin);
    for others `complaints_withheld` counts them, without saying which."""
    found = household(session, person)
    made = identity.complaints_about(session, person)
    shown = [record for record in made if sees_sensitive or not is_sensitive(record.data)]
    return {"person": person, "household": found, "history": card_history(session, found.id) if found else [],
            "members": identity.household_of(session, person), "verdicts": matching.explain(session, person.id),
            "applications": applications(session, person),
            "complaints": complaints.with_state(session, shown), "complaints_withheld": len(made) - len(shown),
            "inconsistencies": open_inconsistencies(session, person),
            "programmes": catalogue.programmes(session, active_only=True)}


def programme_name(session, code: str | None) -> str | None:
    """A programme's name in the catalogue, for a page that shows it beside its code."""
    if not code:
        return None
    found = session.get(Programme, code)
    return found.name if found is not None else None
