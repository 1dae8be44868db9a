"""Pre-identified beneficiary lists as the laptop holds them: the current version per programme and village.

The hub publishes one feed entry (kind "list") per version of a programme's list for a village:

    {"programme": "PKH", "village_code": "35.07.01.2001", "version": 4, "base_version": 3, "size": 212,
     "list_date": "2026-03-01", "columns": ["nik", "name", "reasons", "status"],
     "added": [["3507015505900001", "Siti Aminah", ["pregnant"], "listed"]], "removed": ["3507011203850002"],
     "removed_reasons": {"3507011203850002": "died"}}

A member's `status` is "listed", "awaiting" (listed while their registration awaits verification) or
"proposed" (awaiting verification, for a programme that lists only verified people); a hub before
statuses sends no status column, and its members are "listed". `removed_reasons` says why someone left
where a village should read it ("died"); the screens show it beside the name.

`apply_version` keeps, in the caller's transaction (the feed page's), one row of `beneficiary_list`
per (programme, village) and its members in `list_member`:

- `base_version` 0 is the whole list: the members are replaced.
- `base_version` equal to the version held is a delta: `removed` NIKs leave, `added` rows join (an
  added row for a NIK already held replaces it: its reasons changed).
- any other `base_version` is a gap (versions missed, e.g. a laptop restored from a backup): the delta
  is still applied, and the list is marked `stale` until a whole version arrives. The screens then ask
  the officer to request a full list from the sub-district.
- a version not newer than the one held is ignored, so a page delivered twice changes nothing.

The row also keeps what the last version changed (`added` and `changed` NIKs, and the `removed`
members with their names), so the screens can mark who is new and who is no longer listed. Rows
the hub sends without a NIK cannot be keyed and are skipped.
"""

import json
from dataclasses import dataclass

from schemas.application import OPEN_STATUSES

COLUMNS = ("nik", "name", "reasons")


@dataclass(frozen=True)
class ListVersion:
    """One version of one list as the feed carries it, checked for shape."""

    programme_code: str
    village_code: str
    version: int
    base_version: int
    version_id: str
    size: int | None
    list_date: str | None
    rows: tuple  # (nik, name, reasons, status) per added member
    removed: tuple  # NIKs
    removed_reasons: dict  # {NIK: why they left, e.g. "died"} where the hub says

    @property
    def key(self) -> tuple:
        return self.programme_code, self.village_code

    @property
    def whole(self) -> bool:
        return self.base_version == 0


def parse_version(version_id: str, data: dict) -> ListVersion:
    """The version a feed entry's data describes. Raises KeyError, TypeError or ValueError when malformed."""
    programme, village = data.get("programme") or data.get("programme_code"), data.get("village_code")
    if not isinstance(programme, str) or not isinstance(village, str) or not programme or not village:
        raise ValueError("a list names its programme and village")
    version = int(data["version"])
    if version < 1:
        raise ValueError(f"list version {version}")
    columns = list(data.get("columns") or COLUMNS)
    rows = tuple(row for row in (_row(columns, item) for item in data.get("added") or []) if row[0])
    removed = tuple(str(nik) for nik in data.get("removed") or [])
    size = data.get("size")
    reasons = data.get("removed_reasons") or {}
    if not isinstance(reasons, dict):
        raise TypeError("removed_reasons is not a mapping")
    return ListVersion(programme, village, version, int(data.get("base_version") or 0), str(version_id),
                       None if size is None else int(size), data.get("list_date"), rows, removed,
                       {str(nik): str(why) for nik, why in reasons.items()})


def _row(columns: list, item) -> tuple:
    values = dict(item) if isinstance(item, dict) else dict(zip(columns, item, strict=False))
    reasons = values.get("reasons") or []
    if not isinstance(reasons, list):
        raise TypeError(f"reasons of {values.get('nik')} are not a list")
    nik, status = values.get("nik"), values.get("status") or "listed"
    return (str(nik) if nik else "", values.get("name"), [str(reason) for reason in reasons], str(status))


def apply_version(db, version: ListVersion, received_at: str) -> str:
    """Bring the held list to `version`; returns "whole", "delta", "gap" or "ignored"."""
    held = held_list(db, *version.key)
    if held is not None and version.version <= held["version"]:
        return "ignored"
    before = {row["nik"]: row for row in _member_rows(db, *version.key)}
    gap = not version.whole and (held is None or held["version"] != version.base_version)
    leaving = set(before) - {row[0] for row in version.rows} if version.whole else set(version.removed)
    where = "programme_code = ? AND village_code = ?"
    if version.whole:
        db.execute(f"DELETE FROM list_member WHERE {where}", version.key)
    else:
        for nik in leaving:
            db.execute(f"DELETE FROM list_member WHERE {where} AND nik = ?", (*version.key, nik))
    db.conn.executemany("INSERT OR REPLACE INTO list_member (programme_code, village_code, nik, name, reasons, "
                        "status) VALUES (?, ?, ?, ?, ?, ?)", [(*version.key, nik, name, json.dumps(reasons), status)
                                                              for nik, name, reasons, status in version.rows])
    changes = _changes(version, before, leaving) if held is not None else {"added": [], "changed": [], "removed": []}
    stale = gap or (bool(held and held["stale"]) and not version.whole)
    db["beneficiary_list"].upsert({
        "programme_code": version.programme_code, "village_code": version.village_code, "version": version.version,
        "base_version": version.base_version, "version_id": version.version_id, "list_date": version.list_date,
        "size": version.size, "received_at": received_at, "stale": int(stale),
        **{name: json.dumps(value) for name, value in changes.items()}}, pk=("programme_code", "village_code"))
    return "gap" if gap else "whole" if version.whole else "delta"


def _changes(version: ListVersion, before: dict, leaving: set) -> dict:
    """What this version changed against the members held before it."""
    joining = [nik for nik, *_ in version.rows if nik not in before]
    changed = [nik for nik, _, reasons, status in version.rows
               if nik in before and (json.loads(before[nik]["reasons"] or "[]") != reasons
                                     or before[nik]["status"] != status)]
    gone = [{"nik": nik, "name": before[nik]["name"] if nik in before else None,
             **({"reason": version.removed_reasons[nik]} if nik in version.removed_reasons else {})} for nik in leaving]
    gone.sort(key=lambda row: (row["name"] or "", row["nik"]))
    return {"added": joining, "changed": changed, "removed": gone}


def held_list(db, programme_code: str, village_code: str) -> dict | None:
    """The `beneficiary_list` row of one programme's list for one village, or None."""
    rows = list(db.query("SELECT * FROM beneficiary_list WHERE programme_code = ? AND village_code = ?",
                         [programme_code, village_code]))
    return rows[0] if rows else None


def _member_rows(db, programme_code: str, village_code: str) -> list:
    return list(db.query("SELECT nik, name, reasons, status FROM list_member WHERE programme_code = ? "
                         "AND village_code = ? ORDER BY name, nik", [programme_code, village_code]))


def lists_held(db, programme_code: str | None = None) -> list:
    """Every list held (or one programme's), with its programme's name and data and its member count."""
    rows = db.query(
        "SELECT l.*, p.name AS programme_name, p.data AS programme_data, "
        "(SELECT count(*) FROM list_member m WHERE m.programme_code = l.programme_code "
        "AND m.village_code = l.village_code) AS count "
        "FROM beneficiary_list l LEFT JOIN programme p ON p.code = l.programme_code "
        "WHERE ? IS NULL OR l.programme_code = ? ORDER BY l.programme_code, l.village_code",
        [programme_code, programme_code])
    return [_decoded(row) for row in rows]


def _decoded(row: dict) -> dict:
    programme = json.loads(row.pop("programme_data") or "{}")
    decoded = {**row, "programme": programme}
    for name in ("added", "changed", "removed"):
        decoded[name] = json.loads(row[name] or "[]")
    decoded["stale"] = bool(row["stale"])
    return decoded


def members(db, held: dict) -> list:
    """The members of a held list (from `lists_held`): nik, name, reasons, status, new, changed, application."""
    added, changed = set(held["added"]), set(held["changed"])
    applications = applications_by_nik(db, held["programme_code"])
    return [{"nik": row["nik"], "name": row["name"], "reasons": json.loads(row["reasons"] or "[]"),
             "status": row["status"], "new": row["nik"] in added, "changed": row["nik"] in changed,
             "application": applications.get(row["nik"])}
            for row in _member_rows(db, held["programme_code"], held["village_code"])]


def reason_labels(programme: dict, lang: str) -> dict:
    """{reason code: its name in `lang`} from a programme's `matching.reasons`."""
    reasons = (programme.get("matching") or {}).get("reasons") or []
    return {reason["code"]: reason.get(lang) or reason.get("id") or reason["code"]
            for reason in reasons if isinstance(reason, dict) and reason.get("code")}


def applications(db, programme_code: str | None = None) -> list:
    """Applications with the person's NIK and name (from the resident record or the list), oldest first."""
    return list(db.query(
        "SELECT a.*, COALESCE(a.nik, p.nik) AS person_nik, "
        "COALESCE(p.name, (SELECT m.name FROM list_member m WHERE m.nik = a.nik "
        "AND m.programme_code = a.programme_code LIMIT 1)) AS person_name, "
        "EXISTS (SELECT 1 FROM pending_edit e WHERE e.table_name = 'application' AND e.record_id = a.id) AS pending "
        "FROM application a LEFT JOIN person p ON p.id = a.person_id "
        "WHERE a._deleted = 0 AND (? IS NULL OR a.programme_code = ?) ORDER BY a.rowid",
        [programme_code, programme_code]))


def applications_by_nik(db, programme_code: str) -> dict:
    """{NIK: the application that counts}: an open one over a closed one, then the latest."""
    found = {}
    for row in applications(db, programme_code):
        nik = row["person_nik"]
        if nik and (nik not in found or is_open(row) or not is_open(found[nik])):
            found[nik] = row
    return found


def is_open(application: dict) -> bool:
    return application.get("status") in OPEN_STATUSES


def open_application(db, programme_code: str, person_id: str | None, nik: str | None) -> dict | None:
    """The open application of one person for one programme (by resident record or NIK), if any."""
    for row in applications(db, programme_code):
        same = (person_id and row["person_id"] == person_id) or (nik and row["person_nik"] == nik)
        if same and is_open(row):
            return row
    return None


def lists_with(db, programme_code: str, nik: str) -> list:
    """The held lists of a programme on which `nik` is a member."""
    return list(db.query("SELECT l.* FROM beneficiary_list l JOIN list_member m ON m.programme_code = l.programme_code "
                         "AND m.village_code = l.village_code WHERE l.programme_code = ? AND m.nik = ?",
                         [programme_code, nik]))


def corrections(db, programme_code: str, village_code: str) -> list:
    """The community corrections recorded on this laptop or received for one list, newest first."""
    return list(db.query("SELECT * FROM list_correction WHERE _deleted = 0 AND programme_code = ? AND village_code = ? "
                         "ORDER BY meeting_date DESC, rowid DESC", [programme_code, village_code]))
