"""The device's Ed25519 key pair, made on the laptop and never sent anywhere but its public half.

The private key lives in `device_key.pem` in the data folder, mode 0600. The device id is derived
from the public key (`sync_protocol.signing.device_id_for`), so the laptop can name its records
before it ever reaches the hub. The key is made once: re-enrolling keeps it, so the chain of
change-sets (and every unsynced one) stays valid.
"""

import os
from pathlib import Path

from sync_protocol.signing import (
    device_id_for,
    generate_private_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_bytes,
)
from village_client.errors import VillageError

KEY_FILE = "device_key.pem"


class KeyMissing(VillageError):
    """The data folder has a database but no device key: restore the key file, never make a new one."""

    code = "key_missing"

    def fields(self) -> dict:
        return {"path": self.args[0] if self.args else ""}


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILE


def create_key(data_dir: Path):
    """Make the key pair and write the private key readable by its owner only; keep an existing one."""
    path = key_path(data_dir)
    if path.exists():
        return load_key(data_dir)
    key = generate_private_key()
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_key_to_pem(key))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return key


def load_key(data_dir: Path):
    """The device's private key. Raises KeyMissing when the file is gone."""
    path = key_path(data_dir)
    if not path.exists():
        raise KeyMissing(str(path))
    return private_key_from_pem(path.read_bytes())


def device_identity(key) -> tuple:
    """(device id, raw public key) of a private key."""
    public = public_key_bytes(key)
    return device_id_for(public), public
