"""Resolving an inconsistency between sources after a field check: the outcome reaches the population.

Open inconsistencies also go to the sub-district laptops, for their worklist (feed kind
"inconsistency", placed at the sub-district's code so that village laptops do not receive them):
`publish` after each import and each resolution, `feed_entries` reads them when a laptop pulls.

The sub-district checks in the field which source is right (DESIGN.md 2.1; SRS Table 4). An officer
records the outcome: for a disagreement on a person's name, date of birth or sex, the right value
(one of the sources' values, or a corrected one, checked by the same schemas as every form); for the
other kinds (a missing record, a family membership, a village the person moved from) what was
found. The document seen and a reason are always required. Then:

- the population takes the value, and keeps it over later extracts that still disagree
  (`DecidedValue`, applied again after each import: the sources' values stay in their own tables);
- the inconsistency closes (`resolved`) with who, when and why; an import whose sources say the same
  as when it was resolved does not open it again, one that says something new does;
- the audit log records the decision with the document and the reason.
"""

from sqlalchemy import select, update

from hub_server.errors import HubError, Invalid
from hub_server.models.population import DecidedValue, Inconsistency, Person
from hub_server.services import audit, record_store
from hub_server.services.imports.rows import name_key
from schemas.choices import values as choice_values
from schemas.errors import FieldError
from schemas.field_check import MIN_REASON, VALUE_FIELDS, value_errors
from schemas.records import schema_for


class InconsistencyNotOpen(HubError):
    status, code = 404, "inconsistency_not_open"


def field_of(kind: str) -> str | None:
    return VALUE_FIELDS.get(kind)


def get(session, inconsistency_id: int) -> Inconsistency | None:
    return session.get(Inconsistency, inconsistency_id)


def get_open(session, inconsistency_id: int) -> Inconsistency:
    found = session.get(Inconsistency, inconsistency_id)
    if found is None or found.status != "open":
        raise InconsistencyNotOpen(inconsistency_id=inconsistency_id)
    return found


def resolve(uow, inconsistency_id: int, *, user: str, document: str, reason: str, value=None) -> Inconsistency:
    """Close an inconsistency with the outcome of a field check. Raises Invalid (nothing changes) naming the
    field (`value`, `document`, `reason`), or InconsistencyNotOpen."""
    found = close(uow, get_open(uow.session, inconsistency_id), user=user, document=document, reason=reason,
                  value=value)
    uow.commit()
    return found


def close(uow, found: Inconsistency, *, user: str, document: str, reason: str, value=None) -> Inconsistency:
    """`resolve` within the caller's transaction (a field check synced from a sub-district laptop)."""
    session = uow.session
    field = field_of(found.kind)
    errors, typed = [], None
    if field is not None:
        typed, errors = value_errors(field, value, "value")
    if document not in choice_values("document"):
        errors.append(FieldError("document", "required" if not document else "choice",
                                 {"choices": list(choice_values("document"))}))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        errors.append(FieldError("reason", "required" if not reason else "text_too_short", {"min": MIN_REASON}))
    if errors:
        raise Invalid(errors)
    now = uow.now()
    if field is not None:
        _decide(session, found.nik, field, typed, user, now)
    found.status, found.closed_at, found.resolved_by = "resolved", now, user
    found.note = f"{document}: {reason}" + (f" ({field} = {typed})" if field is not None else "")
    publish(session, [found])  # the sub-district's laptops take it off their worklist
    audit.record(uow, f"user:{user}", "inconsistency.resolved", f"person:{found.nik}", inconsistency=found.id,
                 kind=found.kind, field=field, value=typed.isoformat() if hasattr(typed, "isoformat") else typed,
                 document=document, reason=reason, village=found.village_code)
    return found


def _decide(session, nik: str, field: str, value, user: str, now) -> None:
    person = session.execute(select(Person).where(Person.nik == nik)).scalar()
    if person is None:
        return
    setattr(person, field, value)
    if field == "name":
        person.name_key = name_key(value)
    stored = value.isoformat() if hasattr(value, "isoformat") else str(value)
    held = session.get(DecidedValue, (person.id, field))
    if held is None:
        session.add(DecidedValue(person_id=person.id, field=field, value=stored, decided_by=user, decided_at=now))
    else:
        held.value, held.decided_by, held.decided_at = stored, user, now


def apply_decided(session) -> int:
    """Give the people the values officers decided, over what an import just wrote. Returns how many."""
    rows = list(session.execute(select(DecidedValue)).scalars())
    fields = schema_for("person").fields
    for row in rows:
        checked = fields[row.field].check(row.value)
        if checked.ok:
            given = {row.field: checked.value, **({"name_key": name_key(checked.value)} if row.field == "name" else {})}
            session.execute(update(Person).where(Person.id == row.person_id).values(given))
    return len(rows)


# The sub-district laptops' worklist ----------------------------------------------------------------

def _sub_district(village_code: str | None) -> str | None:
    return ".".join(village_code.split(".")[:3]) if village_code and village_code.count(".") == 3 else None


def publish(session, items) -> None:
    """Put inconsistencies (opened, changed or closed) in the feed of their sub-district's laptops."""
    rows = [("inconsistency", str(item.id), _sub_district(item.village_code)) for item in items]
    record_store.publish(session, [row for row in rows if row[2]])


def publish_batch(session, batch_id: int, now) -> int:
    """After an import: every inconsistency it opened, changed or closed. Returns how many."""
    touched = list(session.execute(select(Inconsistency).where(
        (Inconsistency.last_batch_id == batch_id) | (Inconsistency.closed_at == now))).scalars())
    publish(session, touched)
    return len(touched)


def _when(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "inconsistency": {id: entry} with every source's value and the status."""
    found = session.execute(select(Inconsistency, Person.name).outerjoin(Person, Person.nik == Inconsistency.nik)
                            .where(Inconsistency.id.in_([int(ref) for ref in refs])))
    return {str(item.id): {"kind": "inconsistency", "table": "inconsistency", "id": str(item.id), "data": {
        "nik": item.nik, "name": name, "kind": item.kind, "village_code": item.village_code, "sources": item.sources,
        "status": item.status, "opened_at": _when(item.opened_at), "closed_at": _when(item.closed_at),
        "resolved_by": item.resolved_by, "note": item.note, "field": field_of(item.kind)}}
        for item, name in found}
