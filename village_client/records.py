"""Saving what officers enter: validate, then write the records and their change-set together.

This is the one place where the laptop validates records (forms, CLI commands and the CSV import
all call it), through `schemas`, the definition shared with the hub; and the one place that turns
a saved form into a change-set. Each save function:

1. validates every value (`InvalidRecord` lists each failing field with its rule; nothing is written);
2. in ONE transaction, writes the records and appends the change-set that describes them, naming
   the logged-in officer; a killed process leaves both or neither.

Updates carry, for each changed field, the value the officer saw when the form was shown
(`before`), never a clock: the hub detects conflicting edits from it; and, where the laptop knows it,
the edit that produced that value (`outbox.with_bases`), so a field that returns to an earlier value
never absorbs a later edit (docs/protocol.md §13).
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from schemas import SCHEMAS, ValidationFailure, dump_record
from schemas.choices import bilingual
from schemas.records import clean_record
from schemas.region import region_name
from schemas.roles import refusal
from sync_protocol.changeset import Operation
from sync_protocol.scope import Scope
from village_client import lists, outbox
from village_client.errors import VillageError
from village_client.fieldrules import LocalError
from village_client.store import insert_row, insert_rows, update_row

PERSON_FROM_HOUSEHOLD = ("kk_number", "address_rt", "address_rw", "village_code")
PLACEHOLDER_ID = "aaaaaaaaaa-1"  # ids are made inside the saving transaction; validation needs one


@dataclass(frozen=True)
class Officer:
    """The person logged in: every change-set names them."""

    username: str
    full_name: str
    role: str


class InvalidRecord(VillageError):
    """Input that breaks a rule; `errors` lists errors with field, rule, params and message(lang)."""

    status, code = 400, "invalid"

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(f"{error.field}: {error.rule}" for error in self.errors))

    def as_dicts(self, lang: str = "id") -> list:
        return [error.as_dict(lang) for error in self.errors]


@dataclass(frozen=True)
class Prefixed:
    """An error of a record inside a form of several (`members.2.nik`), worded as for the record alone."""

    prefix: str
    error: object

    @property
    def field(self) -> str:
        return self.prefix + self.error.field

    @property
    def rule(self) -> str:
        return self.error.rule

    @property
    def params(self) -> dict:
        return dict(self.error.params)

    def message(self, lang: str = "id") -> str:
        return self.error.message(lang)

    def as_dict(self, lang: str = "id") -> dict:
        return {"field": self.field, "rule": self.rule, "message": self.message(lang)}


@cache
def fields_of(table: str) -> tuple:
    """The field names of a record kind, as `schemas` defines them (without `id`)."""
    return tuple(name for name in SCHEMAS[table]().load_fields if name != "id")


def validate(table: str, data: dict, *, partial: bool = False, prefix: str = "") -> dict:
    """Clean, JSON-ready values of the fields given. Raises InvalidRecord naming each field and rule."""
    given = {name: value for name, value in data.items() if name != "id"}
    try:
        clean = clean_record(table, given if partial else {"id": PLACEHOLDER_ID, **given}, partial=partial)
    except ValidationFailure as failure:
        raise InvalidRecord([Prefixed(prefix, e) if prefix else e for e in failure.errors]) from None
    dumped = dump_record(table, clean)
    return {name: value for name, value in dumped.items()
            if name != "id" and (name in given or (not partial and value is not None))}


def check_scope(store, village_code: str | None, field: str = "village_code") -> None:
    """Refuse a village outside the laptop's enrolled scope here, before the hub has to."""
    _check_scope_of(store.device(), village_code, field)


def _check_scope_of(device: dict, village_code: str | None, field: str = "village_code") -> None:
    scope = device["scope"]
    if scope and village_code and not Scope(tuple(scope)).covers(village_code):
        raise InvalidRecord([LocalError(field, "out_of_scope", {"scope": ", ".join(scope)})])


def check_editable(store, row: dict) -> None:
    """Refuse to change a record that moved to a village outside this laptop's scope: it is that village's now."""
    scope = store.device()["scope"]
    if scope and row.get("village_code") and not Scope(tuple(scope)).covers(row["village_code"]):
        code = row["village_code"]
        where = f"{region_name(code) or code} ({code})"
        raise InvalidRecord([LocalError("village_code", "moved_away", {"village": where})])


def get_record(store, table: str, record_id: str, field: str = "id") -> dict:
    """The stored row. Raises InvalidRecord(`field`, not_found)."""
    rows = list(store.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]))
    if not rows:
        raise InvalidRecord([LocalError(field, "not_found")])
    return rows[0]


def save(store, officer: Officer, build) -> tuple:
    """Run `build(db, device_id)` -> (result, ops) and append its change-set, in one transaction."""
    device = store.device()
    with store.transaction() as db:
        result, ops = build(db, device["device_id"])
        check_role(officer, ops)  # raising here rolls back what `build` wrote
        ops = announcement(db, officer.username, device) + list(ops)
        changeset = outbox.append(db, device["device_id"], officer.username, ops)
    return result, changeset


def announcement(db, username: str, device) -> list:
    """The officer's record (name and role, never the PIN), at the head of their first change-set once the
    laptop's area is known, so the hub can check each change-set against its officer's role."""
    if not device["scope"]:
        return []
    row = next(iter(db.query("SELECT * FROM officer WHERE username = ? AND record_id IS NULL", [username])), None)
    if row is None:
        return []
    # Not from the record counter: the ids of the records an officer makes do not depend on it.
    record_id = f"{device['device_id']}-officer-{hashlib.sha256(row['username'].encode()).hexdigest()[:12]}"
    db["officer"].update(row["username"], {"record_id": record_id})
    return [Operation("create", "officer", record_id, {
        "username": row["username"], "full_name": row["full_name"], "role": row["role"],
        "village_code": device["scope"][0], "active": bool(row["active"])})]


def check_role(officer: Officer, ops) -> None:
    """Refuse operations the officer's role may not record (`schemas.roles`), naming the field."""
    refused = [error for error in (refusal(officer.role, op.table, op.kind, op.fields) for op in ops) if error]
    if refused:
        raise InvalidRecord(refused[:1])


def _creation(table: str, record_id: str, values: dict, kind: str = "create") -> Operation:
    """The operation creating a record with these values (those left empty are not sent)."""
    return Operation(kind, table, record_id, {name: value for name, value in values.items() if value is not None})


def _create(db, table: str, record_id: str, values: dict, kind: str = "create") -> Operation:
    op = _creation(table, record_id, values, kind)
    insert_row(db, table, {"id": record_id, **op.fields})
    return op


create_op = _create  # for modules that build their own change-sets (village_client.field_checks)


def register_household(store, officer: Officer, household: dict, members: list) -> tuple:
    """Register a household and its members (the first is the head) as one change-set.

    Returns (household id, [person ids]). Raises InvalidRecord; member errors are named
    `members.<n>.<field>`.
    """
    return save_household(store, officer, *check_household(household, members))


def check_household(household: dict, members: list) -> tuple:
    """(clean household, [clean members]) of a household form; each member takes the household's KK number,
    RT, RW and village where it leaves them empty. Raises InvalidRecord naming every field, members'
    `members.<n>.<field>`."""
    errors, clean_household = [], {}
    try:
        clean_household = validate("household", household)
    except InvalidRecord as invalid:
        errors.extend(invalid.errors)
    inherited = {name: household.get(name) for name in PERSON_FROM_HOUSEHOLD if household.get(name) not in (None, "")}
    clean_members = []
    for index, member in enumerate(members):
        try:
            clean_members.append(validate("person", {**inherited, **_filled(member)}, prefix=f"members.{index}."))
        except InvalidRecord as failure:
            # A value the member takes from the household is reported once, on the household's field.
            errors.extend(e for e in failure.errors if e.field.rsplit(".", 1)[1] not in PERSON_FROM_HOUSEHOLD
                          or _filled(member).get(e.field.rsplit(".", 1)[1]))
    if not members:
        errors.append(LocalError("members.0.name", "members_required"))
    if errors:
        raise InvalidRecord(errors)
    return clean_household, clean_members


def save_household(store, officer: Officer, clean_household: dict, clean_members: list) -> tuple:
    """Save a household and its members as `check_household` cleaned them: (household id, [person ids]).
    Raises InvalidRecord for a village out of scope or the role."""
    saved = save_households(store, officer, [(clean_household, clean_members)])[0]
    if isinstance(saved, InvalidRecord):
        raise saved
    return saved


def save_households(store, officer: Officer, households: list) -> list:
    """Save households as `check_household` cleaned them, each with its members as one change-set, all in one
    transaction and a few statements (a CSV file brings thousands). For each (clean household, [clean members]),
    in order: (household id, [person ids]), or the InvalidRecord that refused it (its village outside the
    laptop's scope, or the officer's role), with nothing of it saved."""
    device = store.device()
    saved, accepted = [], []
    for clean_household, clean_members in households:
        try:
            _check_scope_of(device, clean_household["village_code"])
            check_role(officer, _household_plan(clean_household, clean_members))  # before the ids are drawn
        except InvalidRecord as refused:
            saved.append(refused)
            continue
        accepted.append(len(saved))
        saved.append(None)
    if not accepted:
        return saved
    with store.transaction() as db:
        ids = iter(outbox.next_record_ids(db, device["device_id"],
                                          sum(1 + len(households[index][1]) for index in accepted)))
        ops_lists, rows = [], {"household": [], "person": []}
        for index in accepted:
            clean_household, clean_members = households[index]
            household_id, person_ids = next(ids), [next(ids) for _ in clean_members]
            ops = _household_ops(household_id, person_ids, clean_household, clean_members)
            for op in ops:
                rows[op.table].append({"id": op.record_id, **op.fields})
            ops_lists.append(ops)
            saved[index] = (household_id, person_ids)
        for table, table_rows in rows.items():
            insert_rows(db, table, table_rows)
        ops_lists[0] = announcement(db, officer.username, device) + ops_lists[0]
        outbox.append_many(db, device["device_id"], officer.username, ops_lists)
    return saved


def _household_ops(household_id: str, person_ids: list, clean_household: dict, clean_members: list,
                   make=None) -> list:
    """The creation of a household (its head the first member) and of each member, as one change-set's operations
    (`make(table, record id, values)`: `_creation` unless said)."""
    make = make or _creation
    return [make("household", household_id, {**clean_household, "head_person_id": person_ids[0]}),
            *[make("person", person_id, {**member, "household_id": household_id})
              for person_id, member in zip(person_ids, clean_members, strict=True)]]


@dataclass(frozen=True)
class _Planned:
    """An operation's kind, table and fields, all a role's check reads: made without an Operation's encoding."""

    kind: str
    table: str
    fields: dict


def _planned(table: str, record_id: str, values: dict) -> _Planned:
    """What `_creation` would make, as far as a role's check reads it."""
    return _Planned("create", table, {name: value for name, value in values.items() if value is not None})


def _household_plan(clean_household: dict, clean_members: list) -> list:
    """What `_household_ops` will create, for the role's check before the records' ids are drawn."""
    return _household_ops(PLACEHOLDER_ID, [PLACEHOLDER_ID] * len(clean_members), clean_household, clean_members,
                          make=_planned)


def _filled(values: dict) -> dict:
    """Drop empty form values so the household's values fill them in."""
    return {name: value for name, value in values.items() if value not in (None, "")}


def add_person(store, officer: Officer, person: dict) -> str:
    """Register one person (e.g. a newborn, or someone moving in). Returns the new id."""
    return create_one(store, officer, "person", person)


def create_one(store, officer: Officer, table: str, values: dict) -> str:
    """Check and save one new record of a village of this laptop's scope as its own change-set; returns its id.
    Raises InvalidRecord naming each field (and the role's refusal), nothing saved then."""
    return save_new(store, officer, table, validate(table, values))


def save_new(store, officer: Officer, table: str, clean: dict) -> str:
    """Save one new record whose values `validate` cleaned, as its own change-set; returns its id. Raises
    InvalidRecord for a village out of scope or the role."""
    check_scope(store, clean["village_code"])

    def build(db, device_id):
        record_id = outbox.next_record_id(db, device_id)
        return record_id, [_create(db, table, record_id, clean)]

    return save(store, officer, build)[0]


def update_person(store, officer: Officer, person_id: str, values: dict, seen: dict) -> int | None:
    """Change a person's fields; `seen` holds what the officer saw on the form for each field.

    Only fields whose new value differs from what was seen are sent, each with that seen value as
    `before` (a field missing from `seen` counts as seen as stored). Returns the change-set's
    sequence number, or None when nothing changed. Raises InvalidRecord (`not_found`, or the
    schema's rules, including the NIK against the date of birth and sex on the merged record).
    """
    current = get_record(store, "person", person_id)
    check_editable(store, current)
    clean = validate("person", values, partial=True)
    before = _all_as_stored({name: seen[name] if name in seen else current.get(name) for name in clean})
    changed = {name: value for name, value in clean.items() if value != before[name]}
    if not changed:
        return None
    whole = _all_as_stored({name: current.get(name) for name in fields_of("person")}) | changed
    validate("person", {name: value for name, value in whole.items() if value is not None})
    if "village_code" in changed:
        check_scope(store, changed["village_code"])

    def build(db, device_id):
        op = Operation("update", "person", person_id, changed, {name: before[name] for name in changed})
        now = next(iter(db.query("SELECT * FROM person WHERE id = ?", [person_id])))  # as held, in this transaction
        now = _all_as_stored({name: now.get(name) for name in changed})
        held = [name for name in changed if before[name] == now[name]]
        op = outbox.with_bases(db, op, held)  # the edits that made what the officer saw, before it is overwritten
        update_row(db, "person", person_id, changed)
        return None, [op]

    return save(store, officer, build)[1].seq


def new_family_card(store, officer: Officer, household_id: str, kk_number: str, since: str | None = None,
                    reason: str | None = None) -> int:
    """Record a household's new family card (a KK is re-issued on marriage, divorce, moving, death).

    The household keeps its id; the card joins its history (the old card stays in it) and becomes the
    current one. Returns the change-set's sequence number. Raises InvalidRecord naming the field
    (`household_id` not found, `kk_number`, `kk_history.<n>.since` out of order...).
    """
    current = get_record(store, "household", household_id, field="household_id")
    check_editable(store, current)
    held_history = json.loads(current["kk_history"]) if current["kk_history"] else None
    history = list(held_history or [])
    if not history and current["kk_number"]:
        history = [{"kk_number": current["kk_number"]}]  # the card it had, before the history was kept
    entry = {name: value for name, value in (("kk_number", kk_number), ("since", since), ("reason", reason))
             if value not in (None, "")}
    stored = {name: current[name] for name in fields_of("household") if current.get(name) is not None}
    stored["kk_history"] = history
    clean = validate("household", {**stored, "kk_number": kk_number, "kk_history": [*history, entry]})
    check_scope(store, clean["village_code"])
    changed = {"kk_number": clean["kk_number"], "kk_history": clean["kk_history"]}
    before = {"kk_number": current["kk_number"], "kk_history": held_history}  # as the officer found them

    def build(db, device_id):
        op = outbox.with_bases(db, Operation("update", "household", household_id, changed, before))
        db["household"].update(household_id, changed)
        return None, [op]

    return save(store, officer, build)[1].seq


def record_health(store, officer: Officer, table: str, person_id: str, values: dict) -> str:
    """Append a health record of a person (the midwife's, `schemas.roles`): an `antenatal_visit` or a child's
    `child_health` (its `vaccines` a list). Returns the new record's id. Raises InvalidRecord naming the field
    (a date, a measurement out of range, the table itself for another role...)."""
    person = get_record(store, "person", person_id, field="person_id")
    check_editable(store, person)
    clean = validate(table, {**_filled(values), "person_id": person_id, "officer": officer.username})

    def build(db, device_id):
        record_id = outbox.next_record_id(db, device_id)
        # a list (the vaccines) is stored as JSON text, as the hub's copy arrives
        db[table].insert({"id": record_id, **{name: json.dumps(value) if isinstance(value, list) else value
                                              for name, value in clean.items() if value is not None}})
        return record_id, [Operation("append", table, record_id, clean)]

    return save(store, officer, build)[0]


def _as_stored(name: str, value):
    """A value as shown or stored (text, 0/1), in the type its field holds."""
    if value in (None, ""):
        return None
    try:
        return validate("person", {name: value}, partial=True)[name]
    except InvalidRecord:
        return value


def _all_as_stored(values: dict) -> dict:
    """`_as_stored` of each value, in one check of them all when every one passes (each field is checked alone in a
    partial check: a person's record-wide rules do not run), else field by field."""
    given = {name: value for name, value in values.items() if value not in (None, "")}
    try:
        clean = validate("person", given, partial=True)
    except InvalidRecord:
        return {name: _as_stored(name, value) for name, value in values.items()}
    return {name: clean.get(name) for name in values}


def apply_for_programme(store, officer: Officer, person_id: str | None, programme_code: str, *, nik: str | None = None,
                        village_code: str | None = None, list_version=None) -> str:
    """Record that a person applies to a programme (status `applied`); the hub tracks approval or rejection.

    The person is a registered resident (`person_id`) or, for someone on a pre-identified list, a
    `nik`: the village and the list version then default to those of the list held. Raises
    InvalidRecord naming the field and the rule (`application_open` when the person already has an
    application for the programme that is not rejected); nothing is saved.
    """
    given = _filled({"person_id": person_id, "nik": nik, "village_code": village_code, "list_version": list_version})
    if person_id:
        get_record(store, "person", person_id, field="person_id")
    if given.get("nik") and not person_id:
        village, held, on_list = _list_context(store, programme_code, str(given["nik"]), given.get("village_code"))
        given.setdefault("village_code", village)
        if on_list:
            given.setdefault("list_version", held["version"])
    clean = validate("application", {**_filled(given), "programme_code": programme_code, "status": "applied",
                                     "officer": officer.username})
    _check_programme(store, programme_code)
    check_scope(store, clean.get("village_code"))

    def build(db, device_id):
        _refuse_open_application(db, clean)
        application_id = outbox.next_record_id(db, device_id)
        return application_id, [_create(db, "application", application_id, clean)]

    return save(store, officer, build)[0]


def _refuse_open_application(db, application: dict) -> None:
    person_id, nik = application.get("person_id"), application.get("nik")
    if person_id and not nik:
        nik = db.execute("SELECT nik FROM person WHERE id = ?", (person_id,)).fetchone()[0]
    found = lists.open_application(db, application["programme_code"], person_id, nik)
    if found is not None:
        raise InvalidRecord([LocalError("person_id" if application.get("person_id") else "nik", "application_open", {
            "programme": application["programme_code"], "status": bilingual("application_status", found["status"])})])


def correct_list(store, officer: Officer, programme_code: str, nik: str, decision: str, reason: str,
                 meeting_date: str, list_version=None, *, village_code: str | None = None) -> str:
    """Record a community correction of a programme's list, decided in a village meeting; returns its id.

    `include` names someone the list lacks (any valid NIK), `exclude` someone on it. The village and
    the list version default to those of the list held (the village: the list the NIK is on, else
    the laptop's village). Raises InvalidRecord naming each field and rule; nothing is saved.
    """
    given = _filled({"programme_code": programme_code, "nik": nik, "decision": decision, "reason": reason,
                     "meeting_date": meeting_date, "list_version": list_version, "village_code": village_code})
    village, held, on_list = _list_context(store, given.get("programme_code"), str(given.get("nik") or ""),
                                           given.get("village_code"))
    if village:
        given.setdefault("village_code", village)
    if held is not None:
        given.setdefault("list_version", held["version"])
    clean = validate("list_correction", {**given, "officer": officer.username})
    _check_programme(store, programme_code)
    if clean["decision"] == "exclude" and not on_list:
        raise InvalidRecord([LocalError("nik", "not_on_list", {"programme": programme_code})])
    if clean["decision"] == "include" and on_list:
        raise InvalidRecord([LocalError("nik", "already_on_list", {"programme": programme_code})])
    check_scope(store, clean["village_code"])

    def build(db, device_id):
        correction_id = outbox.next_record_id(db, device_id)
        return correction_id, [_create(db, "list_correction", correction_id, clean)]

    return save(store, officer, build)[0]


def _list_context(store, programme_code, nik: str, village_code) -> tuple:
    """(village, held list or None, whether `nik` is on it) for a programme's list and a NIK."""
    if not programme_code:
        return village_code, None, False
    found = [row for row in lists.lists_with(store.db, programme_code, nik)
             if not village_code or row["village_code"] == village_code]
    if found:
        return found[0]["village_code"], found[0], True
    village = village_code or scope_village(store)
    return village, lists.held_list(store.db, programme_code, village) if village else None, False


def scope_village(store) -> str | None:
    """The village this laptop serves, when its scope is exactly one village."""
    scope = store.device()["scope"]
    return scope[0] if len(scope) == 1 and scope[0].count(".") == 3 else None


def _check_programme(store, programme_code: str) -> None:
    if not store.scalar("SELECT 1 FROM programme WHERE code = ?", (programme_code,)):
        raise InvalidRecord([LocalError("programme_code", "programme_unknown", {"programme": programme_code})])


def rows_by_parent(db, table: str, column: str, parent_ids, read=dict) -> dict:
    """{parent id: [read(row)]} of the rows of `table` whose `column` names one of `parent_ids` (a complaint's
    events, a case's events), in one query."""
    ids = list(parent_ids)
    found = {parent_id: [] for parent_id in ids}
    if ids:
        marks = ", ".join("?" for _ in ids)
        for row in db.query(f"SELECT * FROM [{table}] WHERE [{column}] IN ({marks})", ids):
            found[row[column]].append(read(row))
    return found
