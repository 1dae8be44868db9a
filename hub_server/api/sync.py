"""POST /api/v1/sync: one round trip pushes a device's change-sets and pulls its feed (docs/protocol.md §11).

Protocol errors (bad signature, gap, fork, revoked device...) leave through the error envelope with
their own code and fields; the service has recorded them in the audit log.
"""

import gzip
import json

from flask import Response, current_app, request

from hub_server.api.hub import database, hub_key
from hub_server.messages import language
from hub_server.services import ingest
from sync_protocol.binding import SyncRequest

GZIP_FROM_BYTES = 512  # smaller replies go as they are: gzip's own header would not pay for itself


def sync():
    key = hub_key()
    sync_request = SyncRequest.from_headers(request.headers, request.get_data(cache=False))
    with database().uow(immediate=True) as uow:
        reply = ingest.sync(uow, sync_request, key.private_key, page_size=current_app.config["FEED_PAGE_SIZE"],
                            lang=language(request.headers.get("Accept-Language")),
                            serve_version_1=current_app.config["SERVE_PROTOCOL_1"])
    return _json_response(reply)


def _json_response(reply: dict) -> Response:
    data = json.dumps(reply, separators=(",", ":"), ensure_ascii=False).encode()
    response = Response(data, mimetype="application/json")
    if len(data) >= GZIP_FROM_BYTES and "gzip" in request.headers.get("Accept-Encoding", ""):
        response.set_data(gzip.compress(data, 6))
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
    return response
