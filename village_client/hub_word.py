"""What the hub said about this laptop's records, in people's words, for the screens and the command line.

- `statuses(db, lang)`: the hub's latest word on each record it keeps (feed kind "status"): counted,
  or kept but not counted with the reason and what would resolve it.
- `not_counted(db, lang)`: the records the hub keeps but cannot count yet, each named by whom it is
  about (a person's name and NIK), for the sync page.
- `conflicts(db, lang)`: the conflicts the hub reported, by the person's name and NIK, the field's
  label and the values as labels; once decided, the decision, who made it and why.
"""

import json

from schemas.display import value_text
from schemas.messages import label
from schemas.record_status import describe
from village_client.messages import text

SHOWN = 200  # rows a page shows; the counts above them are whole


def _word(row: dict, lang: str) -> dict:
    data = json.loads(row["data"] or "{}")
    reason, resolve = describe(data, lang)
    return {"record_id": row["record_id"], "table": row["table_name"], "status": row["status"],
            "counted": bool(row["counted"]), "reason": reason, "resolve": resolve, "note": data.get("note"),
            "decided_by": data.get("decided_by")}


def statuses(db, lang: str, table: str | None = None) -> dict:
    """{record id: the hub's word on it} (of one table, or all)."""
    rows = db.query("SELECT * FROM record_status WHERE ? IS NULL OR table_name = ?", [table, table])
    return {row["record_id"]: _word(row, lang) for row in rows}


def count_not_counted(db) -> int:
    return db["record_status"].count_where("counted = 0")


def _subject(db, table: str, record_id: str) -> dict:
    """Whom a record is about: {"name", "nik"} (a correction names a NIK, an application a person or a NIK)."""
    if table == "person":
        rows = list(db.query("SELECT name, nik FROM person WHERE id = ?", [record_id]))
    elif table == "list_correction":
        rows = list(db.query("SELECT (SELECT name FROM person WHERE nik = c.nik LIMIT 1) AS name, c.nik AS nik, "
                             "c.programme_code AS programme FROM list_correction c WHERE c.id = ?", [record_id]))
    elif table == "application":
        rows = list(db.query("SELECT COALESCE(p.name, (SELECT name FROM person WHERE nik = a.nik LIMIT 1)) AS name, "
                             "COALESCE(p.nik, a.nik) AS nik, a.programme_code AS programme FROM application a "
                             "LEFT JOIN person p ON p.id = a.person_id WHERE a.id = ?", [record_id]))
    else:
        rows = []
    return dict(rows[0]) if rows else {}


def not_counted(db, lang: str) -> list:
    """The records the hub keeps without counting them, newest word first, each with whom it is about."""
    rows = db.query("SELECT * FROM record_status WHERE counted = 0 ORDER BY received_at DESC LIMIT ?", [SHOWN])
    return [{**_word(row, lang), **_subject(db, row["table_name"], row["record_id"])} for row in rows]


def conflicts(db, lang: str) -> list:
    """The conflicts the hub reported, open first, in people's words."""
    found = []
    for row in db.query("SELECT * FROM conflict ORDER BY status DESC, received_at DESC LIMIT ?", [SHOWN]):
        data = json.loads(row["data"] or "{}")
        table, field = row["table_name"] or "", row["field"] or ""
        decided = json.loads(row["resolution"]) if row["resolution"] else None
        found.append({
            "id": row["id"], "status": row["status"], "field": label(field, lang) if field else "",
            "subject": _subject(db, table, row["record_id"] or ""), "record_id": row["record_id"],
            "sides": [{"value": value_text(table, field, side.get("value"), lang),
                       "who": side.get("officer") or side.get("source") or ""}
                      for side in data.get("sides", []) if isinstance(side, dict)],
            "decided": None if not decided else {
                "value": value_text(table, field, decided.get("value"), lang), "by": decided.get("resolved_by"),
                "reason": decided.get("reason")}})
    return found


def left_because(reason: str | None, lang: str) -> str:
    """Why someone left a list, as the hub says it (`removed_reasons`), in the officer's language."""
    keys = {"died": "list.left_died", "moved_out": "list.left_moved_out", "moved_village": "list.left_moved_village"}
    return text(keys[reason], lang) if reason in keys else (reason or "")
