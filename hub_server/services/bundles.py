"""Importing a bundle file brought on a USB stick: the same verification path as an HTTP sync.

A laptop's bundle holds the signed sync requests it would have sent (`sws-sync-request` items, with
the exact body bytes). Each is handled by `ingest.sync` as if it had arrived over HTTP, marked
`via=bundle`, and its reply goes into a return bundle (`sws-sync-reply` items) for the stick's way
back; a request refused goes back as the hub's signed refusal (an `error` item), so the laptop learns why
and, for a gap or a counter the hub has passed, where to go on from. Segments carried without a request
(from a relay's batch) are ingested directly. Importing the same bundle twice applies nothing twice: its
change-sets are duplicates the second time.
"""

import binascii
from dataclasses import dataclass, field

from hub_server.errors import ProtocolRefused
from hub_server.messages import message
from hub_server.services import ingest
from schemas.errors import error_envelope
from sync_protocol.binding import REQUEST_ITEM, SyncRequest, reply_item, sign_refusal
from sync_protocol.bundle import Bundle, read_bundle, write_bundle
from sync_protocol.errors import ProtocolError


@dataclass
class BundleReport:
    """What importing one bundle did: one line per request or segment, and the return bundle."""

    lines: list = field(default_factory=list)  # dicts: device, outcome or code, counts
    reply: bytes = b""

    @property
    def refused(self) -> int:
        return sum(1 for line in self.lines if "code" in line)


def import_bundle(database, data: bytes, hub_key, *, page_size: int = 500,
                  serve_version_1: bool = True) -> BundleReport:
    """Ingest every request and loose segment of a bundle file (requests as `ingest.sync` takes them, with
    `page_size` and `serve_version_1`). Raises BundleCorrupt for a damaged file."""
    bundle, report, replies = read_bundle(data), BundleReport(), []
    requests = [item for item in bundle.hub_data if item.get("type") == REQUEST_ITEM]
    for item in requests:
        answer = _handle_request(database, item, hub_key, report, page_size=page_size,
                                 serve_version_1=serve_version_1)
        if answer is not None:
            replies.append(reply_item(item.get("device"), *answer))
    if not requests and bundle.segments:
        _handle_segments(database, bundle.segments, report)
    report.reply = write_bundle(Bundle([], replies))
    return report


def _handle_request(database, item: dict, hub_key, report: BundleReport, **options):
    """(the answer, refused) of one request item; None for an item too damaged to say whose it is."""
    try:
        request = SyncRequest.from_item(item)
        with database.uow(immediate=True) as uow:
            served = ingest.serve(uow, request, hub_key, **options)
    except (KeyError, TypeError, AttributeError, ValueError, binascii.Error) as error:
        report.lines.append({"device": str(item.get("device", "?"))[:20], "code": "malformed",
                             "detail": type(error).__name__})
        return None
    except ProtocolError as error:
        report.lines.append({"device": item.get("device", "?"), "code": error.code, "detail": str(error)})
        return sign_refusal(hub_key, _refusal(error), request.device_id, request.counter), True
    report.lines.append({"device": request.device_id, **served.summary})
    return served.reply, False


def _refusal(error: ProtocolError) -> dict:
    """The error envelope of a refused request, as the sync API gives it (the laptop shows its own words for the
    code)."""
    refused = ProtocolRefused(error)
    return error_envelope(refused.status, refused.code, message(refused.code, "id", **refused.fields), (),
                          refused.fields)


def _handle_segments(database, segments, report: BundleReport) -> None:
    for segment in segments:
        try:
            with database.uow(immediate=True) as uow:
                outcome = ingest.ingest_segments(uow, [segment], "bundle")
                uow.commit()
        except ProtocolError as error:
            report.lines.append({"device": segment.device_id, "code": error.code, "detail": str(error)})
            continue
        report.lines.append({"device": segment.device_id, **outcome.summary()})
