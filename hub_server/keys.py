"""The hub's Ed25519 key pair: made once by `sws-hub init`, loaded by the app.

Laptops pin the public key when they enroll (the enrollment token carries its fingerprint), and
verify with it everything the hub sends them. The private key file is readable by its owner only.
Losing it means re-enrolling every laptop: back it up with the database (docs/operations.md).
"""

import base64
from dataclasses import dataclass, field
from pathlib import Path

from hub_server.config import ensure_data_dir, write_private_file
from sync_protocol.signing import (
    device_id_for,
    fingerprint,
    generate_private_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_bytes,
)

PRIVATE_KEY_FILE = "hub_key.pem"
PUBLIC_KEY_FILE = "hub_key.pub"
EXTENSION = "sws_hub_key"


@dataclass(frozen=True)
class HubKey:
    private_key: object = field(repr=False)  # Ed25519PrivateKey
    public_key: bytes  # 32 raw bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def hub_id(self) -> str:
        """A short name for this hub, derived from its key like a device id."""
        return device_id_for(self.public_key)

    @property
    def public_key_b64(self) -> str:
        return base64.b64encode(self.public_key).decode()


def create(data_dir: Path) -> HubKey:
    """Make the hub's key pair in `data_dir`. Raises FileExistsError if it already has one."""
    ensure_data_dir(data_dir)
    private_key = generate_private_key()
    write_private_file(data_dir / PRIVATE_KEY_FILE, private_key_to_pem(private_key))
    key = HubKey(private_key, public_key_bytes(private_key))
    (data_dir / PUBLIC_KEY_FILE).write_text(key.public_key_b64 + "\n")
    return key


def load(data_dir: Path) -> HubKey | None:
    """The hub's key pair, or None before `sws-hub init` made it."""
    path = Path(data_dir) / PRIVATE_KEY_FILE
    if not path.exists():
        return None
    private_key = private_key_from_pem(path.read_bytes())
    return HubKey(private_key, public_key_bytes(private_key))


def load_or_create(data_dir: Path) -> tuple[HubKey, bool]:
    """The hub's key pair and whether it was made just now."""
    key = load(data_dir)
    return (key, False) if key else (create(Path(data_dir)), True)


def init_app(app) -> None:
    app.extensions[EXTENSION] = load(Path(app.config["DATA_DIR"]))


def get(app) -> HubKey | None:
    return app.extensions.get(EXTENSION)
