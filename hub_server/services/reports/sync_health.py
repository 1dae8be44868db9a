"""Sync health per laptop: when it last synchronised, whether it is stale, what was refused, forks.

A laptop belongs to an area when a code of its scope lies inside the area or contains it (a
sub-district laptop serves each of its villages). Its last sync is when the hub last heard from it
(the value now, not at the month's end); it is stale when that is more than STALE_DAYS before the
report is made, or when it never synchronised. The month's figures: change-sets received and
refused (kept with their reason), whole requests refused (bad signature, gap, fork, revoked device:
the audit log's `sync.refused`) and, of those, forks (a laptop restored from an old copy).
"""

import datetime as dt
from collections import Counter

from sqlalchemy import case, func, select

from hub_server.models import AuditLog, Device
from hub_server.models.records import ReceivedChangeSet
from hub_server.services.reports.period import Area, Period

STALE_DAYS = 7
FIGURES = ("received", "refused", "requests_refused", "forks")


def _serves(area: Area, scope) -> bool:
    return any(area.contains(code) or Area(code, "", "").contains(area.code) for code in scope or ())


def devices(session, area: Area, period: Period, now: dt.datetime) -> list[dict]:
    """One row per laptop of the area (revoked ones too), by label."""
    found = [device for device in session.scalars(select(Device).order_by(Device.label, Device.device_id))
             if _serves(area, device.scope)]
    ids = [device.device_id for device in found]
    changesets, requests = _changesets(session, ids, period), _refused_requests(session, ids, period)
    stale_before = now - dt.timedelta(days=STALE_DAYS)
    return [{"device_id": device.device_id, "label": device.label, "role": device.role, "scope": list(device.scope),
             "last_sync": device.last_seen_at, "revoked": device.revoked_at is not None,
             "stale": device.revoked_at is None and (device.last_seen_at is None or device.last_seen_at < stale_before),
             "received": changesets[device.device_id][0], "refused": changesets[device.device_id][1],
             "requests_refused": requests[device.device_id][0], "forks": requests[device.device_id][1]}
            for device in found]


def _changesets(session, ids: list, period: Period) -> dict:
    counts = {device_id: (0, 0) for device_id in ids}
    if not ids:
        return counts
    rows = session.execute(select(ReceivedChangeSet.device_id, func.count(),
                                  func.sum(case((ReceivedChangeSet.outcome == "refused", 1), else_=0)))
                           .where(ReceivedChangeSet.device_id.in_(ids), ReceivedChangeSet.received_at >= period.start,
                                  ReceivedChangeSet.received_at < period.end)
                           .group_by(ReceivedChangeSet.device_id))
    counts.update({device_id: (int(total), int(refused or 0)) for device_id, total, refused in rows})
    return counts


def _refused_requests(session, ids: list, period: Period) -> dict:
    """Refused sync requests per device in the month, and how many of them were forks."""
    names = {f"device:{device_id}": device_id for device_id in ids}
    rows = session.execute(select(AuditLog.actor, AuditLog.detail).where(
        AuditLog.action == "sync.refused", AuditLog.at >= period.start, AuditLog.at < period.end)) if ids else []
    requests, forks = Counter(), Counter()
    for actor, detail in rows:
        if actor in names:
            requests[names[actor]] += 1
            forks[names[actor]] += (detail or {}).get("code") == "fork"
    return {device_id: (requests[device_id], forks[device_id]) for device_id in ids}
