"""The hub's home page: sync health, work waiting and coverage, for the area and role of who is looking.

| part | who sees it | figures from |
|---|---|---|
| sync health | whoever may see devices (a sub-district officer: their sub-district's) | `reports/sync_health.py` |
| work waiting | each count for whoever may open its page | conflicts, verification, applications, |
| | | inconsistencies, the complaints desk |
| coverage | every role; a technical unit only its own programmes | `reports/monthly.py`: `coverage_totals`, |
| | | `coverage_sections` |

A district's coverage reads every person once for the target groups, and the counts the matching run
kept of its lists (about two seconds on 2.7 million people, docs/performance.md): its totals are kept in
this process per area, and read again when a list version or an import is added (the only writers of
lists and of whom they cover) or when they are older than `max_age`. The page says when they were computed.
"""

import datetime as dt
import threading
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from hub_server.models.payments import Membership, PaymentImport
from hub_server.models.population import ImportBatch
from hub_server.models.programmes import ListVersion
from hub_server.services import applications, complaint_desk, conflicts, verification
from hub_server.services.imports import pipeline
from hub_server.services.reports import monthly, sync_health
from hub_server.services.reports.period import area as parse_area
from hub_server.services.reports.period import month as parse_month
from schemas.region import region_name

SYNC_BUCKETS = ("today", "week", "month", "older", "never")  # since the last sync, in the district's days
STALE_SHOWN = 20  # stale laptops named on the page; the devices page lists every one (filter "stale")


@dataclass(frozen=True)
class Kept:
    stamp: tuple
    computed_at: dt.datetime
    totals: dict


_kept: dict = {}
_kept_lock = threading.Lock()


def area_of(session, actor, district: str) -> str:
    """The area the actor's dashboard covers: their sub-district, or the district."""
    return actor.area or monthly.district_of(session, district)


def build(session, actor, *, district: str, now: dt.datetime, zone: str, days: dict, max_age: dt.timedelta) -> dict:
    """Everything the dashboard shows, as plain values. `days` are the complaint standards per level."""
    area = area_of(session, actor, district)
    today = now.astimezone(ZoneInfo(zone)).date()
    found = {"area": area, "area_name": region_name(area) if area else None, "now": now,
             "waiting": waiting(session, actor, area, days=days, today=today)}
    if area and actor.can("devices.view"):
        found["sync"] = sync(session, area, now=now, zone=zone)
    if area and (actor.can("reports.view") or actor.role == "technical_unit"):
        found["coverage"] = coverage(session, actor, area, now=now, zone=zone, max_age=max_age)
    return found


# Sync health -------------------------------------------------------------------------------------------

def bucket(last_sync: dt.datetime | None, now: dt.datetime, zone: str) -> str:
    """How long ago a laptop last synchronised, in the district's calendar: today, within 7 days, within 30
    days, older, never."""
    if last_sync is None:
        return "never"
    local = ZoneInfo(zone)
    days = (now.astimezone(local).date() - last_sync.astimezone(local).date()).days
    if days <= 0:
        return "today"
    return "week" if days < 7 else "month" if days < 30 else "older"


def sync(session, area_code: str, *, now: dt.datetime, zone: str) -> dict:
    """Laptops of the area (not revoked) by time since their last sync, the stale ones named with their villages,
    and the month's refusals and forks (revoked laptops counted apart)."""
    area, period = parse_area(area_code), parse_month(now.astimezone(ZoneInfo(zone)).strftime("%Y-%m"), zone)
    devices = sync_health.devices(session, area, period, now)
    active = [device for device in devices if not device["revoked"]]
    buckets = dict.fromkeys(SYNC_BUCKETS, 0)
    for device in active:
        buckets[bucket(device["last_sync"], now, zone)] += 1
    stale = sorted((device for device in active if device["stale"]),
                   key=lambda device: (device["last_sync"] is not None, device["last_sync"] or now, device["label"]))
    return {"buckets": buckets, "laptops": len(active), "revoked": len(devices) - len(active),
            "stale": [_named(device) for device in stale[:STALE_SHOWN]], "stale_total": len(stale),
            "refused_changesets": sum(device["refused"] for device in devices),
            "refused_requests": sum(device["requests_refused"] for device in devices),
            "forks": sum(device["forks"] for device in devices),
            "forked": [_named(device) for device in devices if device["forks"]],
            "month": period.month, "stale_days": sync_health.STALE_DAYS}


def _named(device: dict) -> dict:
    return {"device_id": device["device_id"], "label": device["label"], "last_sync": device["last_sync"],
            "places": [(code, region_name(code)) for code in device["scope"]], "forks": device["forks"]}


# Work waiting ------------------------------------------------------------------------------------------

def waiting(session, actor, area: str | None, *, days: dict, today: dt.date) -> dict:
    """{kind: count} of the work waiting that the actor may open: conflicts, verifications, applications,
    inconsistencies, complaints overdue (per desk level, and their sum)."""
    found = {}
    if actor.can("conflicts.view"):
        found["conflicts"] = conflicts.open_count(session, actor.area)
    if actor.can("verification.view"):
        found["verification"] = verification.awaiting_count(session, actor.area)
    if actor.can("applications.view"):
        found["applications"] = applications.waiting_count(session, actor.area)
    if actor.can("population.view"):
        found["inconsistencies"] = sum(pipeline.inconsistency_counts(session, actor.area).values())
    if actor.can("desk.view"):
        levels = complaint_desk.overdue_counts(session, actor, days=days, today=today)
        found["complaints_overdue"], found["overdue_levels"] = sum(levels.values()), levels
    return found


# Coverage ----------------------------------------------------------------------------------------------

def stamp(session) -> tuple:
    """What the coverage figures depend on besides time: the latest list version, the latest import, the latest
    membership and the latest payment file (enrolled and paid)."""
    return tuple(session.execute(select(func.max(column))).scalar()
                 for column in (ListVersion.id, ImportBatch.id, Membership.id, PaymentImport.id))


def kept_totals(session, area_code: str, month: str, *, now: dt.datetime, zone: str, max_age: dt.timedelta) -> Kept:
    """The area's coverage totals, computed again only when lists or imports changed or they are too old."""
    key = (str(session.get_bind().url), area_code, month, zone)
    current = stamp(session)
    with _kept_lock:
        held = _kept.get(key)
    if held is not None and held.stamp == current and now - held.computed_at <= max_age:
        return held
    held = Kept(current, now, monthly.coverage_totals(session, area_code, month, zone=zone))
    with _kept_lock:
        _kept[key] = held
    return held


def warm(database, *, district: str, zone: str, max_age: dt.timedelta) -> None:
    """Compute the district's coverage totals now, so that the next view of the dashboard finds them: after an
    import or a matching run (which change them), in the job's thread (`jobs.Runner.after_job`)."""
    with database.uow() as uow:
        area = monthly.district_of(uow.session, district)
        if area:
            now = uow.now()
            kept_totals(uow.session, area, now.astimezone(ZoneInfo(zone)).strftime("%Y-%m"), now=now, zone=zone,
                        max_age=max_age)


def forget() -> None:
    """Drop every kept figure (tests, and after a restore of the database)."""
    with _kept_lock:
        _kept.clear()


def coverage(session, actor, area_code: str, *, now: dt.datetime, zone: str, max_age: dt.timedelta) -> dict:
    """People listed, applications and enrolment per programme; each guarantee's target group and the share its
    lists cover. A technical unit sees its programmes only, and no guarantee (those sum every programme)."""
    month = now.astimezone(ZoneInfo(zone)).strftime("%Y-%m")
    held = kept_totals(session, area_code, month, now=now, zone=zone, max_age=max_age)
    sections = monthly.coverage_sections(session, area_code, month, held.totals, zone=zone)
    rows = sections["programmes"].rows
    guarantees = sections["coverage"].rows
    if actor.role == "technical_unit":
        rows, guarantees = [row for row in rows if row["key"] in (actor.programmes or ())], []
    return {"programmes": [{"code": row["key"], "name": row["name"], "name_en": row["name_en"],
                            "guarantee": row["guarantee"], "unit": row["unit"],
                            "listed": row["listed"] + row["awaiting"], "proposed": row["proposed"],
                            "open": row["open"], "approved": row["approved_total"], "enrolled": row["enrolled"],
                            "paid": row["paid"]}
                           for row in rows],
            "guarantees": guarantees, "computed_at": held.computed_at}
