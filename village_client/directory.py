"""The district's directory of services held on the laptop (feed kind "service", `hub_server.services.directory`).

Case workers choose a plan action's or a referral's service from it offline (the case page offers the
active services by kind, `sws-village services` lists them). A code the directory does not hold, or holds
as no longer active, is refused naming `service_code`, so a typing slip never sends a referral nowhere;
a laptop that has not received the directory yet (a hub that never loaded one) takes any code.
"""

from schemas.choices import bilingual
from village_client.fieldrules import LocalError
from village_client.store import now_text


def keep(db, code: str, data: dict) -> None:
    """Hold a service as the hub sent it (its whole current state)."""
    if not isinstance(data.get("name"), str) or not isinstance(data.get("kind"), str):
        raise ValueError(f"service {code} has no name or kind")
    db.execute("INSERT OR REPLACE INTO service (code, name, kind, address, region_code, phone, opening_hours, active, "
               "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [code, data["name"], data["kind"], data.get("address"), data.get("region_code"), data.get("phone"),
                data.get("opening_hours"), 1 if data.get("active", True) else 0, now_text()])


def services(db, kind: str = "") -> list:
    """The active services, by kind and name; of one kind when `kind` is given."""
    where, params = ("active = 1 AND kind = ?", [kind]) if kind else ("active = 1", [])
    return list(db.query(f"SELECT code, name, kind, address, region_code, phone, opening_hours FROM service "
                         f"WHERE {where} ORDER BY kind, name", params))


def choices(db) -> list:
    """(code, "name — code") of every active service, for a form's list."""
    return [(row["code"], f"{row['name']} — {row['code']}") for row in services(db)]


def errors(db, values: dict) -> list:
    """[LocalError] when `values` names a service the laptop's directory does not hold as active."""
    code = values.get("service_code")
    if not code or not db["service"].exists() or not db["service"].count:
        return []
    held = db.execute("SELECT active FROM service WHERE code = ?", [code]).fetchone()
    if held is None:
        return [LocalError("service_code", "service_unknown", {"code": code})]
    if not held[0]:
        return [LocalError("service_code", "service_inactive", {"code": code})]
    return []


def kind_label(kind: str, lang: str) -> str:
    return bilingual("service_kind", kind).get(lang) or kind
