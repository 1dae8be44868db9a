"""Referrals made at the SWS desk: the village secretary refers a person or a household to a service, offline.

Someone comes to the village's SWS desk; the secretary refers them (by NIK) or their household (by
family card) to a service of the district's directory, with the reason. A referral is not a record of
its own: it is a case of kind `desk_referral` opened with its `referral` event
(`village_client.cases.open_with_referral`), so the receiving service answers it at the hub as any
referral is answered, the answer reaches the village at its next sync, merging, crisis privacy and the
hub's audit of every read apply unchanged, and a case worker can follow the person on from the same
case (docs/cases.md, "Referrals from the SWS desk"). The secretary writes nothing else of a case
(`schemas.roles`).
"""

from schemas.case import DESK_REFERRAL
from schemas.errors import FieldError
from village_client import cases, records
from village_client.fieldrules import LocalError
from village_client.records import InvalidRecord, Officer

FIELDS = ("subject_name", "nik", "kk_number", "village_code", "service_code", "text")
LIST_LIMIT = 300


def refer(store, officer: Officer, values: dict) -> tuple:
    """Refer a person (`nik`) or a household (`kk_number`) to a service; returns (case id, referral id).

    `values`: subject_name, nik and/or kk_number, village_code, service_code (a code of the directory) and
    text (the reason, required). Raises InvalidRecord naming each field (an officer who may not make such a
    referral is refused naming `case`); nothing is saved then."""
    given = records._filled({name: value for name, value in values.items() if name in FIELDS})
    unused = [name for name in records._filled(values) if name not in FIELDS]
    if unused:
        raise InvalidRecord([FieldError(name, "unknown_field") for name in unused])
    found = [] if given.get("text") else [LocalError("text", "referral_reason_required")]
    if not any(given.get(name) for name in ("nik", "kk_number")):
        found.append(LocalError("nik", "referral_subject_required"))
    return cases.open_with_referral(store, officer, given, DESK_REFERRAL, tuple(found))


def referrals(store, officer: Officer, limit: int = LIST_LIMIT) -> list:
    """The latest referrals from the SWS desk, newest first: for each, {case, referral_id, referral (its event),
    service (its name in the directory, or the code), answer, answered_on, answer_text, status}. Empty for an
    officer who neither makes them nor follows cases."""
    if not (cases.refers_from_desk(officer) or cases.follows_cases(officer)):
        return []
    rows = store.db.query("SELECT * FROM [case] WHERE _deleted = 0 AND case_kind = ? ORDER BY opened_on DESC, "
                          "id DESC LIMIT ?", [DESK_REFERRAL, limit])
    found = [cases._plain(row) for row in rows]
    events = cases.events_of(store.db, [case["id"] for case in found])
    names = service_names(store.db)
    listed = []
    for case in found:
        state = cases.derive(case, events[case["id"]])
        for referral_id, referral in state.referrals.items():
            code = referral["event"]["service_code"]
            listed.append({"case": case, "referral_id": referral_id, "referral": referral["event"],
                           "service": f"{names[code]} ({code})" if code in names else code,
                           "answer": referral.get("answer"), "answered_on": referral.get("answered_on"),
                           "answer_text": referral.get("answer_text"), "status": state.status})
    return listed


def service_names(db) -> dict:
    """{code: name} of every service the laptop's directory holds (active or not: an old referral keeps its name)."""
    if not db["service"].exists():
        return {}
    return {row["code"]: row["name"] for row in db.query("SELECT code, name FROM service")}
