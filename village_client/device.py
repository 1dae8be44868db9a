"""Setting up a laptop and reporting its state: key, database, enrollment, pending work."""

import base64
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
    }
