"""The audit log for people: whom each entry is about by name and NIK, villages by name with their
code, and every detail kept but shown as "label: value" (labels, dd-mm-yyyy, local times; no record
ids, JSON or `None`). The log itself stays as recorded; this only reads it.
"""

from hub_server.messages import CATALOGUE, message, text
from hub_server.services import audit, regions
from schemas import record_status
from schemas.choices import bilingual
from schemas.display import MISSING, value_text
from schemas.local_time import local_time
from schemas.messages import label

# Detail keys with a label of their own (`audit.detail.<key>`); others take a record field's label.
DETAIL_KEYS = ("area", "before", "call", "code", "conflicts", "detail", "device_id", "documents", "expires_at", "field",
               "first_seq", "format", "found", "justification", "kind", "label", "last_seq", "laptop_label",
               "not_counted", "outcome", "person", "programme", "purpose", "query", "reason", "record", "refused",
               "role", "rows", "scope", "service", "token", "topic", "value", "via", "village")
CALL_CHOICES = {"topic": "call_topic", "outcome": "call_outcome"}
REGION_KEYS = ("area", "village", "scope")


def readable(session, entries, lang: str, zone: str) -> list:
    """Each entry as {"id", "at", "actor", "action", "subject", "details": [(label, text)]}."""
    names = _Names(session, entries)
    return [{"id": entry.id, "at": local_time(entry.at, zone), "actor": _actor(entry.actor, lang),
             "action": entry.action, "subject": names.subject(entry.subject, lang),
             "details": [(_key_label(key, lang), _detail(key, value, entry.detail, names, lang, zone))
                         for key, value in (entry.detail or {}).items()]} for entry in entries]


def village(code) -> str:
    """A region by its name with the code beside it: "Tulungrejo (35.07.01.2001)"."""
    name = regions.name(str(code)) if code else None
    return f"{name} ({code})" if name else str(code or MISSING)


def _actor(actor: str, lang: str) -> str:
    kind, _, name = (actor or "").partition(":")
    if kind == "device" and name:
        return text("audit.device", lang, device_id=name)
    return name if kind == "user" and name else actor or MISSING


def _key_label(key: str, lang: str) -> str:
    return text(f"audit.detail.{key}", lang) if f"audit.detail.{key}" in CATALOGUE else label(key, lang)


def _detail(key: str, value, detail: dict, names, lang: str, zone: str) -> str:
    if value is None or value == "" or value == []:
        return MISSING
    if key in REGION_KEYS:
        return ", ".join(village(code) for code in (value if isinstance(value, list) else [value]))
    if key in ("record", "person"):
        return names.person(value, key == "person")
    if key in CALL_CHOICES:
        return bilingual(CALL_CHOICES[key], value).get(lang, str(value))
    if key == "field":
        return label(value, lang)
    if key == "value":
        return value_text(names.table(detail.get("record")), detail.get("field", ""), value, lang)
    return _plain(key, value, names, lang, zone)


def _plain(key: str, value, names, lang: str, zone: str) -> str:
    if key == "expires_at":
        return local_time(value, zone)
    if key == "code":
        return f"{message(value, lang)} [{value}]"
    if key == "conflicts":
        return ", ".join(names.conflict(number) for number in value)
    if key == "refused":
        return ", ".join(f"#{seq}" for seq in value)
    if key == "not_counted":
        return "; ".join(_not_counted(item, names, lang) for item in value)
    if key == "documents":
        return ", ".join(bilingual("document", code).get(lang, code) for code in value)
    if key in ("role", "before", "kind"):
        return ", ".join(_word(item, lang) for item in (value if isinstance(value, list) else [value]))
    if key == "token":
        return "#" + str(value).removeprefix("token:")
    if key == "category":
        return value_text("complaint", key, value, lang)
    return value_text("", key, value, lang)


def _not_counted(item, names, lang: str) -> str:
    if not isinstance(item, dict):
        return str(item)
    reason, _ = record_status.describe({"status": item.get("problem")}, lang)
    return f"{names.person(item.get('record_id'))}: {reason}"


def _word(value, lang: str) -> str:
    """A role, device kind or job kind by its name; an area code by the region's name."""
    for family in ("role", "device_role", "jobs.kind"):
        if f"{family}.{value}" in CATALOGUE:
            return text(f"{family}.{value}", lang)
    return village(value) if regions.name(str(value or "")) else value_text("", "", value, lang)


class _Names:
    """Whom the entries of one page name (`services.audit.named`): records, residents by NIK, conflicts."""

    def __init__(self, session, entries):
        found = audit.named(session, entries)
        self.records, self.people, self.conflicts = found["records"], found["people"], found["conflicts"]

    def table(self, record_id) -> str:
        return self.records.get(record_id, ("", {}))[0]

    def person(self, ref, by_nik: bool = False) -> str:
        """A resident by name and NIK, from a record id (or a NIK); the reference itself if nothing names it."""
        if by_nik:
            name, nik = self.people.get(str(ref)), str(ref)
        else:
            data = self.records.get(ref, ("", {}))[1]
            if data.get("person_id") and not data.get("name"):
                data = self.records.get(data["person_id"], ("", {}))[1] or data
            nik = data.get("nik") or data.get("kk_number")
            name = data.get("name") or data.get("complainant_name") or self.people.get(nik)
        if not name:
            return f"NIK {nik}" if by_nik or nik else str(ref)
        return f"{name} · NIK {nik}" if nik else name

    def conflict(self, number) -> str:
        record_id = self.conflicts.get(int(number)) if str(number).isdigit() else None
        return f"#{number} {self.person(record_id)}" if record_id else f"#{number}"

    def subject(self, subject: str, lang: str) -> str:
        kind, _, name = (subject or "").partition(":")
        if kind in ("record", "application"):
            return self.person(name)
        if kind == "person":
            return self.person(name, by_nik=True)
        if kind == "conflict":
            return text("audit.conflict", lang, conflict=self.conflict(name))
        if kind == "device":
            return text("audit.device", lang, device_id=name)
        if kind == "token":
            return text("audit.token", lang, token_id=name)
        if kind == "job":
            return text("audit.job", lang, job_id=name)
        if kind == "programme":
            return text("audit.programme", lang, code=name)
        return name if kind == "user" else subject or MISSING
