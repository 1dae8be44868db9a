"""`sws-hub serve`: the app under waitress, with the error envelope even for waitress's own refusals.

Waitress reads a whole request body before the app sees it, so it must refuse an oversized body
itself (`max_request_body_size` = MAX_BODY_BYTES) to keep the hub's memory and disk bounded. Its
refusals (413 body too large, 400 malformed HTTP, 431 headers too large) are answered in the same
JSON envelope as the app's, so a laptop reads one error shape whatever refused it.
"""

import json

from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

from hub_server.api.messages import message

WAITRESS_CODES = {413: "body_too_large", 400: "malformed"}


class EnvelopeErrorTask(ErrorTask):
    def execute(self):
        error = self.request.error
        limit = self.channel.server.adj.max_request_body_size
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


def make_server(app, host: str, port: int, threads: int):
    """A waitress server for `app` on host:port (port 0 picks a free one: see `effective_port`)."""
    server = create_server(app, host=host, port=port, threads=threads, ident="sws-hub",
                           max_request_body_size=app.config["MAX_BODY_BYTES"], clear_untrusted_proxy_headers=True)
    server.channel_class = EnvelopeChannel
    return server
