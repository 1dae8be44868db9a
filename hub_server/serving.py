"""`sws-hub serve`: the app under waitress, with the error envelope even for waitress's own refusals.

Waitress reads a whole request body before the app sees it, so it must refuse an oversized body
itself (`max_request_body_size` = MAX_BODY_BYTES) to keep the hub's memory and disk bounded. Its
refusals (413 body too large, 400 malformed HTTP, 431 headers too large) are answered in the same
JSON envelope as the app's, so a laptop reads one error shape whatever refused it.

The admin UI's upload pages (`app.extensions["sws_upload_limits"]`: path -> bytes, for POST) take
larger bodies than the API: waitress's limit is widened for those paths only.
"""

import json

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import create_server
from waitress.task import ErrorTask

from hub_server.messages import message

WAITRESS_CODES = {413: "body_too_large", 400: "malformed"}
UPLOAD_LIMITS = "sws_upload_limits"


class EnvelopeErrorTask(ErrorTask):
    def execute(self):
        error = self.request.error
        limit = self.request.adj.max_request_body_size  # the request's own: an upload path's is larger
        lang = "en" if self.request.headers.get("ACCEPT_LANGUAGE", "").lower().startswith("en") else "id"
        code = WAITRESS_CODES.get(error.code, "internal" if error.code >= 500 else "http_error")
        body = json.dumps({
            "ok": False, "status": error.code, "code": code,
            "error": message(code, lang, limit=limit, detail=error.body, status=error.code),
            "errors": [], **({"limit": limit} if code == "body_too_large" else {}),
        }).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class EnvelopeChannel(HTTPChannel):
    error_task_class = EnvelopeErrorTask


class WiderLimit:
    """Waitress's adjustments for one request, with a larger body limit."""

    def __init__(self, adj, limit: int):
        self._adj, self.max_request_body_size = adj, limit

    def __getattr__(self, name):
        return getattr(self._adj, name)


def upload_parser(limits: dict) -> type:
    """A request parser that allows POST bodies up to `limits[path]` on those paths."""

    class UploadParser(HTTPRequestParser):
        def parse_header(self, header_plus):
            super().parse_header(header_plus)
            limit = limits.get(self.path) if self.command == "POST" else None
            if limit and limit > self.adj.max_request_body_size:
                self.adj = WiderLimit(self.adj, limit)

    return UploadParser


def make_server(app, host: str, port: int, threads: int):
    """A waitress server for `app` on host:port (port 0 picks a free one: see `effective_port`)."""
    server = create_server(app, host=host, port=port, threads=threads, ident="sws-hub",
                           max_request_body_size=app.config["MAX_BODY_BYTES"], clear_untrusted_proxy_headers=True)
    limits = app.extensions.get(UPLOAD_LIMITS)
    server.channel_class = type("HubChannel", (EnvelopeChannel,), {"parser_class": upload_parser(limits)}) \
        if limits else EnvelopeChannel
    return server
