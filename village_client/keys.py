"""The device's Ed25519 key pair, made on the laptop and never sent anywhere but its public half.

The private key lives in `device_key.pem` in the data folder, mode 0600; on a protected laptop the file
is encrypted with the database key (`village_client.at_rest`). The device id is derived
from the public key (`sync_protocol.signing.device_id_for`), so the laptop can name its records
before it ever reaches the hub. The key is made once: re-enrolling keeps it, so the chain of
change-sets (and every unsynced one) stays valid.
"""

from pathlib import Path

from sync_protocol.signing import (
    device_id_for,
    generate_private_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_bytes,
)
from village_client import at_rest
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
    write_key(data_dir, path, key)
    return key


def write_key(data_dir: Path, path: Path, key) -> None:
    """Write a private key of this laptop to `path`: sealed with the database key when the laptop is protected."""
    pem = private_key_to_pem(key)
    database_key = at_rest.database_key(data_dir)
    at_rest.write_private(path, at_rest.seal_file(database_key, pem) if database_key else pem)


def load_key(data_dir: Path):
    """The device's private key. Raises KeyMissing when the file is gone, DatabaseLocked when it is sealed and
    no officer has logged in in this process."""
    path = key_path(data_dir)
    if not path.exists():
        raise KeyMissing(str(path))
    data = path.read_bytes()
    if at_rest.is_sealed(data):
        data = at_rest.open_file(at_rest.database_key(data_dir), data)
    return private_key_from_pem(data)


def device_identity(key) -> tuple:
    """(device id, raw public key) of a private key."""
    public = public_key_bytes(key)
    return device_id_for(public), public
