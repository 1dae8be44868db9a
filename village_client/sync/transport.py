"""The transport interface, and the errors a sync reports to the officer.

A `SyncRequest` (`sync_protocol.binding`) is complete and signed by the device before any transport
sees it: a relay or a USB stick carries it verbatim, and whatever carries the `SyncReply` back, the
engine verifies the feed page with the hub key pinned at enrollment. Transports cannot be told apart
by the engine.
"""

from typing import Protocol

from sync_protocol.binding import SyncReply, SyncRequest
from village_client.messages import code_words


class SyncError(Exception):
    """Base of the errors a sync reports to the officer; `code` names it in the message catalogue."""

    code = "sync_error"

    def fields(self) -> dict:
        return {}


class HubError(SyncError):
    """The hub (or a relay) answered with the error envelope; `envelope` is it as received, for checking the
    hub's signature (`sync_protocol.binding.refusal_signed`)."""

    def __init__(self, status: int, code: str, message: str = "", fields: dict | None = None, errors=(),
                 envelope: dict | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self._fields, self.errors = dict(fields or {}), list(errors)
        self.envelope = dict(envelope or {})

    def fields(self) -> dict:
        return self._fields


class UnverifiedRefusal(SyncError):
    """A refusal the hub did not sign, reaching a laptop whose hub signs its refusals: said by a relay (its own
    checks, or that the hub was out of reach) or made up on the way. Shown by its code only and acted on in no
    way: the work stays waiting, unchanged."""

    code = "unverified_refusal"

    def __init__(self, said: str):
        super().__init__(said)
        self.said = said if said.replace("_", "").isalnum() and len(said) <= 40 else "?"

    def fields(self) -> dict:
        return {"said": self.said}

    def fields_in(self, lang: str) -> dict:
        """The claimed code also in words, from this laptop's own catalogue: never the words that came with it."""
        return {"said": self.said, "words": code_words(self.said, lang)}


class HubUnreachable(SyncError):
    """No usable answer: connection refused or cut, timeout, or a server error, after the retries."""

    code = "unreachable"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class PlainHttpRefused(SyncError):
    """A hub or relay address with plain http:// that is not on this laptop, without `allow_plain_http`."""

    code = "plain_http"

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url

    def fields(self) -> dict:
        return {"url": self.url}


class TlsFailed(SyncError):
    """The hub's TLS certificate could not be checked: not retried, since trying again cannot help."""

    code = "tls_failed"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class Transport(Protocol):
    def exchange(self, request: SyncRequest) -> SyncReply:
        """Carry the request to the hub and its reply back. Raises HubError or HubUnreachable."""
