"""The sync engine: push the outbox, apply what comes back, repeat until both sides are even.

One sync is a few round trips, each a `SyncRequest` signed by the device:

1. body: the oldest unacknowledged change-sets (at most `batch_size`) as one signed segment, or
   empty when there is nothing to push; header: the stored feed cursor;
2. the reply is verified and applied (`incoming.apply_reply`): acknowledged change-sets are
   flagged, refusals and conflicts kept, the feed page and its cursor stored in one transaction;
3. again while change-sets remain or the hub says `more`.

Retries with exponential backoff and jitter live here, because pushes are idempotent: a request
whose reply was lost is sent again, and the hub answers `duplicate`. A `sequence_gap` makes the
laptop resend from the number the hub expects. Nothing is ever removed from the outbox on an error.
The engine holds the laptop's sync lock for the whole sync.
"""

import base64
import functools
import itertools
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sync_protocol.binding import SyncRequest, refusal_signed, seal_request_body
from sync_protocol.chain import run_signer
from sync_protocol.errors import ProtocolError
from sync_protocol.version import PROTOCOL_VERSION, SUPPORTED_VERSIONS
from sync_protocol.wire import encode_signed_run
from village_client import outbox
from village_client.config import load_settings
from village_client.incoming import apply_reply
from village_client.keys import device_identity, load_key
from village_client.messages import text
from village_client.outbox import AckMismatch
from village_client.store import now_text, open_store
from village_client.sync.backoff import backoff_delay
from village_client.sync.http import HttpTransport, transport_for
from village_client.sync.lock import SyncLock
from village_client.sync.transport import HubError, HubUnreachable, SyncError, UnverifiedRefusal

MAX_ROUNDS = 500
MAX_RECOVERIES = 2  # refusals answered by the laptop itself (RECOVERABLE) in one sync


class NotEnrolled(SyncError):
    """No hub key is pinned: the laptop must be enrolled before it syncs."""

    code = "not_enrolled"


@dataclass
class SyncSummary:
    sent: int = 0
    acknowledged: int = 0
    received: int = 0
    conflicts: int = 0
    refused: int = 0
    rounds: int = 0
    not_counted: int = 0  # records the hub keeps but cannot count yet (its latest word on each)

    def add(self, sent: int, counts: dict) -> None:
        self.rounds += 1
        self.sent += sent
        for name in ("acknowledged", "received", "conflicts", "refused"):
            setattr(self, name, getattr(self, name) + counts[name])

    def describe(self, lang: str = "id") -> str:
        return text("sync.summary", lang, **asdict(self))

    @classmethod
    def of(cls, totals: dict) -> "SyncSummary":
        """The summary of counts from elsewhere (a stick's return bundle): a count `totals` lacks reads 0."""
        return cls(**{name: totals.get(name, 0) for name in SyncSummary.__dataclass_fields__})


def build_request(store, key, batch) -> SyncRequest:
    """The signed request pushing `batch` (possibly empty) after the stored cursor."""
    return signed_request(store, key, request_body(store, key, batch))


def batch_body(key, batch) -> bytes:
    """`batch` (change-sets: a list, or read one at a time from the outbox) as one signed segment in the wire
    form; no change-set is an empty body."""
    run = iter(batch)
    first = next(run, None)
    return b"" if first is None else encode_signed_run(itertools.chain([first], run), run_signer(key))


def request_body(store, key, batch) -> bytes:
    """What the next request carries: the batch in the wire form, sealed to the hub's key once the hub speaks
    version 3 (docs/protocol.md §14), so whoever carries it, relay, stick or link, cannot read it."""
    body, device = batch_body(key, batch), store.device()
    if _request_version(device) < 3:
        return body
    return seal_request_body(base64.b64decode(device["hub_public_key"]), device["device_id"], body)


def _request_version(device: dict) -> int:
    return min(device["hub_protocol"], PROTOCOL_VERSION) if device["hub_protocol"] >= 2 else 1


def signed_request(store, key, body: bytes) -> SyncRequest:
    """The request carrying `body` (from `request_body`), signed for the next round trip.

    Until the hub has answered in version 2 or 3, the request is made under version 1 and announces the
    versions this laptop speaks, so a hub not yet upgraded serves it as before (docs/protocol.md §10).
    Afterwards it is made under the hub's version, with the next counter (stored before the request leaves,
    so no counter is ever signed twice) and the challenge of the hub's last reply.
    """
    device_id, public_key = device_identity(key)
    device = store.device()
    protocol = _request_version(device)
    if protocol < 2:
        return SyncRequest.signed(key, device_id, device["feed_cursor"], body, public_key, versions=SUPPORTED_VERSIONS)
    counter = device["request_counter"] + 1
    store.update_device(request_counter=counter)
    return SyncRequest.signed(key, device_id, device["feed_cursor"], body, public_key, protocol=protocol,
                              counter=counter, challenge=device["challenge"])


class SyncEngine:
    """Runs syncs for the laptop whose data folder is `data_dir`."""

    def __init__(self, data_dir, settings=None, transport=None, *, sleep=time.sleep, rng=random.random):
        self.data_dir = Path(data_dir)
        self.settings = settings or load_settings()
        self.transport = transport
        self._kept = None  # the HTTP transport of the last sync: its connection is kept for the next one
        self.sleep, self.rng = sleep, rng

    def sync(self, progress=None) -> SyncSummary:
        """One full sync. Raises SyncBusy, NotEnrolled, HubError, HubUnreachable, AckMismatch, ProtocolError."""
        progress = progress or (lambda message: None)
        with SyncLock(self.data_dir), open_store(self.data_dir) as store:
            device = store.device()
            if not device["hub_public_key"]:
                raise NotEnrolled()
            store.update_device(last_attempt_at=now_text())
            transport = self.transport or self._http_transport(device["hub_url"])
            try:
                summary = self._rounds(store, load_key(self.data_dir), transport, progress)
                summary.not_counted = store.db["record_status"].count_where("counted = 0")
            except (SyncError, ProtocolError, AckMismatch) as error:
                store.update_device(last_error=str(error), last_error_code=getattr(error, "code", "sync_error"))
                raise
            store.update_device(last_success_at=now_text(), last_sync_via="network", last_error=None,
                                last_error_code=None, last_summary=str(asdict(summary)))
            return summary

    def _http_transport(self, hub_url: str) -> HttpTransport:
        """The transport to `hub_url`, kept from the last sync of this engine (the scheduler's engine lives as
        long as the laptop's UI): its connection stays open, so a sync on a 2G link does not first pay a round
        trip to open one. A connection the hub or the network closed meanwhile is opened again by the
        session; a request cut on it is retried like any other."""
        if self._kept is None or self._kept.base_url != hub_url.rstrip("/"):
            if self._kept is not None:
                self._kept.close()
            self._kept = transport_for(hub_url, self.settings)
        return self._kept

    def _rounds(self, store, key, transport, progress) -> SyncSummary:
        summary, recoveries = SyncSummary(), 0
        hub_key = base64.b64decode(store.device()["hub_public_key"])
        device_id = store.device()["device_id"]
        while summary.rounds < MAX_ROUNDS:
            limit = self.settings["batch_size"]
            sending = outbox.count_unacked(store.db, limit)
            progress(text("sync.progress", self.settings["language"], round=summary.rounds + 1, sending=sending))
            try:
                # Read, checked, signed and encoded in one walk of the outbox; sealed once: a retry carries the same
                # bytes.
                body = request_body(store, key, outbox.read_unacked(store.db, limit))
                reply = self._exchange(transport, functools.partial(signed_request, store, key, body))
            except HubError as refused:
                error = vetted(store, refused, hub_key)
                if error.code not in RECOVERABLE or recoveries >= MAX_RECOVERIES:
                    raise error from None
                recoveries += 1
                RECOVERABLE[error.code](store, error)
                continue
            counts = apply_reply(store, reply, hub_key, device_id, key)
            summary.add(sending, counts)
            if not _another_round(sending, counts, limit, outbox.has_unacked(store.db)):
                return summary
        return summary

    def _exchange(self, transport, make_request):
        """One round trip, tried again after a cut link, a timeout or a busy hub.

        Each attempt is signed anew: in version 2 a request the hub served but whose reply was lost would
        be a replay if sent again, so the retry carries the next counter (the body is the same bytes).
        """
        attempts = max(1, int(self.settings["retry_attempts"]))
        for attempt in range(attempts):
            try:
                return transport.exchange(make_request())
            except HubUnreachable:
                if attempt + 1 == attempts:
                    raise
                self.sleep(backoff_delay(attempt, self.settings["retry_base"], self.settings["retry_cap"], self.rng))
        raise AssertionError("unreachable")  # pragma: no cover


def vetted(store, error: HubError, hub_key: bytes) -> SyncError:
    """The refusal as this laptop takes it. A hub of version 3 signs its refusals (docs/protocol.md §11): one
    it did not sign (a relay's own, or made up on the way) is an UnverifiedRefusal, shown by its code only and
    acted on in no way, so a forged gap or counter cannot move this laptop's outbox or counter."""
    device = store.device()
    if device["hub_protocol"] < 3 or refusal_signed(error.envelope, hub_key, device["device_id"]):
        return error
    return UnverifiedRefusal(error.code)


def _resend_from(store, error: HubError) -> None:
    expected = int(error.fields().get("expected", 0))
    if expected < 1 or expected > outbox.head(store.db)[0] + 1:
        raise error  # the hub holds more than this laptop: a restored backup; people must decide
    with store.transaction() as db:
        outbox.resend_from(db, expected)


def _count_from(store, error: HubError) -> None:
    """The hub has seen higher request counters (this laptop's data was restored from a backup): go on above."""
    expected = int(error.fields().get("expected", 0))
    if expected <= store.device()["request_counter"]:
        raise error
    store.update_device(request_counter=expected - 1)


# Refusals the laptop answers itself and tries again: a gap in the chain, a counter the hub has passed.
RECOVERABLE = {"sequence_gap": _resend_from, "replayed_request": _count_from}


def _another_round(sent: int, counts: dict, batch_size: int, unacked_left: bool) -> bool:
    if counts["more"] or counts.get("resent"):  # a restored hub lost change-sets: send them again now
        return True
    # A full batch that the hub took means more may be waiting; one it did not take would loop, and an
    # outbox with nothing left needs no empty round trip (on 2G, most of a second).
    return unacked_left and sent >= batch_size and counts["acknowledged"] > 0
