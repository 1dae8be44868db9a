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
    return cases.open_with_referral(store, officer, given, DESK_REFERRAL, needs=("text",))


def referrals(store, officer: Officer, limit: int = LIST_LIMIT) -> list:
    """The latest referrals from the SWS desk, newest first: for each, {case, referral (its event), answer,
    answered_on, answer_text}. Empty for an officer who neither makes them nor follows cases."""
    if not (cases.refers_from_desk(officer) or cases.follows_cases(officer)):
        return []
    rows = store.db.query("SELECT * FROM [case] WHERE _deleted = 0 AND case_kind = ? ORDER BY opened_on DESC, "
                          "id DESC LIMIT ?", [DESK_REFERRAL, limit])
    found = [cases._plain(row) for row in rows]
    events = cases.events_of(store.db, [case["id"] for case in found])
    listed = []
    for case in found:
        state = cases.derive(case, events[case["id"]])
        for referral_id, referral in state.referrals.items():
            listed.append({"case": case, "referral_id": referral_id, "referral": referral["event"],
                           "answer": referral.get("answer"), "answered_on": referral.get("answered_on"),
                           "answer_text": referral.get("answer_text"), "status": state.status})
    return listed
