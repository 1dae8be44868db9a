"""The verification worklist: residents a village registered whom no source extract holds yet.

A village registration whose NIK the synchronized population does not hold makes that person a
resident at once (`identity.check`), with `Person.verification` "awaiting". Here an officer

- confirms them (`confirm`) from the documents seen (family card, e-KTP, birth certificate...), with a
  reason: "confirmed", counted by matching like anyone the sources hold;
- or refuses them (`refuse`) with a justification the village is told: "refused", no longer counted.

An extract (e-KTP or family card) that later holds the NIK verifies the person by itself
(`verified_by_extract`, called by the import): "source"; the village's values are then compared
with the extract's, and a disagreement is an identity conflict in the conflict queue. Every decision
is in the audit log with who, when and why.
"""

import datetime as dt

from sqlalchemy import func, or_, select, update

from hub_server.errors import FieldError, HubError, Invalid
from hub_server.models.population import Person
from hub_server.services import audit, identity, lists, paging, record_status
from schemas.application import MIN_JUSTIFICATION
from schemas.choices import values as choice_values

STATUSES = ("awaiting", "confirmed", "refused", "source")
# Documents that establish who someone is and where they live (the catalogue's document vocabulary).
IDENTITY_DOCUMENTS = ("kk", "ktp", "birth_certificate", "village_letter")
SORTS = {"registered": Person.registered_at, "name": Person.name_key, "village": Person.village_code,
         "nik": Person.nik}


class VerificationNotOpen(HubError):
    """No resident awaiting verification has this id (unknown, or already decided)."""

    status, code = 409, "verification_not_open"


def _in_area(query, area: str | None):
    """Within a region code prefix (a sub-district's or a village's)."""
    if area:
        query = query.where(or_(Person.village_code == area, Person.village_code.startswith(area + ".")))
    return query


def worklist(session, *, status: str = "awaiting", area: str | None = None, search: str = "",
             sort: str = "registered", descending: bool = False, page: int = 1,
             per_page: int = 50) -> paging.Page:
    """Village-registered residents of one verification status, a page at a time (`items`: people)."""
    status = status if status in STATUSES else "awaiting"
    query = _in_area(select(Person).where(Person.verification == status), area)
    if status == "source":  # verified by an extract: only those a village registered first
        query = query.where(Person.registered_record.is_not(None))
    words = identity.name_key(search or "").split()
    if identity.normalized_nik(search):
        query = query.where(Person.nik == identity.normalized_nik(search))
    elif words:
        query = query.where(*[Person.name_key.contains(word, autoescape=True) for word in words])
    return paging.fetch(session, query, paging.Order(sort, descending, page, per_page), sorts=SORTS,
                        default="registered", tiebreak=Person.id)


def counts(session, area: str | None = None) -> dict:
    """{status: people} of village-registered residents (every status, zero included)."""
    query = _in_area(select(Person.verification, func.count()).where(
        Person.registered_record.is_not(None)).group_by(Person.verification), area)
    found = dict(session.execute(query).all())
    return {status: found.get(status, 0) for status in STATUSES}


def awaiting_count(session, area: str | None = None) -> int:
    """Residents awaiting verification in a region: `counts(...)["awaiting"]` read through the index on
    (verification, village_code) alone (only a village's registration awaits), so a district's is instant."""
    query = _in_area(select(func.count()).select_from(Person).where(Person.verification == "awaiting"), area)
    return session.execute(query).scalar()


def _open_person(session, person_id: int) -> Person:
    person = session.execute(select(Person).where(Person.id == person_id).with_for_update()).scalar()
    if person is None or person.verification != "awaiting":
        raise VerificationNotOpen(person_id=person_id)
    return person


def _reason_errors(field: str, text: str) -> list:
    text = (text or "").strip()
    if not text:
        return [FieldError(field, "required")]
    if len(text) < MIN_JUSTIFICATION:
        return [FieldError(field, "text_too_short", {"min": MIN_JUSTIFICATION})]
    return []


def confirm(uow, person_id: int, *, user: str, documents, reason: str) -> Person:
    """Confirm a resident from the documents seen. Raises Invalid (nothing changes) or VerificationNotOpen."""
    documents = [code for code in dict.fromkeys(documents or []) if code]
    errors = _reason_errors("reason", reason)
    allowed = choice_values("document")
    if not documents:
        errors.append(FieldError("documents", "required"))
    elif any(code not in allowed for code in documents):
        errors.append(FieldError("documents", "choice", {"choices": list(allowed)}))
    if errors:
        raise Invalid(errors)
    person = _open_person(uow.session, person_id)
    decide(uow, person, "confirmed", user, reason, documents)
    uow.commit()
    return person


def refuse(uow, person_id: int, *, user: str, justification: str) -> Person:
    """Refuse a registration with a justification the village is told. Raises Invalid or VerificationNotOpen."""
    errors = _reason_errors("justification", justification)
    if errors:
        raise Invalid(errors)
    person = _open_person(uow.session, person_id)
    decide(uow, person, "refused", user, justification, None)
    uow.commit()
    return person


def decide(uow, person: Person, status: str, user: str, note: str, documents) -> None:
    """Confirm or refuse an awaiting resident within the caller's transaction (checked by the caller)."""
    person.verification, person.verified_by, person.verified_at = status, user, uow.now()
    person.verification_note, person.verification_documents = note.strip(), documents
    record_status.publish(uow.session, [(person.registered_record, person.registered_village)])
    lists.reabsorb_for_person(uow.session, person.id, uow.now())  # what named them counts, or no longer does
    audit.record(uow, f"user:{user}", f"resident.{status}", f"person:{person.nik}", record=person.registered_record,
                 village=person.village_code, documents=documents, reason=person.verification_note)


def verified_by_extract(session, batch_id: int, now: dt.datetime) -> int:
    """Residents a village registered whom the extracts now hold: verified by the source.

    Their registrations are checked again against the extract's values (identity conflicts). Returns
    how many were verified.
    """
    found = session.execute(select(Person.id, Person.registered_record, Person.registered_village).where(
        Person.verification.in_(identity.UNVERIFIED), or_(Person.in_ektp.is_(True), Person.in_kk.is_(True)))).all()
    if not found:
        return 0
    ids = [row.id for row in found]
    for start in range(0, len(ids), identity.CHUNK):
        session.execute(update(Person).where(Person.id.in_(ids[start:start + identity.CHUNK])).values(
            verification="source", verified_by=f"import:{batch_id}", verified_at=now))
    identity.recheck_registrations(session, [row.registered_record for row in found if row.registered_record], now)
    record_status.publish(session, [(row.registered_record, row.registered_village) for row in found
                                    if row.registered_record])
    return len(found)
