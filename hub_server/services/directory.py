"""The call centre's directory of services and facilities: loaded from a data file, listed and searched.

A directory file (docs/hub-admin-guide.md, "Call centre") is JSON:

    {"format": "sws-service-directory", "version": 1, "district": "35.07", "sample": true, "note": "...",
     "services": [{"code", "name", "kind", "address", "region_code", "phone", "opening_hours"}, ...]}

`load_file` checks every entry and saves nothing when any breaks a rule (`Invalid`, each error naming
`services.<n>.<field>`). A load adds new codes, updates the ones held, and makes inactive the ones the
file no longer holds (kept, because recorded referrals name them). Every service a load adds or changes
goes into every laptop's feed (kind "service", `feed_entries`), so case workers choose services from
the directory offline (`village_client/directory.py`).
"""

import json
import re
from pathlib import Path

from sqlalchemy import func, or_, select

from hub_server.errors import FieldError, Invalid
from hub_server.models.calls import DirectoryService
from hub_server.models.records import FeedEntry
from hub_server.services import audit, record_store
from schemas import region
from schemas.choices import values

SHIPPED = Path(__file__).resolve().parent.parent / "directory" / "malang.json"
FORMAT, VERSION = "sws-service-directory", 1
CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,39}")
PHONE = re.compile(r"\+?[0-9 ()\-]{6,20}")  # offices have landlines: digits, spaces, ( ) and -
LIMITS = {"name": 150, "address": 200, "opening_hours": 120}
REGION_LEVELS = ("village", "sub_district")


def load_file(uow, path=None, *, actor: str) -> dict:
    """Check and save a directory file (the shipped Kabupaten Malang sample by default).

    Returns {"added", "updated", "inactive", "sample"}. Raises Invalid (nothing saved) for a file that
    is not a directory or an entry that breaks a rule.
    """
    try:
        with open(path or SHIPPED, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError):
        raise Invalid([FieldError("file", "directory_file", {"path": str(path or SHIPPED)})]) from None
    entries = _entries(document)
    counts = _save(uow, entries)
    counts["sample"] = bool(document.get("sample"))
    audit.record(uow, actor, "directory.loaded", str(path or SHIPPED), **counts)
    uow.commit()
    return counts


def _entries(document) -> list:
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("version") != VERSION:
        raise Invalid([FieldError("format", "directory_format", {"format": FORMAT, "version": VERSION})])
    entries = document.get("services")
    if not isinstance(entries, list) or not entries:
        raise Invalid([FieldError("services", "required")])
    errors, seen = [], set()
    for index, entry in enumerate(entries):
        found = entry_errors(entry) if isinstance(entry, dict) else [FieldError("", "directory_entry")]
        if isinstance(entry, dict) and entry.get("code") in seen:
            found.append(FieldError("code", "directory_duplicate", {"code": entry["code"]}))
        seen.add(entry.get("code") if isinstance(entry, dict) else None)
        errors += [FieldError(f"services.{index}.{error.field}".rstrip("."), error.rule, error.params)
                   for error in found]
    if errors:
        raise Invalid(errors)
    return [_clean(entry) for entry in entries]


def entry_errors(entry: dict) -> list:
    """The rules one entry breaks: code, name, kind, address and region required; phone and hours optional."""
    errors = [FieldError(name, "required") for name in ("code", "name", "kind", "address", "region_code")
              if not str(entry.get(name) or "").strip()]
    given = {name for name in entry if str(entry.get(name) or "").strip()}
    if "code" in given and not CODE.fullmatch(str(entry["code"])):
        errors.append(FieldError("code", "directory_code"))
    if "kind" in given and entry["kind"] not in values("service_kind"):
        errors.append(FieldError("kind", "choice", {"choices": values("service_kind")}))
    errors += [FieldError(name, "max_length", {"max": limit}) for name, limit in LIMITS.items()
               if name in given and len(str(entry[name])) > limit]
    if "phone" in given and not PHONE.fullmatch(str(entry["phone"]).strip()):
        errors.append(FieldError("phone", "directory_phone"))
    if "region_code" in given and not _region_ok(entry["region_code"]):
        errors.append(FieldError("region_code", "directory_region", {"value": entry["region_code"]}))
    return errors


def _region_ok(code) -> bool:
    try:
        return region.level(code) in REGION_LEVELS and region.exists(code)
    except ValueError:
        return False


def _clean(entry: dict) -> dict:
    found = {name: str(entry.get(name) or "").strip() or None
             for name in ("code", "name", "kind", "address", "phone", "opening_hours")}
    return {**found, "region_code": region.normalize_region_code(entry["region_code"])}


def _save(uow, entries: list) -> dict:
    session, now = uow.session, uow.now()
    held = {service.code: service for service in session.scalars(select(DirectoryService))}
    counts, changed = {"added": 0, "updated": 0, "inactive": 0}, []
    for entry in entries:
        service = held.pop(entry["code"], None)
        if service is None:
            session.add(DirectoryService(**entry, active=True, updated_at=now))
            counts["added"] += 1
            changed.append(entry["code"])
            continue
        if any(getattr(service, name) != value for name, value in entry.items()) or not service.active:
            counts["updated"] += 1
            changed.append(entry["code"])
        for name, value in entry.items():
            setattr(service, name, value)
        service.active, service.updated_at = True, now
    for service in held.values():
        if service.active:
            counts["inactive"] += 1
            changed.append(service.code)
        service.active = False
    session.flush()
    record_store.publish(session, [("service", code, None) for code in changed])  # every laptop of the district
    return counts


def publish_missing(uow) -> int:
    """Put in the feed every service that never was (a directory loaded before laptops held it); returns how many."""
    published = select(FeedEntry.ref).where(FeedEntry.kind == "service")
    codes = list(uow.session.scalars(select(DirectoryService.code).where(DirectoryService.code.not_in(published))))
    record_store.publish(uow.session, [("service", code, None) for code in codes])
    uow.commit()
    return len(codes)


def entry_data(service: DirectoryService) -> dict:
    return {"name": service.name, "kind": service.kind, "address": service.address,
            "region_code": service.region_code, "phone": service.phone, "opening_hours": service.opening_hours,
            "active": service.active}


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "service": {code: entry}."""
    found = session.scalars(select(DirectoryService).where(DirectoryService.code.in_(list(refs))))
    return {service.code: {"kind": "service", "table": "service", "id": service.code, "data": entry_data(service)}
            for service in found}


def find(session, *, text: str = "", kind: str = "", area: str = "") -> list:
    """Active services by words of their name or address, kind and area (a sub-district code, or a village's:
    the services of its sub-district)."""
    query = select(DirectoryService).where(DirectoryService.active.is_(True))
    for word in (text or "").split():
        word = word.lower()
        query = query.where(or_(func.lower(DirectoryService.name).contains(word, autoescape=True),
                                func.lower(DirectoryService.address).contains(word, autoescape=True)))
    if kind:
        query = query.where(DirectoryService.kind == kind)
    if area:  # near a village: in its sub-district, where its health centre and offices are
        area = area.rpartition(".")[0] if area.count(".") == 3 else area
        query = query.where(or_(DirectoryService.region_code == area,
                                DirectoryService.region_code.startswith(area + ".", autoescape=True)))
    return list(session.scalars(query.order_by(DirectoryService.kind, DirectoryService.name)))


def service(session, service_id) -> DirectoryService | None:
    return session.get(DirectoryService, service_id) if service_id else None
