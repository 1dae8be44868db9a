"""The sub-district's verification worklist, offline: what the hub asks its officers to check in the field.

Two kinds of work, both kept current by the feed:

- inconsistencies between the source databases in the sub-district's villages (feed kind
  "inconsistency", each with every source's value and line; closed ones stay, marked, until the
  hub drops them);
- residents villages registered who await verification (person records whose hub status is
  `awaiting_verification`, `schemas.record_status`).

`counts` gives, per village, how many of each are open and since when (oldest first), for the
worklist page.
"""

import json

from village_client.messages import text
from village_client.store import now_text

PAGE = 100  # rows of each table per page
KIND_KEYS = {"name_spelling": "worklist.kind_name_spelling", "birth_date": "worklist.kind_birth_date",
             "sex": "worklist.kind_sex", "family_membership": "worklist.kind_family_membership",
             "missing_from_source": "worklist.kind_missing_from_source", "duplicate": "worklist.kind_duplicate",
             "moved_village": "worklist.kind_moved_village"}


def kind_label(kind: str, lang: str) -> str:
    """An inconsistency's kind in words, in `lang` (the code itself for a kind a newer hub invents)."""
    return text(KIND_KEYS[kind], lang) if kind in KIND_KEYS else kind


def keep(db, entry_id: str, data: dict) -> None:
    """Store one inconsistency as the hub sent it (in the feed page's transaction)."""
    if not isinstance(data.get("nik"), str) or not isinstance(data.get("sources"), list):
        raise ValueError(f"inconsistency {entry_id} has no NIK or sources")
    db["inconsistency"].upsert({
        "id": entry_id, "nik": data["nik"], "name": data.get("name"), "kind": str(data.get("kind") or ""),
        "village_code": data.get("village_code"), "sources": json.dumps(data["sources"]),
        "status": str(data.get("status") or "open"), "opened_at": data.get("opened_at"),
        "closed_at": data.get("closed_at") or (now_text() if data.get("status") not in (None, "open") else None),
        "resolved_by": data.get("resolved_by"), "note": data.get("note"), "field": data.get("field")}, pk="id")


def _page(page: int) -> str:
    """One more row than a page holds, so the page knows whether another follows."""
    return f"LIMIT {PAGE + 1} OFFSET {(max(1, page) - 1) * PAGE}"


def open_inconsistencies(db, village_code: str | None = None, *, page: int = 1) -> list:
    """Open inconsistencies, oldest first, with their sources decoded: a page (and one row more if another follows)."""
    where, args = "status = 'open'", []
    if village_code:
        where, args = where + " AND village_code = ?", [village_code]
    rows = db.query(f"SELECT * FROM inconsistency WHERE {where} ORDER BY opened_at, nik, id {_page(page)}", args)
    return [{**row, "sources": json.loads(row["sources"])} for row in rows]


def inconsistency(db, item_id: str) -> dict | None:
    """One open inconsistency with its sources decoded, or None."""
    row = next(iter(db.query("SELECT * FROM inconsistency WHERE id = ? AND status = 'open'", [str(item_id)])), None)
    return {**row, "sources": json.loads(row["sources"])} if row else None


AWAITING = ("SELECT p.*, s.received_at AS since FROM person p JOIN record_status s ON s.record_id = p.id "
            "WHERE s.status = 'awaiting_verification' AND p._deleted = 0")


def awaiting_residents(db, village_code: str | None = None, *, page: int = 1) -> list:
    """Residents villages registered whom the hub says await verification, oldest registration first: a page
    (and one row more if another follows)."""
    where, args = "", []
    if village_code:
        where, args = " AND p.village_code = ?", [village_code]
    return list(db.query(f"{AWAITING}{where} ORDER BY s.received_at, p.name, p.id {_page(page)}", args))


def awaiting_resident(db, person_id: str) -> dict | None:
    return next(iter(db.query(f"{AWAITING} AND p.id = ?", [person_id])), None)


def counts(db) -> list:
    """Per village: open inconsistencies, residents awaiting verification, and the oldest open item's date."""
    found = {}
    for row in db.query("SELECT village_code, count(*) AS n, min(opened_at) AS oldest FROM inconsistency "
                        "WHERE status = 'open' GROUP BY village_code"):
        found[row["village_code"]] = {"village_code": row["village_code"], "inconsistencies": row["n"],
                                      "residents": 0, "oldest": row["oldest"]}
    for row in db.query("SELECT p.village_code, count(*) AS n, min(s.received_at) AS oldest FROM person p JOIN "
                        "record_status s ON s.record_id = p.id WHERE s.status = 'awaiting_verification' "
                        "AND p._deleted = 0 GROUP BY p.village_code"):
        entry = found.setdefault(row["village_code"], {"village_code": row["village_code"], "inconsistencies": 0,
                                                       "residents": 0, "oldest": row["oldest"]})
        entry["residents"] = row["n"]
        entry["oldest"] = min(filter(None, (entry["oldest"], row["oldest"])), default=None)
    return sorted(found.values(), key=lambda entry: (entry["oldest"] or "", entry["village_code"] or ""))
