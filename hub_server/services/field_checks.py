"""Field checks recorded offline on sub-district laptops, applied to the population as they arrive.

A `field_check` record (`schemas.field_check`) is a synced record like any other: the laptop wrote it
once, the hub keeps it. When one arrives the hub does what the district's own pages do, in the same
transaction as the change-set that carried it:

- an inconsistency between sources closes with the value found (`inconsistencies.close`);
- a resident a village registered is confirmed or refused (`verification.decide`).

The officer named on the record is who decided (with the device, in the audit log). An item someone
else decided first (the district at its pages, another laptop, an extract that now holds the NIK) is
left as decided: the check is kept, and its status tells the laptop who decided first
(`already_decided`). A check the hub cannot apply for any other reason (the value no longer fits) is
kept the same way with the rule, so nothing an officer recorded disappears.
"""

from sqlalchemy import select

from hub_server.errors import Invalid
from hub_server.models.population import FieldCheckOutcome, Inconsistency, Person
from hub_server.services import inconsistencies, record_status, verification


def apply(uow, states, made_by: dict) -> int:
    """Apply the field checks among a batch's new records; returns how many changed the population."""
    checks = [state for state in states if state.table == "field_check" and state.is_new]
    applied = 0
    for state in checks:
        applied += _apply_one(uow, state, made_by.get(state.record_id) or {})
    record_status.publish(uow.session, [(state.record_id, state.village_code) for state in checks])
    return applied


def _apply_one(uow, state, provenance: dict) -> int:
    data = {**state.initial, **state.values}
    officer = data.get("officer") or provenance.get("officer") or "?"
    user = f"{officer}@{provenance.get('device_id', '?')}"
    if data.get("inconsistency_id"):
        subject, target = "inconsistency", str(data["inconsistency_id"])
        decided_by = _resolve_inconsistency(uow, int(target), data, user)
    else:
        subject, target = "resident", str(data.get("person_id"))
        decided_by = _decide_resident(uow, target, data, user)
    uow.session.add(FieldCheckOutcome(record_id=state.record_id, village_code=state.village_code, subject=subject,
                                      target=target, outcome=data["outcome"], applied=decided_by is None,
                                      decided_by=decided_by, received_at=uow.now()))
    return 1 if decided_by is None else 0


def _resolve_inconsistency(uow, inconsistency_id: int, data: dict, user: str) -> str | None:
    """Close the inconsistency; None when done, else who had already closed it (or why it could not close)."""
    found = uow.session.get(Inconsistency, inconsistency_id)
    if found is None:
        return "unknown"
    if found.status != "open":
        return found.resolved_by or found.status
    try:  # close() checks everything before it changes anything
        inconsistencies.close(uow, found, user=user, document=data.get("document"), reason=data.get("reason"),
                              value=data.get("decided_value"))
    except Invalid as invalid:
        return "invalid:" + ",".join(f"{error.field}.{error.rule}" for error in invalid.errors)
    return None


def _decide_resident(uow, record_id: str, data: dict, user: str) -> str | None:
    """Confirm or refuse the resident a registration made; None when done, else who had decided first."""
    person = uow.session.execute(select(Person).where(Person.registered_record == record_id)
                                 .with_for_update()).scalar()
    if person is None:
        return "unknown"
    if person.verification != "awaiting":
        return person.verified_by or person.verification
    documents = [data["document"]] if data.get("document") else None
    verification.decide(uow, person, data["outcome"], user, data["reason"], documents)
    return None

