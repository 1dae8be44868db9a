"""POST /api/v1/sync: one round trip pushes a device's change-sets and pulls its feed (docs/protocol.md §11).

Protocol errors (bad signature, gap, fork, revoked device...) leave through the error envelope with
their own code and fields, signed by the hub for the device and request they answer (docs/protocol.md
§11), so a laptop acts on a refusal (resending from a gap, counting on from a replay) only when it is
the hub's; the service has recorded them in the audit log.
"""

import gzip
import json

from flask import Response, current_app, request

from hub_server.api.hub import database, hub_key
from hub_server.envelope import envelope
from hub_server.errors import ProtocolRefused
from hub_server.messages import language
from hub_server.services import ingest
from sync_protocol.binding import SyncRequest, sign_refusal
from sync_protocol.errors import ProtocolError

GZIP_FROM_BYTES = 512  # smaller replies go as they are: gzip's own header would not pay for itself


def sync():
    key = hub_key()
    sync_request = SyncRequest.from_headers(request.headers, request.get_data(cache=False))
    lang = language(request.headers.get("Accept-Language"))
    try:
        with database().uow(immediate=True) as uow:
            reply = ingest.sync(uow, sync_request, key.private_key, page_size=current_app.config["FEED_PAGE_SIZE"],
                                lang=lang, serve_version_1=current_app.config["SERVE_PROTOCOL_1"])
    except ProtocolError as error:
        refused = ProtocolRefused(error)
        signed = sign_refusal(key.private_key, envelope(refused, lang), sync_request.device_id, sync_request.counter)
        return _json_response(signed), refused.status
    return _json_response(reply)


def _json_response(reply: dict) -> Response:
    data = json.dumps(reply, separators=(",", ":"), ensure_ascii=False).encode()
    response = Response(data, mimetype="application/json")
    if len(data) >= GZIP_FROM_BYTES and "gzip" in request.headers.get("Accept-Encoding", ""):
        response.set_data(gzip.compress(data, 6))
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
    return response
