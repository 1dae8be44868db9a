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

from hub_server.models.population import Household, HouseholdKk, Person
from hub_server.models.records import ReceivedChangeSet, Record
from hub_server.services import record_status
from hub_server.services.imports.rows import name_key
from schemas.records import schema_for

CHUNK = 900
IDENTITY_FIELDS = ("name", "birth_date", "birth_place", "sex")
SOCIO_FIELDS = ("occupation", "education", "disability", "disability_severe", "monthly_income", "pregnant",
                "migration", "marital_status", "phone")
# What the village's record gives a resident the sources do not hold (identity, family, address).
VILLAGE_FIELDS = (*IDENTITY_FIELDS, "relationship", "address", "address_rt", "address_rw")
TYPED_FIELDS = (*VILLAGE_FIELDS, *SOCIO_FIELDS, "death_date")


def typed(values: dict) -> dict:
    """A village record's values as the schema reads them (money as integers, dates as dates).

    The sync path checked the record when it arrived; values kept as typed on a laptop ("1.250.000")
    are read here with each field's own check, one field at a time (cheap: no whole-record load). A
    value its field does not accept is left out; the record keeps it.
    """
    fields, found = schema_for("person").fields, {}
    for name in TYPED_FIELDS:
        value = values.get(name)
        if value is None or value == "":
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
            self.session.execute(insert(Household.__table__), [made.row for made in self.new])
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
    row.update(birth_date=as_date(row["birth_date"]), name_key=name_key(row["name"] or ""), village_code=village_code,
               socio_source="village", died_on=as_date(values.get("death_date")))
    return row


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
        village = state.village_code or state.values.get("village_code")
        row = {"nik": nik, "nik_status": "recorded", "in_ektp": False, "in_kk": False, "verification": "awaiting",
               "registered_record": state.record_id, "registered_village": state.village_code,
               "registered_device": who[state.record_id]["device_id"],
               "registered_officer": who[state.record_id]["officer"], "registered_at": now,
               **_values(typed_values[state.record_id], village)}
        placed.append((row, households.of(state.values, village)))
    households.flush()
    rows = [{**row, "household_id": _household_id(household)} for row, household in placed]
    session.execute(insert(Person.__table__), rows)  # one executemany; the ids read back by NIK (unique)
    ids = dict(_rows(session, lambda part: select(Person.nik, Person.id).where(Person.nik.in_(part)), list(newcomers)))
    joined = {row["nik"]: SimpleNamespace(**row, id=ids[row["nik"]]) for row in rows}
    record_status.publish(session, [(row["registered_record"], row["registered_village"]) for row in rows])
    return joined


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
