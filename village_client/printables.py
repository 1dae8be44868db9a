"""What the laptop prints, offline, as plain data: a village's list for the village meeting, a decision letter,
and the district's letterhead that heads both and the complaint receipt.

The letterhead comes from this laptop's settings (`letterhead_*`, the hub's `LETTERHEAD_*`), the
government's name from the district of the laptop's enrolled scope when not set. A list's members carry
their household as this laptop knows it: the family card and address of the resident or person record
with the member's NIK. A decision letter is for an application the hub decided; the decision comes down
with the application record at a sync (`incoming.apply_record`).
"""

import json
from pathlib import Path

from schemas.letterhead import Letterhead, letterhead, logo_uri
from village_client import lists
from village_client.errors import Refused


def letterhead_of(settings: dict, scope_code: str) -> Letterhead:
    """The letterhead of this laptop's settings; a logo file that cannot be read is left out."""
    path, logo = settings.get("letterhead_logo") or "", ""
    if path:
        try:
            logo = logo_uri(path, Path(path).read_bytes())
        except (OSError, ValueError):
            logo = ""  # a missing or unknown file must not stop a village meeting's paper: it prints without
    return letterhead(settings.get("letterhead_government") or "", settings.get("letterhead_office") or "",
                      settings.get("letterhead_address") or "", district_code=scope_code, logo=logo)


def meeting_list(db, programme_code: str, village_code: str) -> dict:
    """A held list with its members by name, each with their household. Raises Refused(list_not_held), 404."""
    held = next((row for row in lists.lists_held(db, programme_code) if row["village_code"] == village_code), None)
    if held is None:
        raise Refused("list_not_held", 404, programme=programme_code, village=village_code)
    households = _households(db, village_code)
    members = [{**member, **households.get(member["nik"], {})} for member in lists.members(db, held)]
    return {"list": held, "members": members}


def _households(db, village_code: str) -> dict:
    """{NIK: {kk_number, address, rt, rw}} from the residents the hub sent, then this laptop's own records."""
    found = {row["nik"]: row for row in db.query(
        "SELECT nik, kk_number, address, address_rt AS rt, address_rw AS rw FROM resident WHERE village_code = ?",
        [village_code])}
    for row in db.query("SELECT p.nik, COALESCE(p.kk_number, h.kk_number) AS kk_number, h.address, "
                        "COALESCE(p.address_rt, h.address_rt) AS rt, COALESCE(p.address_rw, h.address_rw) AS rw "
                        "FROM person p LEFT JOIN household h ON h.id = p.household_id "
                        "WHERE p._deleted = 0 AND p.nik IS NOT NULL"):
        found[row["nik"]] = row
    return found


def decision(db, application_id: str) -> dict:
    """A decided application with the person's name and NIK and the programme's record.

    Raises Refused: application_unknown (404), application_undecided (409).
    """
    row = next((row for row in lists.applications(db) if row["id"] == application_id), None)
    if row is None:
        raise Refused("application_unknown", 404, id=application_id)
    if row["status"] not in ("approved", "rejected"):
        raise Refused("application_undecided", 409, id=application_id)
    programme = next(iter(db.query("SELECT data FROM programme WHERE code = ?", [row["programme_code"]])), None)
    return {"record_id": row["id"], "status": row["status"], "status_date": row["status_date"] or "",
            "justification": row["justification"], "village_code": row["village_code"], "nik": row["person_nik"],
            "name": row["person_name"], "programme_code": row["programme_code"],
            "programme": json.loads(programme["data"]) if programme else {"code": row["programme_code"]}}
