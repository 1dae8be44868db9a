"""Village registrations against the synchronized NIK database, and finding a person for the call centre.

`check(session, states, now)` is called by the sync path after a batch is applied, with the person
records it created or changed.

A NIK that the synchronized population does not hold yet is a resident the registries missed, the
very person the SWS exists to find: they join the population at once (`Person.verification`
"awaiting", with the village, device, officer and time of the registration) and wait on the
verification worklist (`services/verification.py`), not in the conflict queue. Until someone
verifies them, the village's record is their only source: its later edits are their values.

Conflicts are opened (and sent to the devices of the village) for what people must decide:

- `identity_mismatch`: the name, date or place of birth, or sex disagrees with the synchronized
  population (the e-KTP's values; the family card's and the NIK's for someone without an e-KTP row),
  one conflict per field: sides [village value with device and officer, database value], base = the
  village value, which the record keeps until a person decides;
- `duplicate_resident`: the NIK is registered by another person record (of another village, or of
  the same village twice); the hub keeps one resident record per NIK.

Names are compared as `imports.rows.name_key` does (case, spaces and . , ' - do not count; every
letter does). A conflict already open for the same record, field and kind is updated rather than
opened again; one a person resolved in favour of the village value is not reopened while the value
stays. A registration without conflicts brings its socio-economic fields (occupation, schooling,
disability, income, pregnancy...) into the synchronized population, where they are the most current.
"""

from types import SimpleNamespace

from sqlalchemy import and_, or_, select, update

from hub_server.models.population import Person, ResidentRegistration
from hub_server.models.records import Conflict, Record
from hub_server.services import audit, bulk_rows, conflicts, lists, residents
from hub_server.services.imports.rows import name_key
from hub_server.services.residents import IDENTITY_FIELDS, SOCIO_FIELDS

UNVERIFIED = ("awaiting", "confirmed", "refused")  # registered by a village, not (yet) in an extract
SETTLED_UNKNOWN_NIK = ("NIK belum ada di data sumber: warga ini menunggu verifikasi, bukan konflik. / "
                       "NIK not in the source extracts: this resident awaits verification, not a conflict.")
CHUNK = 900


def normalized_nik(value) -> str | None:
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return digits if len(digits) == 16 else None


def _same(field: str, village, held) -> bool:
    if village in (None, "") or held in (None, ""):
        return True  # nothing to compare: a missing value is not a disagreement
    if field in ("name", "birth_place"):
        return name_key(str(village)) == name_key(str(held))
    if field == "birth_date":
        return str(village)[:10] == (held.isoformat() if hasattr(held, "isoformat") else str(held))
    return str(village) == str(held)


def _in_chunks(session, query_for, keys) -> list:
    keys, rows = list(keys), []
    for start in range(0, len(keys), CHUNK):
        rows += session.execute(query_for(keys[start:start + CHUNK])).all()
    return rows


def check(session, states, now, made_by: dict | None = None) -> list:
    """Register new residents and open or update identity conflicts for changed person records.

    `made_by` ({record id: {"device_id", "officer"}}) names who created the records the caller knows of
    (the sync path: the batch's change-sets), so that their provenance needs no query. Returns the
    conflicts touched."""
    people = [state for state in states if state.table == "person" and not state.values.get("_deleted")]
    if not people:
        return []
    niks = {state.record_id: normalized_nik(state.values.get("nik")) for state in people}
    known = {row[0].nik: row[0] for row in _in_chunks(
        session, lambda part: select(Person).where(Person.nik.in_(part)), set(filter(None, niks.values())))}
    others = _registrations_of(session, set(filter(None, niks.values())))
    typed = {state.record_id: residents.typed(state.values, getattr(state, "clean", None)) for state in people}
    waiting = residents.provisional(session, people)  # registered without a NIK earlier
    residents.name_provisional(session, waiting, niks, known)
    joined = residents.join(session, people, niks, known, typed, now, made_by or {})
    residents.join_without_nik(session, [state for state in people if niks[state.record_id] is None
                                         and state.record_id not in waiting and _provisional(state)],
                               typed, now, made_by or {})
    # Edits of a resident no extract holds are their values (death included); joined ones have them.
    edited = [(known[niks[state.record_id]], state) for state in people if niks[state.record_id] in known
              and _registered_here(known[niks[state.record_id]], state)]
    edited += [(waiting[state.record_id], state) for state in people
               if niks[state.record_id] is None and state.record_id in waiting]
    residents.follow(session, edited, typed)
    residents.republish_moved(session, [state for _, state in edited])
    known.update(joined)
    _register(session, people, niks, known, now, others)
    if joined:  # corrections and applications that named them count now
        lists.absorb_waiting_for_people(session, now)
    touched = []
    for state in people:
        nik = niks[state.record_id]
        if nik is None:
            continue
        person = known.get(nik)
        own = person is not None and _registered_here(person, state)
        if person is not None and not own:  # a death the village records: the extracts never say it
            person.died_on = residents.as_date(typed[state.record_id].get("death_date"))
            if residents.moved_here(person, state):
                person.village_code = state.village_code
        found = _findings(state, nik, None if own else person, others.get(nik, []))
        touched += [_open(session, state, field, kind, sides, now) for kind, field, sides in found]
        if not found and person is not None and not own:
            _absorb(session, person, typed[state.record_id])
    touched = [conflict for conflict in touched if conflict is not None]
    session.flush()
    conflicts.publish(session, touched)
    return touched


def _provisional(state) -> bool:
    """A record of someone without a NIK yet (a newborn, or not registered with Dukcapil)."""
    return state.values.get("nik_status") in ("newborn", "unregistered")


def _registered_here(person: Person, state) -> bool:
    """The resident exists only through this village record (no extract holds them yet)."""
    return person.verification in UNVERIFIED and person.registered_record == state.record_id


def recheck_registrations(session, record_ids, now) -> list:
    """Check again the village records that registered `record_ids` (after an extract verified them)."""
    records = [r[0] for r in _in_chunks(session, lambda part: select(Record).where(Record.id.in_(part)), record_ids)]
    states = [SimpleNamespace(table="person", record_id=record.id, values=record.data,
                              village_code=record.village_code) for record in records]
    return check(session, states, now)


def settle_unknown_niks(uow) -> int:
    """Hubs before residents joined at once kept an unknown NIK as a conflict: make each such person a
    resident awaiting verification, and close the conflict (the laptops hear of it). Returns how many."""
    session = uow.session
    held = list(session.execute(select(Conflict).where(Conflict.kind == "unknown_nik",
                                                       Conflict.status == "open")).scalars())
    if not held:
        return 0
    now = uow.now()
    recheck_registrations(session, [conflict.record_id for conflict in held], now)
    for conflict in held:
        conflict.status, conflict.resolution, conflict.resolved_at = "resolved", conflict.base, now
        conflict.resolved_by, conflict.reason = "hub", SETTLED_UNKNOWN_NIK
    conflicts.publish(session, held)
    audit.record(uow, "hub", "conflicts.unknown_nik_settled", "", conflicts=[conflict.id for conflict in held])
    uow.commit()
    return len(held)


def _registrations_of(session, niks: set) -> dict:
    found = {}
    for registration in _in_chunks(session, lambda part: select(ResidentRegistration).where(
            ResidentRegistration.nik.in_(part)), niks):
        found.setdefault(registration[0].nik, []).append(registration[0])
    return found


def _register(session, people, niks: dict, known: dict, now, by_nik: dict) -> None:
    """Remember which record registers which NIK (the duplicate check and list corrections read it); `updated_at`
    says when its NIK, village or person last changed.

    In bulk: one insert for the new ones (a first push brings thousands of registrations at once). The rows
    that exist are those `by_nik` ({NIK: registrations}, read for the duplicate check) holds for a record whose
    NIK is unchanged; the others, one query.
    """
    existing = {registration.record_id: registration for rows in by_nik.values() for registration in rows}
    elsewhere = [state.record_id for state in people if state.record_id not in existing]
    existing.update({row[0].record_id: row[0] for row in _in_chunks(session, lambda part: select(
        ResidentRegistration).where(ResidentRegistration.record_id.in_(part)), elsewhere)})
    new_rows = []
    for state in people:
        nik = niks[state.record_id]
        values = {"nik": nik, "village_code": state.village_code, "updated_at": now,
                  "person_id": known[nik].id if nik in known else None}
        row = existing.get(state.record_id)
        if row is None:
            new_rows.append({"record_id": state.record_id, **values})
        elif (row.nik, row.village_code, row.person_id) != (nik, state.village_code, values["person_id"]):
            for name, value in values.items():  # an edit of the phone or address changes none of these
                setattr(row, name, value)
    if new_rows:
        bulk_rows.execute_many(session, ResidentRegistration.__table__.insert(), new_rows)


def _findings(state, nik: str, person: Person | None, registrations: list) -> list:
    """[(kind, field, database side)] of one registration; `person` is the one it is compared with."""
    found = []
    if person is not None:
        source = "ektp" if person.in_ektp else "kk" if person.in_kk else "village"
        for field in IDENTITY_FIELDS:
            held = getattr(person, field)
            if not _same(field, state.values.get(field), held):
                value = held.isoformat() if hasattr(held, "isoformat") else held
                found.append(("identity_mismatch", field, {"value": value, "source": source}))
    for other in registrations:
        if other.record_id != state.record_id:
            found.append(("duplicate_resident", "nik", {"value": nik, "source": "village", "record": other.record_id,
                                                        "village_code": other.village_code}))
    return found


def _provenance(session, state, field: str) -> dict:
    """The device and officer behind the village's current value of `field`."""
    return residents.provenances(session, [state], field)[state.record_id]


def _open(session, state, field: str, kind: str, other_side: dict, now) -> Conflict | None:
    if kind == "identity_mismatch":
        village_value = state.values.get(field)
    else:  # duplicate_resident: about the NIK itself
        village_value = normalized_nik(state.values.get("nik"))
    village_side = {"value": village_value, "source": "village", "record": state.record_id,
                    "village_code": state.village_code, **_provenance(session, state, field)}
    same_kind = select(Conflict).where(Conflict.record_id == state.record_id, Conflict.field == field,
                                       Conflict.kind == kind)
    held = session.execute(same_kind.where(Conflict.status == "open")).scalar()
    settled = session.execute(same_kind.where(Conflict.status == "resolved")).scalars()
    if held is None and any(conflict.resolution == village_value for conflict in settled):
        return None  # a person already kept this value
    if held is None:
        held = Conflict(kind=kind, table_name="person", record_id=state.record_id, field=field, status="open",
                        opened_at=now, base=village_value, sides=[village_side, other_side])
        session.add(held)
    held.village_code, held.base, held.sides = state.village_code, village_value, [village_side, other_side]
    return held


def _absorb(session, person: Person, values: dict) -> None:
    """A village's socio-economic values (typed) are the most current the hub has: they win over extracts."""
    given = {field: values[field] for field in SOCIO_FIELDS if values.get(field) is not None}
    if given:
        session.execute(update(Person).where(Person.id == person.id).values(**given, socio_source="village"))


# The call centre's look-ups --------------------------------------------------------------------------

def find_people(session, text: str, limit: int = 50) -> list:
    """People by NIK (all 16 digits) or by name (every word, in any order; case and punctuation ignored)."""
    nik = normalized_nik(text)
    if nik:
        return list(session.execute(select(Person).where(Person.nik == nik)).scalars())
    words = name_key(text or "").split()
    if not words:
        return []
    query = select(Person).where(*[Person.name_key.contains(word, autoescape=True) for word in words])
    return list(session.execute(query.order_by(Person.name_key, Person.id).limit(limit)).scalars())


def household_of(session, person: Person) -> list:
    if person.household_id is None:
        return [person]
    return list(session.execute(select(Person).where(Person.household_id == person.household_id)
                                .order_by(Person.birth_date.nulls_last(), Person.id)).scalars())


def registrations_of(session, person: Person) -> list:
    return list(session.execute(select(ResidentRegistration).where(or_(
        ResidentRegistration.person_id == person.id, ResidentRegistration.nik == person.nik))).scalars())


def complaints_about(session, person: Person) -> list:
    """Complaint records made by this person (through a village registration, or by name in their village)."""
    record_ids = [registration.record_id for registration in registrations_of(session, person)]
    by_record = Record.data["complainant_person_id"].as_string().in_(record_ids or [""])
    by_name = and_(Record.data["complainant_name"].as_string() == person.name,
                   Record.village_code == person.village_code)
    return list(session.execute(select(Record).where(Record.table_name == "complaint", or_(by_record, by_name))
                                .order_by(Record.id)).scalars())
