"""Residents a village registers whom no extract holds: they join the synchronized population, in bulk.

`identity.check` calls `join` with the person records of a pushed batch whose NIK no one holds: each
becomes a `Person` awaiting verification, with the provenance of the registration (village, device,
officer, when it reached the hub) and a household (the one the sources hold for the family card the
village gave, else one made from the village's household record). `follow` gives such a resident the
values of later edits of the record that registered them, the only source there is until someone
verifies them.

A laptop's first push brings thousands of registrations at once, so everything here is done for the
whole batch with a few queries: the provenance, the households, one flush.
"""

import datetime as dt
from types import SimpleNamespace

from sqlalchemy import insert, select, update

from hub_server.models.population import Household, HouseholdKk, Person, ResidentRegistration
from hub_server.models.programmes import Application, ListCorrection
from hub_server.models.records import ReceivedChangeSet, Record
from hub_server.services import bulk_rows, record_status, record_store
from hub_server.services.imports.rows import name_key
from schemas.records import schema_for

CHUNK = 900
IDENTITY_FIELDS = ("name", "birth_date", "birth_place", "sex")
SOCIO_FIELDS = ("occupation", "education", "disability", "disability_severe", "monthly_income", "pregnant",
                "migration", "migration_date", "moved_to", "marital_status", "phone")
# What the village's record gives a resident the sources do not hold (identity, family, address).
VILLAGE_FIELDS = (*IDENTITY_FIELDS, "relationship", "address", "address_rt", "address_rw")
TYPED_FIELDS = (*VILLAGE_FIELDS, *SOCIO_FIELDS, "death_date")


def typed(values: dict, clean: dict | None = None) -> dict:
    """A village record's values as the schema reads them (money as integers, dates as dates).

    The sync path checked the record when it arrived; values kept as typed on a laptop ("1.250.000")
    are read here with each field's own check, one field at a time (cheap: no whole-record load). A
    value its field does not accept is left out; the record keeps it. `clean` is the record as its
    schema loaded it, when the caller holds it (a record the batch created): the values it holds are
    taken without a second check (blank text it reads as nothing is still read by the field).
    """
    fields, found, clean = schema_for("person").fields, {}, clean or {}
    for name in TYPED_FIELDS:
        value = values.get(name)
        if value is None or value == "":
            continue
        if clean.get(name) is not None:
            found[name] = clean[name]
            continue
        checked = fields[name].check(value)
        if checked.ok:
            found[name] = checked.value
    return found


def as_date(value):
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value if isinstance(value, dt.date) else None


def _rows(session, query_for, keys) -> list:
    keys, rows = list(keys), []
    for start in range(0, len(keys), CHUNK):
        rows += session.execute(query_for(keys[start:start + CHUNK])).all()
    return rows


def provenances(session, states, field: str = "nik", made_by: dict | None = None) -> dict:
    """{record id: {"device_id", "officer"}}: who stands behind each record's current `field`.

    The latest edit of the field when the merge kept one, else the change-set that created the record
    (from `made_by` when the caller holds it, else from the received change-sets).
    """
    found, created, made_by = {}, [], made_by or {}
    for state in states:
        edits = getattr(state, "edits", {}).get(field)
        if edits:
            found[state.record_id] = {"device_id": edits[-1].source.device_id, "officer": edits[-1].source.officer}
        elif state.record_id in made_by:
            found[state.record_id] = made_by[state.record_id]
        else:
            created.append(state.record_id)
    origin = {row.id: (row.created_by, row.created_seq) for row in _rows(
        session, lambda part: select(Record.id, Record.created_by, Record.created_seq).where(Record.id.in_(part)),
        created)}
    officers = {}
    for device in {device for device, _ in origin.values()}:
        seqs = {seq for made_by, seq in origin.values() if made_by == device}
        officers |= {(device, row.seq): row.officer for row in _rows(session, lambda part, d=device: select(
            ReceivedChangeSet.seq, ReceivedChangeSet.officer).where(ReceivedChangeSet.device_id == d,
                                                                   ReceivedChangeSet.seq.in_(part)), seqs)}
    for record_id in created:
        device, seq = origin.get(record_id, (None, None))
        found[record_id] = {"device_id": device, "officer": officers.get((device, seq))}
    return found


class _NewHousehold:
    """A household this batch makes; its id comes with `Households.flush`."""

    def __init__(self, row: dict, card: str | None):
        self.row, self.card, self.id = row, card, None


class Households:
    """The households of a batch of registrations: found by family card or village record, or made.

    `of(values, village)` returns a household id, or a `_NewHousehold` whose id `flush` gives.
    """

    def __init__(self, session, batch_values: list):
        self.session = session
        record_ids = {values.get("household_id") for values in batch_values} - {None, ""}
        self.records = {row.id: row.data or {} for row in _rows(
            session, lambda part: select(Record.id, Record.data).where(Record.id.in_(part)), record_ids)}
        cards = {values.get("kk_number") or self.records.get(values.get("household_id"), {}).get("kk_number")
                 for values in batch_values} - {None, ""}
        self.by_card = {row.kk_number: row.household_id for row in _rows(
            session, lambda part: select(HouseholdKk.kk_number, HouseholdKk.household_id).where(
                HouseholdKk.kk_number.in_(part)), cards)}
        self.by_record = {row.registered_record: (row.id, row.kk_number) for row in _rows(
            session, lambda part: select(Household.id, Household.registered_record, Household.kk_number).where(
                Household.registered_record.in_(part)), record_ids)}
        self.new: list = []
        self.carded: list = []  # (household id, card, the village household record's data): a card arrived

    def of(self, values: dict, village_code):
        record_id = values.get("household_id") or None
        data = self.records.get(record_id, {})
        card = values.get("kk_number") or data.get("kk_number") or None
        if card and card in self.by_card:
            return self.by_card[card]
        held = self.by_record.get(record_id)
        if isinstance(held, _NewHousehold):
            return held
        if held is not None:
            household_id, held_card = held
            if card and held_card is None:  # the village gave the household its family card now
                self.carded.append((household_id, card, data))
                self.by_record[record_id], self.by_card[card] = (household_id, card), household_id
            return household_id
        if not (card or record_id):
            return None  # neither a family card nor a household record: a person on their own
        made = _NewHousehold({"village_code": data.get("village_code") or village_code, "registered_record": record_id,
                              "kk_number": card, "kk_issue_date": _card_since(data, card),
                              "address": data.get("address") or values.get("address"),
                              "address_rt": data.get("address_rt") or values.get("address_rt"),
                              "address_rw": data.get("address_rw") or values.get("address_rw"),
                              "welfare_decile": data.get("welfare_decile")}, card)
        self.new.append(made)
        if record_id:
            self.by_record[record_id] = made
        if card:
            self.by_card[card] = made
        return made

    def flush(self) -> None:
        """Write the new households (ids returned in order) and every new card into the card history."""
        history = []
        if self.new:
            # One executemany, then the ids read back by the keys each new household has (its village
            # record or its card): RETURNING in parameter order would send the rows one at a time on PostgreSQL.
            bulk_rows.execute_many(self.session, insert(Household.__table__), [made.row for made in self.new])
            by_record = dict(_rows(self.session, lambda part: select(Household.registered_record, Household.id).where(
                Household.registered_record.in_(part)), {m.row["registered_record"] for m in self.new} - {None}))
            by_card = dict(_rows(self.session, lambda part: select(Household.kk_number, Household.id).where(
                Household.kk_number.in_(part)), {m.card for m in self.new} - {None}))
            for made in self.new:
                made.id = by_record.get(made.row["registered_record"]) or by_card[made.card]
                if made.card:
                    history.append({"kk_number": made.card, "household_id": made.id,
                                    "issued": made.row["kk_issue_date"], "batch_id": None})
        for household_id, card, data in self.carded:
            since = _card_since(data, card)
            self.session.execute(update(Household).where(Household.id == household_id).values(
                kk_number=card, kk_issue_date=since))
            history.append({"kk_number": card, "household_id": household_id, "issued": since, "batch_id": None})
        if history:  # a card is in a household's history without an import batch: a village recorded it
            self.session.execute(insert(HouseholdKk), history)
        self.new, self.carded = [], []


def _card_since(data: dict, card: str | None):
    return as_date(next((entry.get("since") for entry in data.get("kk_history") or []
                         if entry.get("kk_number") == card), None)) if card else None


def _household_id(value):
    return value.id if isinstance(value, _NewHousehold) else value


def _values(values: dict, village_code) -> dict:
    """The population's columns a village record gives (typed `values`)."""
    row = {field: values.get(field) for field in (*VILLAGE_FIELDS, *SOCIO_FIELDS)}
    row.update(birth_date=as_date(row["birth_date"]), migration_date=as_date(row["migration_date"]),
               name_key=name_key(row["name"] or ""), village_code=village_code, socio_source="village",
               died_on=as_date(values.get("death_date")))
    return row


def _person_row(state, nik, typed_values: dict, who: dict, now) -> dict:
    village = state.village_code or state.values.get("village_code")
    return {"nik": nik, "nik_status": "recorded" if nik else state.values.get("nik_status") or "newborn",
            "in_ektp": False, "in_kk": False, "verification": "awaiting",
            "registered_record": state.record_id, "registered_village": state.village_code,
            "registered_device": who[state.record_id]["device_id"],
            "registered_officer": who[state.record_id]["officer"], "registered_at": now,
            **_values(typed_values[state.record_id], village)}


def join(session, states, niks: dict, known: dict, typed_values: dict, now, made_by: dict | None = None) -> dict:
    """Add, awaiting verification, everyone whose NIK no one holds yet: {nik: what `identity.check` reads}.

    One INSERT for the households the batch makes and one for the people (ids returned in order):
    a first push brings thousands of registrations at once.
    """
    newcomers = {}
    for state in states:
        nik = niks[state.record_id]
        if nik is not None and nik not in known and nik not in newcomers:
            newcomers[nik] = state
    if not newcomers:
        return {}
    households = Households(session, [state.values for state in newcomers.values()])
    who = provenances(session, newcomers.values(), made_by=made_by)
    placed = []
    for nik, state in newcomers.items():
        row = _person_row(state, nik, typed_values, who, now)
        placed.append((row, households.of(state.values, row["village_code"])))
    households.flush()
    rows = [{**row, "household_id": _household_id(household)} for row, household in placed]
    bulk_rows.execute_many(session, insert(Person.__table__), rows)  # the ids read back by NIK (unique)
    ids = dict(_rows(session, lambda part: select(Person.nik, Person.id).where(Person.nik.in_(part)), list(newcomers)))
    joined = {row["nik"]: SimpleNamespace(**row, id=ids[row["nik"]]) for row in rows}
    record_status.publish(session, [(row["registered_record"], row["registered_village"]) for row in rows])
    return joined


# Newborns and others without a NIK yet ------------------------------------------------------------

def provisional(session, states) -> dict:
    """{record id: Person} of the residents without a NIK that records among `states` registered."""
    return {row[0].registered_record: row[0] for row in _rows(session, lambda part: select(Person).where(
        Person.registered_record.in_(part), Person.nik.is_(None)), [state.record_id for state in states])}


def join_without_nik(session, states, typed_values: dict, now, made_by: dict | None = None) -> list:
    """Add, awaiting verification, the people a village registered without a NIK (a newborn, or someone not
    yet registered with Dukcapil): known by the record that registered them until the NIK arrives.
    Returns the new rows."""
    if not states:
        return []
    households = Households(session, [state.values for state in states])
    who = provenances(session, states, made_by=made_by)
    placed = []
    for state in states:
        row = _person_row(state, None, typed_values, who, now)
        placed.append((row, households.of(state.values, row["village_code"])))
    households.flush()
    rows = [{**row, "household_id": _household_id(household)} for row, household in placed]
    bulk_rows.execute_many(session, insert(Person.__table__), rows)
    record_status.publish(session, [(row["registered_record"], row["registered_village"]) for row in rows])
    return rows


def name_provisional(session, waiting: dict, niks: dict, known: dict) -> list:
    """The NIK of a resident registered without one arrived from the village (`niks`: record id -> NIK now
    on the record): the resident takes it, or, when the population already holds that NIK (an extract
    brought it first), is merged into that person. Updates `known`; returns the merged (kept, merged) pairs."""
    merged = []
    for record_id, person in waiting.items():
        nik = niks.get(record_id)
        if nik is None:
            continue
        if nik in known:
            merge(session, person, known[nik])
            merged.append((known[nik], person))
        else:
            person.nik, person.nik_status = nik, "recorded"
            known[nik] = person
    if merged:
        session.flush()
    return merged


def merge(session, provisional_person: Person, person: Person) -> None:
    """Fold a resident registered without a NIK into the person their NIK names. What named the provisional
    resident (registrations, applications, corrections) names the person; the village's provenance is kept
    when the person has none; the provisional row goes (the village record and its history stay)."""
    old, new = provisional_person.id, person.id
    for model in (ResidentRegistration, Application, ListCorrection):
        session.execute(update(model).where(model.person_id == old).values(person_id=new))
    if person.registered_record is None:
        for name in ("registered_record", "registered_village", "registered_device", "registered_officer",
                     "registered_at"):
            setattr(person, name, getattr(provisional_person, name))
    session.delete(provisional_person)


def adopt_from_extract(session, user: str) -> int:
    """After an import: residents registered without a NIK whom the extracts now hold (same household, same
    date of birth, and the same name or the only such member of the same sex) are merged into that person,
    and the village record that registered them is given the NIK, so the village's laptops hear it.
    Returns how many were merged."""
    waiting = list(session.execute(select(Person).where(Person.nik.is_(None), Person.household_id.is_not(None))
                                   .order_by(Person.id)).scalars())
    if waiting:
        record_store.lock_writes(session)  # the village records get the NIK at a feed position of their own
    taken, adopted = set(), 0
    for newborn in waiting:
        candidates = [person for person in session.execute(select(Person).where(
            Person.household_id == newborn.household_id, Person.birth_date == newborn.birth_date,
            Person.nik.is_not(None), Person.registered_record.is_(None))).scalars() if person.id not in taken]
        person = _same_person(newborn, candidates)
        if person is None or session.execute(select(ResidentRegistration.record_id).where(
                ResidentRegistration.nik == person.nik).limit(1)).scalar() is not None:
            continue
        record_id, status = newborn.registered_record, newborn.nik_status
        merge(session, newborn, person)
        taken.add(person.id)
        session.flush()
        record_store.hub_edit(session, record_id, {"nik": (None, person.nik), "nik_status": (status, "recorded")},
                              user)
        session.execute(update(ResidentRegistration).where(ResidentRegistration.record_id == record_id)
                        .values(nik=person.nik, person_id=person.id))
        record_status.publish(session, [(record_id, person.registered_village)])
        adopted += 1
    return adopted


def _same_person(newborn: Person, candidates: list):
    named = [person for person in candidates if person.name_key == newborn.name_key]
    if len(named) == 1:
        return named[0]
    same_sex = [person for person in candidates if person.sex == newborn.sex]
    return same_sex[0] if len(same_sex) == 1 and not named else None


def follow(session, pairs: list, typed_values: dict) -> None:
    """Give residents no extract holds the values of later edits of the records that registered them.

    `pairs` are (Person, state) of such residents."""
    if not pairs:
        return
    households = Households(session, [state.values for _, state in pairs])
    placed = []
    for person, state in pairs:
        village = state.village_code or state.values.get("village_code")
        placed.append((person, _values(typed_values[state.record_id], village), households.of(state.values, village)))
    households.flush()
    for person, values, household in placed:
        for name, value in {**values, "household_id": _household_id(household)}.items():
            setattr(person, name, value)


def moved_here(person, state) -> bool:
    """A village recorded that a resident the extracts place elsewhere moved in (migration "in"): the
    village's word is the more current until Dukcapil's next family card says so too."""
    return (state.values.get("migration") == "in" and bool(state.village_code)
            and person.village_code != state.village_code)


def republish_moved(session, states) -> None:
    """A record that moved to another village takes its status there (its old village heard of the move)."""
    moved = [(state.record_id, state.village_code) for state in states
             if getattr(state, "held_village", None) not in (None, state.village_code)]
    record_status.publish(session, moved)


def household_cards(session, states) -> int:
    """A new family card a village records for a household: the household keeps its id, the card joins its
    history (without an import batch) and becomes its current card. Returns how many households changed.

    The household is the one the village's record made, else the one holding any card of the record's
    history. A card the population already gives another household is left to the extracts (the next
    family card extract settles it); nothing is overwritten.
    """
    records = [state for state in states if state.table == "household" and not state.values.get("_deleted")]
    changed = 0
    for state in records:
        values = state.values
        card = values.get("kk_number")
        if not card:
            continue
        history = [entry.get("kk_number") for entry in values.get("kk_history") or [] if entry.get("kk_number")]
        household = session.execute(select(Household).where(Household.registered_record == state.record_id)).scalar()
        if household is None and history:
            held = session.execute(select(HouseholdKk.household_id).where(HouseholdKk.kk_number.in_(history))
                                   .limit(1)).scalar()
            household = session.get(Household, held) if held is not None else None
        if household is None or household.kk_number == card:
            continue
        owner = session.execute(select(HouseholdKk.household_id).where(HouseholdKk.kk_number == card)).scalar()
        if owner not in (None, household.id):
            continue
        since = _card_since(values, card)
        if owner is None:
            session.execute(insert(HouseholdKk).values(kk_number=card, household_id=household.id, issued=since,
                                                       batch_id=None))
        household.kk_number, household.kk_issue_date = card, since
        changed += 1
    if changed:
        session.flush()
    return changed
