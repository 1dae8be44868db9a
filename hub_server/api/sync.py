"""POST /api/v1/sync: one round trip pushes a device's change-sets and pulls its feed (docs/protocol.md §11).

Protocol errors (bad signature, gap, fork, revoked device...) leave through the error envelope with
their own code and fields; the service has recorded them in the audit log.
"""

import gzip
import json

from flask import Response, current_app, request

from hub_server.api import bp, database, hub_key
from hub_server.services import ingest
from sync_protocol.errors import MalformedMessage

GZIP_FROM_BYTES = 512  # smaller replies go as they are: gzip's own header would not pay for itself


@bp.post("/sync")
def sync():
    key = hub_key()
    sync_request = ingest.SyncRequest(
        device_id=request.headers.get("X-SWS-Device", ""), signature=request.headers.get("X-SWS-Signature", ""),
        cursor=request.headers.get("X-SWS-Cursor", ""), body=request.get_data(cache=False),
        protocol=_protocol_version(), via=_via())
    with database().uow(immediate=True) as uow:
        reply = ingest.sync(uow, sync_request, key.private_key, page_size=current_app.config["FEED_PAGE_SIZE"])
    return _json_response(reply)


def _protocol_version() -> int:
    text = request.headers.get("X-SWS-Protocol", "1")
    if not text.isdigit():
        raise MalformedMessage("X-SWS-Protocol", "the protocol version is a whole number")
    return int(text)


def _via() -> str:
    via = request.headers.get("X-SWS-Via", "http")
    return via if via in ("http", "relay", "bundle") else "http"


def _json_response(reply: dict) -> Response:
    data = json.dumps(reply, separators=(",", ":"), ensure_ascii=False).encode()
    response = Response(data, mimetype="application/json")
    if len(data) >= GZIP_FROM_BYTES and "gzip" in request.headers.get("Accept-Encoding", ""):
        response.set_data(gzip.compress(data, 6))
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
    return response
