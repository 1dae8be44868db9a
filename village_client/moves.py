"""Moves: a household, or some of its members, move to another village of the district or out of it.

Within the district the records follow the people: each person's `village_code` changes (with migration
"in" and its date; a member moving alone leaves the household, which the new village attaches them to),
and the household's too when all of it moves. The hub hands the records to the new village's laptops;
this laptop keeps them, read-only, showing where they went. Out of the district the records stay here,
archived: migration "out", its date and `moved_to` (where they went). Either way the people leave this
village's beneficiary lists at the next matching run, with the reason shown.
"""

from sync_protocol.changeset import Operation
from village_client import outbox, records
from village_client.fieldrules import LocalError
from village_client.records import InvalidRecord, Officer


def movable_members(store, household_id: str) -> list:
    """The members who live in the household now (not died, not moved away)."""
    household = records.get_record(store, "household", household_id, field="household_id")
    return [row for row in store.db.query("SELECT * FROM person WHERE household_id = ? AND _deleted = 0 "
                                          "ORDER BY id", [household_id])
            if not row["death_date"] and row["migration"] != "out" and row["village_code"] == household["village_code"]]


def move(store, officer: Officer, household_id: str, *, moved_on: str, to_village: str = "", moved_to: str = "",
         member_ids=None) -> int:
    """Record that `member_ids` (default: every member living there) of a household moved on `moved_on`, to
    the village `to_village` of this district or to `moved_to` outside it. Returns the change-set's
    sequence number. Raises InvalidRecord naming the form's fields: `village_code` (the village moved
    to), `moved_to`, `migration_date` (the date), `members`; nothing is saved then."""
    household = records.get_record(store, "household", household_id, field="household_id")
    records.check_editable(store, household)
    living = movable_members(store, household_id)
    chosen = [row for row in living if member_ids is None or row["id"] in set(member_ids)]
    errors = _destination_errors(household, to_village, moved_to) + _date_errors(moved_on)
    if not chosen:
        errors.append(LocalError("members", "move_members"))
    if errors:
        raise InvalidRecord(errors)
    whole = len(chosen) == len(living)
    if to_village:
        changes = {"village_code": to_village, "migration": "in", "migration_date": moved_on}
        if not whole:
            changes["household_id"] = None  # moving alone: the new village places them in a household
    else:
        changes = {"migration": "out", "migration_date": moved_on, "moved_to": moved_to.strip()}
    clean = records.validate("person", {name: value for name, value in changes.items() if value is not None},
                             partial=True)
    changes = {name: clean.get(name) for name in changes}
    ops = [_update("person", row, changes) for row in chosen]
    if to_village and whole:
        ops.insert(0, _update("household", household, {"village_code": changes["village_code"]}))

    def build(db, device_id):
        named = [outbox.with_bases(db, op) for op in ops]  # the edits that made the values moved from
        for op in named:
            db[op.table].update(op.record_id, dict(op.fields))
        return None, named

    return records.save(store, officer, build)[1].seq


def _update(table: str, row: dict, changes: dict) -> Operation:
    changed = {name: value for name, value in changes.items() if row.get(name) != value}
    return Operation("update", table, row["id"], changed, {name: row.get(name) for name in changed})


def _destination_errors(household: dict, to_village: str, moved_to: str) -> list:
    to_village, moved_to = (to_village or "").strip(), (moved_to or "").strip()
    if bool(to_village) == bool(moved_to):
        return [LocalError("village_code", "move_destination")]
    if moved_to:
        return []
    try:
        to_village = records.validate("person", {"village_code": to_village}, partial=True)["village_code"]
    except InvalidRecord as invalid:
        return list(invalid.errors)
    here = household["village_code"] or ""
    if to_village == here:
        return [LocalError("village_code", "move_same_village")]
    if to_village.split(".")[:2] != here.split(".")[:2]:
        return [LocalError("village_code", "move_other_district")]
    return []


def _date_errors(moved_on: str) -> list:
    if not (moved_on or "").strip():
        return [LocalError("migration_date", "required")]
    try:
        records.validate("person", {"migration_date": moved_on}, partial=True)
    except InvalidRecord as invalid:
        return list(invalid.errors)
    return []
