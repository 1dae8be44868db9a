"""GET /api/v1/hello: who this hub is, which protocol versions it speaks, and its clock."""

import datetime as dt

from flask import current_app, jsonify

from hub_server.api.hub import hub_key
from sync_protocol.version import CAPABILITIES, PROTOCOL_VERSION, SUPPORTED_VERSIONS


def served(version_1: bool) -> frozenset:
    """The versions this hub serves: every one it speaks, or without 1 once SERVE_PROTOCOL_1 is off."""
    return SUPPORTED_VERSIONS if version_1 else SUPPORTED_VERSIONS - {1}


def hello():
    """Who this hub is, which protocol versions it speaks, and its clock (for people to read)."""
    key = hub_key()
    return jsonify(ok=True, hub_id=key.hub_id, name=current_app.config["HUB_NAME"],
                   hub_fingerprint=key.fingerprint, protocol_version=PROTOCOL_VERSION,
                   protocol_versions=sorted(served(current_app.config["SERVE_PROTOCOL_1"])),
                   capabilities=sorted(CAPABILITIES),
                   time=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
