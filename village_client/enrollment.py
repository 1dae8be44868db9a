"""Enrolling the laptop at the hub, and refusing a false hub.

The IT person types a token `<secret>.<fingerprint prefix>`: the part after the last "." is the
start (at least 16 characters) of the hub key's fingerprint. The laptop sends the token and its
public key, and accepts the reply only if the hub key in it has that fingerprint and signed the
reply (`SWS-ENROLL-REPLY`). The hub key is then pinned: every feed page must carry its signature.

Re-enrolling keeps the device key, the outbox and everything unsynced; only a change of hub key or
scope resets the feed cursor, so the laptop pulls what its new scope holds from the start.
"""

import base64
import re

from sync_protocol.binding import verify_enroll_reply
from sync_protocol.errors import ProtocolError
from sync_protocol.signing import fingerprint
from village_client.config import load_settings
from village_client.keys import device_identity, load_key
from village_client.store import now_text, open_store
from village_client.sync.http import transport_for
from village_client.sync.transport import SyncError

MIN_PREFIX = 16


class EnrollmentRefused(SyncError):
    """The token is malformed (`bad_token`) or the reply does not come from the hub it names (`false_hub`)."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


def parse_token(token: str) -> tuple:
    """(secret, fingerprint prefix), ignoring case, spaces and dashes in the prefix (a token read over the
    phone). Raises EnrollmentRefused(bad_token)."""
    secret, dot, prefix = (token or "").strip().rpartition(".")
    prefix = re.sub(r"[\s\-]", "", prefix)
    if not dot or not secret or len(prefix) < MIN_PREFIX or not prefix.isalnum():
        raise EnrollmentRefused("bad_token", f"expected <secret>.<at least {MIN_PREFIX} fingerprint characters>")
    return secret, prefix.lower()


def check_reply(reply: dict, prefix: str, device_id: str) -> bytes:
    """The hub's public key from a genuine reply. Raises EnrollmentRefused(false_hub)."""
    try:
        hub_key = base64.b64decode(reply["hub_public_key"], validate=True)
        if not fingerprint(hub_key).startswith(prefix):
            raise EnrollmentRefused("false_hub", "the hub key's fingerprint does not match the token")
        verify_enroll_reply(reply, hub_key)
    except (KeyError, TypeError, ValueError, ProtocolError) as exc:
        raise EnrollmentRefused("false_hub", f"the reply is not signed by the hub in the token: {exc}") from exc
    if reply.get("device_id") != device_id:
        raise EnrollmentRefused("false_hub", "the reply names another device")
    return hub_key


def enroll(data_dir, hub_url: str, token: str, label: str = "", settings=None, transport=None, key=None) -> dict:
    """Enroll this laptop (with `key`: a new key, for `village_client.readmit`); return {"device_id", "scope",
    "role"}. Raises EnrollmentRefused, HubError, HubUnreachable."""
    settings = settings or load_settings()
    _, prefix = parse_token(token)
    device_id, public_key = device_identity(key or load_key(data_dir))
    transport = transport or transport_for(hub_url, settings)
    # The whole token goes to the hub: it checks the secret, and the fingerprint part tells it when the
    # laptop was given a token of another hub.
    reply = transport.enroll({"token": token.strip(), "public_key": base64.b64encode(public_key).decode(),
                              "label": label})
    hub_key = check_reply(reply, prefix, device_id)
    with open_store(data_dir) as store:
        pin_hub(store, hub_url, hub_key, list(reply.get("scope") or []), reply.get("role"), label,
                reply.get("protocol_versions") or (), reply.get("challenge"))
    return {"device_id": device_id, "scope": reply.get("scope"), "role": reply.get("role")}


def pin_hub(store, hub_url: str, hub_key: bytes, scope: list, role, label: str, hub_versions=(),
            challenge=None) -> None:
    """Pin the hub's key, scope and role. `hub_versions` are the protocol versions the hub's signed reply says it
    speaks: with version 3 the laptop seals even its first request; otherwise it learns from the hub's answers.
    `challenge`, given by a hub of this version, lets that first request read its feed page too."""
    device = store.device()
    key_text = base64.b64encode(hub_key).decode()
    same_hub = device["hub_public_key"] == key_text
    same_feed = same_hub and sorted(device["scope"]) == sorted(scope)
    # Another hub, or one not heard from yet: learn again which version it answers in (a hub of version 3 says
    # so in its signed reply, so even the first request is sealed) and, for another hub, which format it reads.
    protocol = {} if same_hub and device["hub_protocol"] else {
        "hub_protocol": 3 if 3 in list(hub_versions) else 0, "challenge": ""}
    if not same_hub:
        protocol["changeset_version"] = 1
    if isinstance(challenge, str) and challenge:
        protocol["challenge"] = challenge
    store.update_device(hub_url=hub_url.rstrip("/"), hub_public_key=key_text, scope=sorted(scope), role=role,
                        enrolled_at=now_text(), label=label or device["label"],
                        feed_cursor=device["feed_cursor"] if same_feed else "", **protocol)
