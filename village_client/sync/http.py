"""The HTTP transport: to the hub, or to a sub-district relay that forwards verbatim.

Every request has an explicit (connect, read) timeout. `CountingSession` counts requests and bytes
on the wire (compressed, as a 2G link carries them) for the status screen and the benchmarks.
Retries are not here: the adapter never retries, the engine does (with backoff), because it knows
that pushes are idempotent.
"""

import ipaddress
from urllib.parse import urlsplit

import requests

from sync_protocol.binding import ENROLL_PATH, SYNC_PATH, SyncReply, SyncRequest
from village_client.sync.transport import HubError, HubUnreachable, PlainHttpRefused, TlsFailed

# Answers that mean "not now" rather than "no": the engine retries them.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
NETWORK_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                  requests.exceptions.ContentDecodingError)


class CountingSession(requests.Session):
    """A requests.Session that counts requests and the bytes they sent and received."""

    def __init__(self):
        super().__init__()
        self.requests_made = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    def send(self, request, **kwargs):
        self.requests_made += 1
        body = request.body or b""
        self.bytes_sent += len(body if isinstance(body, bytes) else body.encode())
        self.bytes_sent += sum(len(name) + len(value) + 4 for name, value in request.headers.items())
        response = super().send(request, **kwargs)
        self.bytes_received += _wire_length(response)
        return response

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if isinstance(self.verify, str):  # the district's own authority (hub_ca_file) wins over REQUESTS_CA_BUNDLE
            settings["verify"] = self.verify
        return settings

    def counters(self) -> dict:
        return {"requests": self.requests_made, "bytes_sent": self.bytes_sent, "bytes_received": self.bytes_received}


def _wire_length(response) -> int:
    """Bytes read from the socket (before gzip decoding) when urllib3 can tell, else the body length."""
    try:
        return int(response.raw.tell()) + sum(len(k) + len(v) + 4 for k, v in response.headers.items())
    except (AttributeError, TypeError, ValueError):
        return len(response.content)


def is_on_this_laptop(host: str) -> bool:
    """localhost, or an address in 127.0.0.0/8 or ::1: traffic that never leaves the laptop."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def hub_session(url: str, settings: dict) -> CountingSession:
    """A session for the hub (or relay) at `url`, checking its certificate against `hub_ca_file` when set.

    Raises PlainHttpRefused for http:// to another machine unless `allow_plain_http`: personal data must
    not cross a network in clear text by mistake (a sub-district relay on the office's own network may be
    allowed on purpose)."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not is_on_this_laptop(parts.hostname or "") and not settings["allow_plain_http"]:
        raise PlainHttpRefused(url)
    session = CountingSession()
    session.verify = settings["hub_ca_file"] or True
    return session


def transport_for(url: str, settings: dict) -> "HttpTransport":
    """The HTTP transport to `url` with the laptop's settings (timeouts, language, TLS)."""
    return HttpTransport(url, hub_session(url, settings), connect_timeout=settings["connect_timeout"],
                         read_timeout=settings["read_timeout"], language=settings["language"])


class HttpTransport:
    """`exchange` over HTTP POST to `base_url` (a hub, or a relay that speaks the same API)."""

    def __init__(self, base_url: str, session: CountingSession | None = None, *, connect_timeout: float = 10.0,
                 read_timeout: float = 90.0, language: str = "id"):
        self.base_url = base_url.rstrip("/")
        self.session = session or CountingSession()
        self.timeout = (connect_timeout, read_timeout)
        self.language = language

    def exchange(self, request: SyncRequest) -> SyncReply:
        headers = {**request.headers(), "Accept-Language": self.language, "Accept-Encoding": "gzip"}
        data = self._post(SYNC_PATH, data=request.body, headers=headers)
        return SyncReply.from_json(data)

    def enroll(self, payload: dict) -> dict:
        return self._post(ENROLL_PATH, json=payload, headers={"Accept-Language": self.language})

    def _post(self, path: str, **kwargs) -> dict:
        try:
            response = self.session.post(self.base_url + path, timeout=self.timeout, **kwargs)
            data = _json_or_none(response)
        except requests.exceptions.SSLError as exc:
            raise TlsFailed(f"{type(exc).__name__}: {exc}") from exc
        except NETWORK_ERRORS as exc:
            raise HubUnreachable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code in RETRY_STATUSES:
            raise HubUnreachable(f"HTTP {response.status_code}")
        if response.status_code == 200 and data is None:
            raise HubUnreachable("the reply was cut short")  # a cut link, not a refusal: try again
        if response.status_code != 200 or not isinstance(data, dict) or data.get("ok") is False:
            raise _hub_error(response.status_code, data)
        return data

    def close(self) -> None:
        self.session.close()


def _json_or_none(response):
    try:
        return response.json()
    except ValueError:
        return None


def _hub_error(status: int, data) -> HubError:
    if not isinstance(data, dict):
        return HubError(status, "http_error", f"HTTP {status} without an error envelope")
    known = {"ok", "status", "code", "error", "errors", "signed_for", "sig"}
    fields = {key: value for key, value in data.items() if key not in known}
    return HubError(int(data.get("status") or status), str(data.get("code") or "http_error"),
                    str(data.get("error") or ""), fields, data.get("errors") or [], data)
