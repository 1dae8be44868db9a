"""USB bundles: the sync request goes out on a stick, the hub's reply comes back on one.

`export_bundle` writes the laptop's unacknowledged change-sets as `sync_protocol.bundle` batches,
together with the signed sync requests that carry them (`sws-sync-request` items,
`sync_protocol.binding`): a sub-district relay forwards each request to the hub verbatim, as if the
laptop had sent it, and writes the hub's replies into a return bundle (`sws-sync-reply` items).
`import_bundle` applies those replies with the same verification as an HTTP reply (feed pages signed
by the pinned hub key, for this device).

Files are written to a temporary name, flushed to the stick and renamed, so a stick pulled out
mid-write never holds half a bundle under the final name.
"""

import base64
import os
from pathlib import Path

from sync_protocol.binding import REPLY_ITEM, SyncReply, SyncRequest
from sync_protocol.bundle import Bundle, read_bundle, write_bundle
from sync_protocol.sealing import is_sealed
from sync_protocol.wire import decode_batch
from village_client import outbox
from village_client.incoming import apply_reply
from village_client.keys import load_key
from village_client.store import now_text, open_store
from village_client.sync.engine import RECOVERABLE, NotEnrolled, build_request, vetted
from village_client.sync.lock import SyncLock
from village_client.sync.transport import HubError, SyncError


class NotForThisDevice(SyncError):
    """The return bundle holds no reply addressed to this laptop."""

    code = "not_for_this_device"


class BundleTransport:
    """The USB transport: `exchange` puts the request on the stick; the reply comes back later."""

    def __init__(self):
        self.requests = []

    def exchange(self, request: SyncRequest) -> SyncReply:
        self.requests.append(request)
        return SyncReply()  # nothing is acknowledged until a return bundle is imported

    def bundle(self) -> Bundle:
        # Loose copies of the change-sets go only beside requests made in the clear (before version 3): a
        # sealed body stays sealed, so the stick carries nothing a finder could read.
        segments = [segment for request in self.requests if request.body and not is_sealed(request.body)
                    for segment in decode_batch(request.body)]
        return Bundle(segments=segments, hub_data=[request.to_item() for request in self.requests])


def write_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    temporary = path.with_name(f".{path.name}.partial")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def export_bundle(data_dir, path, batch_size: int = 2000) -> int:
    """Write every unacknowledged change-set (and a pull request) to `path`; return how many were written."""
    key, transport = load_key(data_dir), BundleTransport()
    with open_store(data_dir) as store:
        pending = outbox.unacked(store.db, 10**9)
        for start in range(0, len(pending), batch_size):
            transport.exchange(build_request(store, key, pending[start:start + batch_size]))
        if not pending:
            transport.exchange(build_request(store, key, []))
    write_atomically(Path(path), write_bundle(transport.bundle()))
    return len(pending)


def import_bundle(data_dir, path) -> dict:
    """Apply the hub's replies in a return bundle. Raises BundleCorrupt, NotForThisDevice, BadSignature..., and
    HubError for a request the hub or the relay refused or could not take (after applying the replies). A refusal
    the laptop answers itself (`engine.RECOVERABLE`: a gap, a counter the hub has passed) is answered here too,
    so the next stick resends from where the hub stands."""
    bundle = read_bundle(Path(path).read_bytes())
    totals = {"replies": 0, "acknowledged": 0, "received": 0, "conflicts": 0, "refused": 0}
    with SyncLock(data_dir), open_store(data_dir) as store:
        device = store.device()
        if not device["hub_public_key"]:
            raise NotEnrolled()
        hub_key, device_key = base64.b64decode(device["hub_public_key"]), load_key(data_dir)
        replies, refusals = replies_for(bundle, device["device_id"])
        refusals = [vetted(store, refusal, hub_key) for refusal in refusals]  # acted on only when the hub's
        recovered = [refusal for refusal in refusals if refusal.code in RECOVERABLE]
        for refusal in recovered:  # answered by the laptop itself, as over the network: the next stick is right
            RECOVERABLE[refusal.code](store, refusal)
        refusals = [refusal for refusal in refusals if refusal.code not in RECOVERABLE]
        totals["recovered"] = len(recovered)
        for reply in replies:
            counts = apply_reply(store, reply, hub_key, device["device_id"], device_key)
            totals["replies"] += 1
            for name in ("acknowledged", "received", "conflicts", "refused"):
                totals[name] += counts[name]
        if totals["replies"]:  # a laptop synced only by USB has synced all the same
            store.update_device(last_success_at=now_text(), last_sync_via="usb")
        if refusals:  # said on the laptop as a failed sync would be; its work stays in the outbox
            store.update_device(last_error=str(refusals[0]), last_error_code=refusals[0].code)
            raise refusals[0]
    if not totals["replies"] and not recovered:
        raise NotForThisDevice()
    return totals


def replies_for(bundle: Bundle, device_id: str) -> tuple:
    """(the replies or bare signed feed pages, the refusals as HubErrors) in a bundle addressed to `device_id`."""
    replies, refusals = [], []
    for item in bundle.hub_data:
        if item.get("type") == REPLY_ITEM and item.get("device") == device_id:
            if "error" in item:
                refusals.append(_refusal(item["error"]))
            else:
                replies.append(SyncReply.from_json(item.get("reply") or {}))
        elif "sig" in item and item.get("device") == device_id:
            replies.append(SyncReply(feed=item))
    return replies, refusals


def _refusal(answer) -> HubError:
    """A refused request's error envelope (`schemas.errors.error_envelope`) as the error a sync would raise."""
    answer = answer if isinstance(answer, dict) else {}
    known = ("ok", "status", "code", "error", "errors", "signed_for", "sig")
    fields = {name: value for name, value in answer.items() if name not in known}
    return HubError(int(answer.get("status") or 502), str(answer.get("code") or "refused"),
                    str(answer.get("error") or ""), fields, answer.get("errors") or (), answer)
