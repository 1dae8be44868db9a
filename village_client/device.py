"""Setting up a laptop and reporting its state: key, database, enrollment, pending work."""

import base64
import datetime as dt
from pathlib import Path

from village_client import outbox
from village_client.keys import create_key, device_identity
from village_client.store import open_store, private_folder


def initialise(data_dir, label: str = "") -> str:
    """Create the data folder, database and device key (keeping any that exist); return the device id."""
    data_dir = private_folder(Path(data_dir))
    key = create_key(data_dir)
    device_id, public_key = device_identity(key)
    with open_store(data_dir, create=True) as store:
        if not list(store.db.query("SELECT id FROM device")):
            with store.transaction() as db:
                db["device"].insert({"id": 1, "device_id": device_id, "label": label,
                                     "public_key": base64.b64encode(public_key).decode()})
        elif store.device()["device_id"] != device_id:
            raise RuntimeError("the device key does not belong to this database")
    return device_id


def status(store) -> dict:
    """What the status screen and `sws-village status` show."""
    device = store.device()
    return {
        "device_id": device["device_id"], "label": device["label"], "hub_url": device["hub_url"],
        "enrolled": bool(device["hub_public_key"]), "scope": device["scope"], "role": device["role"],
        "pending": outbox.pending_count(store.db), "last_success_at": device["last_success_at"],
        "last_attempt_at": device["last_attempt_at"], "last_error": device["last_error"],
        "last_error_code": device["last_error_code"],
        "open_conflicts": store.scalar("SELECT count(*) FROM conflict WHERE status = 'open'"),
        "refusals": store.scalar("SELECT count(*) FROM refusal"),
        "last_sync_via": device.get("last_sync_via"),
    }


def trouble(store, stale_days: int, now: dt.datetime | None = None) -> list:
    """What is wrong with this laptop's link to the hub, most serious first: [(code, params)].

    - ("revoked", {"reason"}): the hub revoked this laptop; nothing it sends is taken any more;
    - ("fork", {}): its history and the hub's part ways (a laptop restored from an old backup);
    - ("stale", {"days"}): no exchange with the hub (network or USB) for `stale_days` days or more;
    - ("never", {}): enrolled, but never synced.
    """
    device = store.device()
    if not device["hub_public_key"]:
        return []
    found = []
    revoked = next(iter(store.db.query("SELECT reason FROM revocation WHERE device_id = ?", [device["device_id"]])),
                   None)
    if revoked is not None or device["last_error_code"] == "revoked_device":
        found.append(("revoked", {"reason": (revoked or {}).get("reason") or device["last_error"] or ""}))
    if device["last_error_code"] == "fork":
        found.append(("fork", {}))
    last = _parsed(device["last_success_at"])
    if last is None:
        found.append(("never", {}))
    else:
        days = ((now or dt.datetime.now(dt.UTC)) - last).days
        if days >= stale_days:
            found.append(("stale", {"days": days}))
    return found


def _parsed(text):
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
    except ValueError:
        return None
