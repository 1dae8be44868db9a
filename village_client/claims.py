"""Claims on the laptop: the village records a member's claim offline, and follows it to paid or refused.

A claim (`schemas.claim`) is for a person the laptop knows to be a member of the programme: one of
the memberships the hub's feed brought (`village_client.memberships`), and on that membership's card
(typed, it must be the same; left out, the membership's is taken). Its kind must be one the
programme pays and each document brought must be on the kind's checklist, as the catalogue the
laptop holds says. Anything wrong is refused naming its field; nothing is saved then.

What follows is the hub's: passed to the agency in an export, then paid (amount and day) or refused
(with the reason). Those steps arrive as `claim_event` records in the feed, and the status shown is
derived from them by the same function as at the hub (`schemas.claim_state.derive`), with the
required documents still missing.
"""

import json

from schemas.claim import checklist_errors, membership_errors
from schemas.claim_state import ClaimState, derive
from schemas.local_time import date_in_region
from village_client import memberships, records
from village_client.records import InvalidRecord, Officer

LIST_LIMIT = 300
LIST_FIELDS = ("documents_present",)  # kept as JSON text, as the hub's copy arrives


def _plain(row: dict) -> dict:
    """A stored row as the record it is: JSON lists read back, nothing empty."""
    found = {name: value for name, value in row.items() if value is not None and name not in ("extra", "_deleted")}
    for name in LIST_FIELDS:
        if isinstance(found.get(name), str):
            found[name] = json.loads(found[name])
    return found


def programme(db, code: str | None) -> dict | None:
    """The programme record the laptop holds (its claims checklists), or None."""
    found = list(db.query("SELECT data FROM programme WHERE code = ?", [code or ""]))
    return json.loads(found[0]["data"] or "{}") if found else None


def _person(db, values: dict) -> dict:
    """The resident the claim is for, by `person_id` or by NIK; {} when the laptop holds no such resident."""
    if values.get("person_id"):
        found = list(db.query("SELECT id, nik, name, village_code FROM person WHERE id = ? AND _deleted = 0",
                              [values["person_id"]]))
    else:
        found = list(db.query("SELECT id, nik, name, village_code FROM person WHERE nik = ? AND _deleted = 0",
                              [str(values.get("nik") or "").replace(" ", "")]))
    return found[0] if found else {}


def _documents(value) -> list:
    if isinstance(value, str):
        return [code.strip() for code in value.split(",") if code.strip()]
    return list(value or [])


def claim_values(db, officer: Officer, values: dict) -> dict:
    """The claim a form or the command line gives, filled from the resident and their membership."""
    values = records._filled(values)
    person = _person(db, values)
    nik = person.get("nik") or str(values.get("nik") or "").replace(" ", "")
    code = str(values.get("programme_code") or "").strip().upper()
    held = [member for member in memberships.of_person(db, nik) if member["programme_code"] == code]
    card = values.get("card_number") or (held[0]["number"] if len(held) == 1 else None)
    name = person.get("name") or values.get("name") or memberships.names_of(db, [nik]).get(nik)
    village = person.get("village_code") or (held[0]["village_code"] if held else None)
    given = {"village_code": village, "person_id": person.get("id"), "nik": nik or None, "name": name,
             "programme_code": code or None, "card_number": card, "recorded_on": date_in_region(village),
             "officer": officer.username,
             **{name: values.get(name) for name in ("claim_kind", "happened_on", "amount_claimed", "notes")},
             "documents_present": _documents(values.get("documents_present"))}
    return {name: value for name, value in given.items() if value not in (None, "")}


def record_claim(store, officer: Officer, values: dict) -> str:
    """Record a member's claim; returns its id. Raises InvalidRecord naming each field (a person who is not a
    member of the programme, another card, a kind the programme does not pay, a document not on its checklist),
    nothing saved then."""
    db = store.db
    given = claim_values(db, officer, values)
    held = [{"programme": member["programme_code"], "number": member["number"]}
            for member in memberships.of_person(db, given.get("nik"))]
    errors = membership_errors(given, held)
    try:
        clean = records.validate("claim", given)
    except InvalidRecord as invalid:
        # Without a membership there is no card, village or name to take: the membership's error says why.
        member = any(found["programme"] == given.get("programme_code") for found in held)
        taken = () if member else ("village_code", "name", "card_number")
        raise InvalidRecord(errors + [error for error in invalid.errors if error.field not in taken]) from None
    found = programme(db, clean["programme_code"])
    errors += checklist_errors(clean, found) if found and not errors else []
    if errors:
        raise InvalidRecord(errors)
    return records.create_one(store, officer, "claim", given)


def events_of(db, claim_ids) -> dict:
    return records.rows_by_parent(db, "claim_event", "claim_id", claim_ids, _plain)


def state_of(db, claim: dict) -> ClaimState:
    return derive(claim, events_of(db, [claim["id"]])[claim["id"]], programme(db, claim.get("programme_code")))


def claim(store, claim_id: str) -> tuple:
    """(the claim held, its state), or (None, None) when the laptop holds no such claim."""
    found = list(store.db.query("SELECT * FROM claim WHERE id = ? AND _deleted = 0", [claim_id]))
    if not found:
        return None, None
    held = _plain(found[0])
    return held, state_of(store.db, held)


def claims(store, limit: int = LIST_LIMIT) -> list:
    """The claims held, newest first: each {"claim", "state", "programme_name"}."""
    db = store.db
    rows = [_plain(row) for row in db.query("SELECT * FROM claim WHERE _deleted = 0 ORDER BY recorded_on DESC, id DESC "
                                            "LIMIT ?", [limit])]
    events = events_of(db, [row["id"] for row in rows])
    names = {row["code"]: row["name"] for row in db.query("SELECT code, name FROM programme")}
    programmes = {}
    found = []
    for row in rows:
        code = row.get("programme_code")
        if code not in programmes:
            programmes[code] = programme(db, code)
        found.append({"claim": row, "state": derive(row, events[row["id"]], programmes[code]),
                      "programme_name": names.get(code)})
    return found


def claimable(db, nik: str | None) -> list:
    """The memberships of a person on which a claim can be made (their programme pays on claims), each with its
    programme's claims checklist: what the claim form offers."""
    found = []
    for member in memberships.of_person(db, nik):
        held = programme(db, member["programme_code"]) or {}
        if held.get("claims"):
            found.append({**member, "checklists": held["claims"]})
    return found


def checklist_documents(offered: list) -> list:
    """(document, [claim kinds requiring it]) of the checklists of the memberships offered, each document once:
    the form's checkboxes."""
    found = {}
    for member in offered:
        for checklist in member["checklists"]:
            for code in checklist["documents_required"]:
                found.setdefault(code, []).append(checklist["claim_kind"])
            for code in checklist.get("documents_optional") or ():
                found.setdefault(code, [])
    return [(code, list(dict.fromkeys(kinds))) for code, kinds in found.items()]
