"""Enrolled devices: listing, revoking, and loading one for a sync."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from hub_server.errors import AlreadyRevoked, DeviceNotFound, FieldError, Invalid
from hub_server.models import Device
from hub_server.services import audit, paging, record_store
from hub_server.services.actors import Actor, device_actor
from sync_protocol.errors import RevokedDevice, UnknownDevice
from sync_protocol.signing import fingerprint

REASON_MAX = 500


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    label: str
    role: str
    scope: tuple
    fingerprint: str
    enrolled_at: dt.datetime
    reenrolled_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    last_seq: int
    head_hash: str
    accepted_count: int
    refused_count: int
    pending_count: int
    revoked_at: dt.datetime | None
    revoke_reason: str | None
    revoked_by: str | None
    protocol_version: int = 1  # the sync protocol version the laptop was last answered in

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def info(device: Device) -> DeviceInfo:
    return DeviceInfo(
        device.device_id, device.label, device.role, tuple(device.scope), fingerprint(device.public_key),
        device.enrolled_at, device.reenrolled_at, device.last_seen_at, device.last_seq, device.head_hash,
        device.accepted_count, device.refused_count, device.pending_count, device.revoked_at,
        device.revoke_reason, device.revoked_by, device.protocol_version)


def list_devices(uow, actor: Actor, *, include_revoked: bool = True) -> list:
    """Devices the actor may see (a sub-district officer: those inside their sub-district), by label."""
    actor.require("devices.view")
    query = select(Device).order_by(Device.label, Device.device_id)
    if not include_revoked:
        query = query.where(Device.revoked_at.is_(None))
    return [info(device) for device in uow.session.scalars(query) if actor.covers(device.scope)]


SORTS = {"label": lambda d: d.label.lower(), "device": lambda d: d.device_id, "role": lambda d: d.role,
         "last_seen": lambda d: d.last_seen_at, "seq": lambda d: d.last_seq, "accepted": lambda d: d.accepted_count,
         "refused": lambda d: d.refused_count, "pending": lambda d: d.pending_count}
STALE_DAYS = 7  # as the monthly report and the dashboard count a laptop stale


def page(uow, actor: Actor, order: paging.Order, *, include_revoked: bool = True, stale: bool = False,
         search: str = "") -> paging.Page:
    """The devices the actor may see, filtered (revoked ones or not; only those silent for STALE_DAYS or never
    heard from; a label, device id or scope code containing `search`), sorted and paged on the server."""
    found = list_devices(uow, actor, include_revoked=include_revoked)
    if stale:
        before = uow.now() - dt.timedelta(days=STALE_DAYS)
        found = [d for d in found if not d.revoked and (d.last_seen_at is None or d.last_seen_at < before)]
    text = (search or "").strip().lower()
    if text:
        found = [d for d in found if text in d.label.lower() or text in d.device_id
                 or any(code.startswith(text) for code in d.scope)]
    return paging.from_list(found, order, sorts=SORTS, default="label")


def get_device(uow, actor: Actor, device_id: str) -> DeviceInfo:
    """Raises Forbidden or DeviceNotFound (also for a device outside the actor's area)."""
    actor.require("devices.view")
    return info(_visible(uow, actor, device_id))


def revoke(uow, actor: Actor, device_id: str, reason: str) -> DeviceInfo:
    """Revoke a device: its change-sets are refused from now on, here and (through sync) on relays.

    Nothing it sent before is deleted. Raises Forbidden, Invalid (no reason), DeviceNotFound or
    AlreadyRevoked.
    """
    actor.require("devices.revoke")
    reason = (reason or "").strip()
    if not reason:
        raise Invalid([FieldError("reason", "required")])
    if len(reason) > REASON_MAX:
        raise Invalid([FieldError("reason", "max_length", {"max": REASON_MAX})])
    device = _visible(uow, actor, device_id)
    if device.revoked:
        raise AlreadyRevoked(device_id=device_id)
    device.revoked_at, device.revoke_reason, device.revoked_by = uow.now(), reason, actor.name
    record_store.publish(uow.session, [("revocation", device_id, None)])  # every laptop and relay hears of it
    audit.record(uow, actor, "device.revoked", device_actor(device_id), reason=reason)
    uow.commit()
    return info(device)


def activity(uow, actor: Actor, device_id: str, *, number: int = 1, per_page: int = 50):
    """The device's audit trail (enrollment, change-sets, refusals, revocation), newest first."""
    actor.require("devices.view")
    _visible(uow, actor, device_id)
    return audit.about(uow, names=(device_actor(device_id),), number=number, per_page=per_page)


def sync_device(uow, device_id: str, *, lock: bool = True) -> Device:
    """The enrolled, unrevoked device a change-set or pull names, its row locked for the transaction
    (on PostgreSQL; use an immediate unit of work on SQLite). Raises UnknownDevice or RevokedDevice."""
    query = select(Device).where(Device.device_id == device_id)
    device = uow.session.scalar(query.with_for_update() if lock else query)
    if device is None:
        raise UnknownDevice(device_id)
    if device.revoked:
        raise RevokedDevice(device_id, device.revoke_reason or "")
    return device


def _visible(uow, actor: Actor, device_id: str) -> Device:
    device = uow.session.get(Device, device_id)
    if device is None or not actor.covers(device.scope):
        raise DeviceNotFound(device_id=device_id)
    return device
