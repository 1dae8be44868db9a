"""The hub's HTTP API, mounted at /api/v1.

Handlers are thin: read the body (`api.body`), call one service, return JSON. Every error leaves as
the one envelope (`hub_server.envelope`). The sync endpoints live in `api/sync.py`.
"""

import datetime as dt
import importlib.util

from flask import Blueprint, current_app, jsonify

from hub_server import db, keys
from hub_server.errors import HubNotInitialised
from sync_protocol.version import CAPABILITIES, PROTOCOL_VERSION, SUPPORTED_VERSIONS

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/hello")
def hello():
    """Who this hub is, which protocol versions it speaks, and its clock (for people to read)."""
    key = hub_key()
    return jsonify(ok=True, hub_id=key.hub_id, name=current_app.config["HUB_NAME"],
                   hub_fingerprint=key.fingerprint, protocol_version=PROTOCOL_VERSION,
                   protocol_versions=sorted(SUPPORTED_VERSIONS), capabilities=sorted(CAPABILITIES),
                   time=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def hub_key():
    """The hub's key pair. Raises HubNotInitialised before `sws-hub init`."""
    key = keys.get(current_app)
    if key is None:
        raise HubNotInitialised()
    return key


def database():
    return db.get(current_app)


# Modules that register their handlers on `bp` when imported.
ROUTE_MODULES = ("hub_server.api.enroll", "hub_server.api.sync")


def init_app(app) -> None:
    for name in ROUTE_MODULES:
        if importlib.util.find_spec(name):
            importlib.import_module(name)
    app.register_blueprint(bp)
