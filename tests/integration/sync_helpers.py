"""Builders for hub sync tests: enrolled devices that sign requests as a laptop does."""

import datetime as dt
from dataclasses import replace

from hub_server.models import Device as DeviceRow
from sync_protocol.binding import SyncRequest
from sync_protocol.wire import encode_batch
from tests.unit.protocol_helpers import Device

VILLAGE = "35.07.01.2001"
OTHER_VILLAGE = "35.07.02.2001"


def enroll(database, device: Device, scope=(VILLAGE,), role="village") -> None:
    with database.uow() as uow:
        uow.session.add(DeviceRow(device_id=device.device_id, public_key=device.public_key, scope=list(scope),
                                  role=role, label=f"laptop {device.seed}", enrolled_at=dt.datetime.now(dt.UTC)))
        uow.commit()


def request(device: Device, changesets=(), cursor="", via="http", body=None) -> SyncRequest:
    """A signed sync request pushing `changesets` (one segment) and pulling after `cursor`."""
    if body is None:
        body = encode_batch([device.segment(list(changesets))]) if changesets else b""
    return replace(SyncRequest.signed(device.key, device.device_id, cursor, body), via=via)
