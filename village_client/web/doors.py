"""What the laptop's web UI answers, and with which headers.

The UI listens on the laptop itself (setting `ui_host`, 127.0.0.1). A web page elsewhere could still
make the officer's browser send requests to it under another host name that points at 127.0.0.1
(DNS rebinding): the UI answers only its own host names. Every answer forbids framing, scripts from
anywhere (the pages use none), and telling other sites the page's address.
"""

from flask import current_app, request

from village_client.errors import Refused

LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "script-src 'none'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                               "form-action 'self'",
    "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
}


def host_name(host: str) -> str:
    """The name part of a Host header: "127.0.0.1:8780" -> "127.0.0.1", "[::1]:8780" -> "::1"."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_host() -> None:
    """Before each request: refuse a Host that is not this laptop's (`host_refused`)."""
    allowed = {*LOCAL_NAMES, current_app.config["SETTINGS"].get("ui_host", "127.0.0.1")}
    if host_name(request.host or "").lower() not in allowed:
        raise Refused("host_refused", 400)


def add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
