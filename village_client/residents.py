"""The synchronized population as the laptop holds it: the residents of its scope, sent by the hub.

The hub publishes one feed entry (kind "population") per version of a village's residents
(`hub_server.services.population_feed`; docs/protocol.md §8):

    {"village_code": "35.07.01.2001", "version": 3, "base_version": 2, "size": 6890,
     "added": {"nik": ["3507015505900001", ...], "name": ["Siti Aminah", ...], ...},
     "removed": ["3507011203850002"]}

`apply_version` keeps them in `resident` (one row per NIK) in the feed page's transaction, as lists
are kept (`village_client.lists`): `base_version` 0 replaces the village's residents, a delta on the
version held adds, replaces and removes rows, any other base is applied and marks the village `stale`
until a whole version comes; a version not newer than the one held is ignored.

The residents are read-only here. `find` searches them by name (every word, any order) or NIK;
`adopt` turns one into an ordinary person record of this laptop (a create change-set with the hub's
values), the way to update a resident the sources hold instead of registering them again: the hub
meets it with the same identity checks as any registration.
"""

import re

from village_client import records
from village_client.fieldrules import LocalError

COLUMNS = ("nik", "name", "birth_place", "birth_date", "sex", "relationship", "marital_status", "occupation",
           "household", "kk_number", "address", "address_rt", "address_rw", "verification")
PERSON_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "relationship", "marital_status", "occupation",
                 "kk_number", "address", "address_rt", "address_rw")
SHOWN = 200


def name_key(name) -> str:
    """A name as searched: lower case, punctuation and repeated spaces ignored."""
    return " ".join(re.sub(r"[.,'\-]", " ", str(name or "")).lower().split())


def apply_version(db, version_id: str, data: dict, received_at: str) -> str:
    """Bring a village's residents to the version in `data`; returns "whole", "delta", "gap" or "ignored".
    Raises KeyError, TypeError or ValueError when the entry is malformed."""
    village, version = data["village_code"], int(data["version"])
    if not isinstance(village, str) or not village or version < 1:
        raise ValueError("a population version names its village and a version from 1")
    added = data.get("added") or {}
    if not isinstance(added, dict):
        raise TypeError("population rows come by column")
    count = len(added.get("nik") or [])
    rows = [{name: (values[index] if index < len(values) else None) for name, values in added.items()
             if isinstance(values, list)} for index in range(count)]
    removed = [str(nik) for nik in data.get("removed") or []]
    base = int(data.get("base_version") or 0)
    held = next(iter(db.query("SELECT version, stale FROM population_sheet WHERE village_code = ?", [village])), None)
    if held is not None and version <= held["version"]:
        return "ignored"
    gap = base != 0 and (held is None or held["version"] != base)
    if base == 0:
        db.execute("DELETE FROM resident WHERE village_code = ?", [village])
    for start in range(0, len(removed), 900):
        part = removed[start:start + 900]
        db.execute(f"DELETE FROM resident WHERE nik IN ({','.join('?' * len(part))})", part)
    db.conn.executemany(
        f"INSERT OR REPLACE INTO resident (village_code, name_key, {', '.join(COLUMNS)}) "
        f"VALUES (?, ?, {', '.join('?' * len(COLUMNS))})",
        [(village, name_key(row.get("name")), *[row.get(name) for name in COLUMNS]) for row in rows if row.get("nik")])
    stale = gap or (bool(held and held["stale"]) and base != 0)
    db["population_sheet"].upsert({"village_code": village, "version": version, "version_id": version_id,
                                   "size": data.get("size"), "received_at": received_at, "stale": int(stale)},
                                  pk="village_code")
    return "gap" if gap else "whole" if base == 0 else "delta"


def find(db, text: str, limit: int = SHOWN) -> tuple:
    """(residents matching `text`, how many match): by NIK when 16 digits, else by every word of the name."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{16}", text):
        where, args = "nik = ?", [text]
    else:
        words = name_key(text).split()
        if not words:
            return [], 0
        where = " AND ".join("(' ' || name_key || ' ') LIKE ?" for _ in words)
        args = [f"% {word}%" for word in words]
    total = db.execute(f"SELECT count(*) FROM resident WHERE {where}", args).fetchone()[0]
    rows = list(db.query(f"SELECT * FROM resident WHERE {where} ORDER BY name_key, nik LIMIT ?", [*args, limit]))
    return rows, total


def local_person(db, nik: str):
    """The id of this laptop's person record with `nik`, if it holds one."""
    row = next(iter(db.query("SELECT id FROM person WHERE nik = ? AND _deleted = 0 ORDER BY id LIMIT 1", [nik])), None)
    return row["id"] if row else None


def adopt(store, officer, nik: str) -> str:
    """The person record of this laptop for the resident with `nik`: the one held, or a new one made from the
    hub's values (a create change-set). Raises InvalidRecord (`nik`: not_found) for a NIK not held."""
    held = local_person(store.db, nik)
    if held:
        return held
    resident = next(iter(store.db.query("SELECT * FROM resident WHERE nik = ?", [nik])), None)
    if resident is None:
        raise records.InvalidRecord([LocalError("nik", "not_found")])
    values = {name: resident[name] for name in PERSON_FIELDS if resident[name] not in (None, "")}
    return records.add_person(store, officer, {**values, "village_code": resident["village_code"]})
