"""The relay's HTTP face: the hub's `/api/v1/sync` and `/api/v1/enroll`, forwarded verbatim.

Village laptops on the sub-district's network use the relay's address as their hub address. A
request the relay cannot verify offline is answered with the hub's error envelope
(`schemas.errors.error_envelope`, messages from the village catalogue in the language the request's
`Accept-Language` asks for), as is any other error: an unknown path, a wrong method, a failure; a hub
that does not answer becomes `503 hub_unreachable`, which the village engine retries with backoff
like any busy hub.
"""

import base64
import json

import requests
from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from schemas.errors import accepted_language
from sync_protocol.binding import DEVICE_HEADER, ENROLL_PATH, REQUEST_HEADERS, SYNC_PATH, VIA_HEADER, SyncRequest
from sync_protocol.errors import ProtocolError
from village_client.errors import KNOWN, Refused, envelope, http_refusal
from village_client.relay import check_request, forward, learn_device, log, refusal_envelope
from village_client.store import open_store
from village_client.sync.http import CountingSession

PASSED_REQUEST_HEADERS = (*REQUEST_HEADERS, "Content-Type", "Accept-Language")


def create_relay_app(data_dir, hub_url: str, timeout=(10.0, 90.0), session: CountingSession | None = None) -> Flask:
    """The relay's app; `session` (from `village_client.sync.http.hub_session`) carries the hub's TLS settings."""
    app = Flask(__name__)
    app.config.update(DATA_DIR=str(data_dir), HUB_URL=hub_url, TIMEOUT=timeout)
    app.extensions["sws_session"] = session or CountingSession()
    app.add_url_rule(SYNC_PATH, "sync", relay_sync, methods=["POST"])
    app.add_url_rule(ENROLL_PATH, "enroll", relay_enroll, methods=["POST"])
    for root in KNOWN:
        app.register_error_handler(root, lambda error: _envelope_response(envelope(error, accepted_language(request))))
    app.register_error_handler(HTTPException, lambda error: _envelope_response(
        envelope(http_refusal(error.code or 500, request), accepted_language(request))))
    return app


def _envelope_response(body: dict) -> Response:
    return Response(json.dumps(body), body["status"], mimetype="application/json")


def _forward(path: str, body: bytes) -> Response:
    headers = {name: request.headers[name] for name in PASSED_REQUEST_HEADERS if name in request.headers}
    headers[VIA_HEADER] = "relay"
    try:
        status, passed, raw = forward(current_app.extensions["sws_session"], current_app.config["HUB_URL"], path,
                                      headers, body, current_app.config["TIMEOUT"])
    except requests.RequestException as exc:
        refused = Refused("hub_unreachable", 503, detail=type(exc).__name__)
        return _envelope_response(envelope(refused, accepted_language(request)))
    return Response(raw, status, headers=passed)


def relay_sync():
    body = request.get_data()
    device_id = request.headers.get(DEVICE_HEADER)
    with open_store(current_app.config["DATA_DIR"]) as store:
        try:
            check_request(store, SyncRequest.from_headers(request.headers, body))
        except ProtocolError as refused:
            log(store, "network", device_id, "refused", refused.code)
            return _envelope_response(refusal_envelope(refused, accepted_language(request)))
    response = _forward(SYNC_PATH, body)  # no database held open while the hub answers over a slow link
    with open_store(current_app.config["DATA_DIR"]) as store:
        log(store, "network", device_id, "forwarded" if response.status_code == 200 else "refused",
            None if response.status_code == 200 else str(response.status_code))
    return response


def relay_enroll():
    """Forward an enrollment; on success remember the village's public key for later checks."""
    body = request.get_data()
    response = _forward(ENROLL_PATH, body)
    if response.status_code == 200:
        try:
            public_key = base64.b64decode(json.loads(body)["public_key"])
            with open_store(current_app.config["DATA_DIR"]) as store:
                learn_device(store, public_key)
        except (KeyError, TypeError, ValueError):
            pass  # the hub accepted it, so it is the hub's concern; the key is learned on the first push
    return response
