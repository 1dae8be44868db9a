"""What each officer role may record, as data: the laptop refuses at once, the hub refuses what arrives.

    refusal("midwife", "complaint", "create", {"category": ...})   # FieldError: role_not_allowed
    refusal("village_secretary", "person", "update", {"phone": ...})  # None: allowed

A village secretary keeps the village's registers: households, people, complaints, applications,
community corrections. A village midwife keeps the health of mothers and children: a birth (a new
person), a pregnancy and its expected delivery date, antenatal visits; she edits nothing else of a
person and records no complaint, application or correction. A sub-district officer enters data for
the villages of the sub-district as a secretary does, and alone records the outcomes of field checks
on its verification worklist. Health records are the midwife's alone. A case worker opens and follows
cases (a case and its events, each written once) and records nothing else; cases are theirs, but for one
kind: the village secretary refers a person or household met at the SWS desk to a service, a case of kind
`desk_referral` and its `referral` event, and nothing else of a case (`VALUES`), nor an event on a case of
another kind (`PARENT_VALUES`). The village task force's
outreach sessions are recorded by the village secretary or a case worker. A claim (`schemas.claim`) is
recorded by the village secretary or a sub-district officer, written once; its events are the hub's
(passed to the agency, paid, refused), never a laptop's.
Officers' own records (who works on the laptop) are the laptop's to write, whoever is logged in.
"""

from schemas.choices import bilingual
from schemas.errors import FieldError

ALL = "*"
ROLES = ("village_secretary", "midwife", "sub_district_officer", "case_worker")
REGISTERS = ("household", "person", "complaint", "complaint_event", "application", "list_correction")
HEALTH_TABLES = ("antenatal_visit", "child_health")
SUB_DISTRICT_TABLES = ("field_check",)  # the verification worklist's outcomes, written once
CASE_TABLES = ("case", "case_event")  # a case and its events: written once, never edited
TASK_FORCE_TABLES = ("outreach_session",)  # the village task force's sessions: the secretary's or a case worker's
CLAIM_TABLES = ("claim",)  # a claim facilitated by the SWS: written once; what follows is the hub's
# The fields of a person a midwife may change (a birth she records may carry any of them).
MIDWIFE_PERSON_FIELDS = ("pregnant", "expected_delivery_date", "nik", "nik_status", "_deleted")

# role -> table -> (what a create may hold, what an update may change)
WRITES = {
    "village_secretary": {**{table: (ALL, ALL) for table in REGISTERS}, **{table: (ALL, ()) for table in
                                                                          TASK_FORCE_TABLES + CLAIM_TABLES
                                                                          + CASE_TABLES}},
    "sub_district_officer": {**{table: (ALL, ALL) for table in REGISTERS}, **{table: (ALL, ()) for table in
                                                                             SUB_DISTRICT_TABLES + CLAIM_TABLES}},
    "midwife": {"person": (ALL, MIDWIFE_PERSON_FIELDS), **{table: (ALL, ALL) for table in HEALTH_TABLES}},
    "case_worker": {table: (ALL, ()) for table in CASE_TABLES + TASK_FORCE_TABLES},
}
ANY_ROLE = ("officer",)
# role -> table -> {field: the values a create may hold}: a record whose field holds another value (or none)
# is refused naming the table, as a kind of record the role does not write.
VALUES = {"village_secretary": {"case": {"case_kind": ("desk_referral",)}, "case_event": {"kind": ("referral",)}}}
# role -> event table -> (the field naming its parent, {parent's field: the values it must hold}): an event on
# another parent is refused naming that field, as a record the role does not write.
PARENT_VALUES = {"village_secretary": {"case_event": ("case_id", {"case_kind": ("desk_referral",)})}}


def refusal(role: str | None, table: str, kind: str, fields) -> FieldError | None:
    """Why an officer of `role` may not write this operation (`kind`: create, append, update, delete), or None.

    A role this version does not know (an older laptop's officer) is not checked: the device vouches for it."""
    if role not in WRITES or table in ANY_ROLE:
        return None
    allowed = WRITES[role].get(table)
    if allowed is None:  # the whole kind of record: named by its table (e.g. "complaint")
        return FieldError(table, "role_not_allowed", {"role": bilingual("officer_role", role)})
    permitted = allowed[1] if kind in ("update", "delete") else allowed[0]
    if kind not in ("update", "delete") and not _values_allowed(role, table, fields):
        return FieldError(table, "role_not_allowed", {"role": bilingual("officer_role", role)})
    if permitted == ALL:
        return None
    field = next((name for name in fields if name not in permitted), None)
    return None if field is None else FieldError(field, "role_not_allowed", {"role": bilingual("officer_role", role)})


def parent_refusal(role: str | None, table: str, parent: dict | None) -> FieldError | None:
    """Why an officer of `role` may not add an event of `table` to this parent record (PARENT_VALUES), or None.
    `parent`: the fields of the record the event follows; None when unknown (refused elsewhere)."""
    field, wanted = PARENT_VALUES.get(role, {}).get(table, (None, {}))
    if field is None or parent is None or all(parent.get(name) in allowed for name, allowed in wanted.items()):
        return None
    return FieldError(field, "role_not_allowed", {"role": bilingual("officer_role", role)})


def _values_allowed(role: str, table: str, fields) -> bool:
    """Whether a new record's fields hold the values `role` may write in `table` (VALUES; any, when unlisted)."""
    wanted = VALUES.get(role, {}).get(table, {})
    return all(isinstance(fields, dict) and fields.get(name) in allowed for name, allowed in wanted.items())
