"""The conflict queue on the command line, in people's words, as the admin UI's conflict pages show it.

Whom a conflict is about (name, NIK, village name with its code), the field's form label, each value
as its label, who proposed it and when (in the district's time zone), and what the kind of conflict
means. `read_value` takes a value as people see it back: a proposal's label, a choice's label in
either language, a date as dd-mm-yyyy, or the old JSON spelling.
"""

import datetime as dt
import json
import textwrap

from hub_server.messages import text
from hub_server.services import regions
from schemas import fields as f
from schemas.display import value_text
from schemas.local_time import local_time
from schemas.messages import LANGUAGES, label
from schemas.records import SCHEMAS

INDENT = "   "


def describe(conflict, subject: dict | None, times: dict, lang: str, zone: str) -> list:
    """The lines that show one open conflict."""
    shown = lambda value: value_text(conflict.table_name, conflict.field, value, lang)  # noqa: E731
    field = label(conflict.field, lang)
    lines = [f"#{conflict.id} {text('conflict_kind.' + conflict.kind, lang)}",
             INDENT + _subject(conflict, subject or {}, lang),
             f"{INDENT}{field} — {text('conflict.agreed', lang)}: {shown(conflict.base)}"]
    for number, side in enumerate(conflict.sides, 1):
        lines.append(f"{INDENT}{text('conflict.side', lang, number=number)}: {shown(side.get('value'))} — "
                     f"{_who(conflict, side, times, lang, zone)}")
    explain = text("conflict_explain." + conflict.kind, lang, field=field)
    lines += textwrap.wrap(explain, 100, initial_indent=INDENT, subsequent_indent=INDENT)
    lines.append(f"{INDENT}{text('conflict.opened', lang)}: {local_time(conflict.opened_at, zone)}")
    return lines


def village(code: str | None) -> str:
    """A village by its name with the code beside it: "Tulungrejo (35.07.01.2001)"."""
    if not code:
        return ""
    name = regions.name(code)
    return f"{name} ({code})" if name else code


def _subject(conflict, subject: dict, lang: str) -> str:
    if subject.get("name"):
        who = subject["name"] + (f" · {label('nik', lang)} {subject['nik']}" if subject.get("nik") else "")
    else:
        who = f"{text('conflict.table.' + conflict.table_name, lang)} {conflict.record_id}"
    where = village(conflict.village_code or subject.get("village_code"))
    return f"{who} · {where}" if where else who


def _who(conflict, side: dict, times: dict, lang: str, zone: str) -> str:
    if not side.get("officer"):
        return text("conflict.source." + (side.get("source") or "hub"), lang)
    device = side.get("device_id") or "?"
    who = text("conflict.cli_by", lang, officer=side["officer"],
               device=f"{device} #{side['seq']}" if side.get("seq") else device)
    saved, received = times.get((side.get("device_id"), side.get("seq")), (None, None))
    if received is not None:
        saved, received = local_time(saved, zone), local_time(received, zone)
        who += ", " + text("conflict.side_when", lang, saved=saved, received=received)
    if side.get("village_code") and side["village_code"] != conflict.village_code:
        who += f" · {village(side['village_code'])}"
    return who


def read_value(conflict, typed: str):
    """The value people mean by `typed`: a value shown for this conflict, a label, a date, or JSON."""
    table, name, typed = conflict.table_name, conflict.field, typed.strip()
    for value in [side.get("value") for side in conflict.sides] + [conflict.base]:
        spelled = {value_text(table, name, value, lang).casefold() for lang in LANGUAGES} | {str(value).casefold()}
        if value is not None and typed.casefold() in spelled:
            return value
    if typed.startswith('"'):
        try:
            return json.loads(typed)  # the old spelling, '"0812..."'
        except json.JSONDecodeError:
            pass
    return _typed(conflict, typed)


def _typed(conflict, typed: str):
    schema = SCHEMAS.get(conflict.table_name)
    field = schema._declared_fields.get(conflict.field) if schema is not None else None
    if isinstance(field, f.Choice):
        return _choice(field.vocabulary, typed)
    if isinstance(field, f.Date):
        try:
            return dt.datetime.strptime(typed, "%d-%m-%Y").date().isoformat()
        except ValueError:
            return typed  # the schema names the rule it breaks
    if isinstance(conflict.base, str) or conflict.base is None:
        return typed
    try:
        return json.loads(typed)  # numbers and yes/no keep their type; the schema checks the rest
    except json.JSONDecodeError:
        return typed


def _choice(vocabulary: str, typed: str) -> str:
    from schemas.choices import CHOICES

    for value, labels in CHOICES.get(vocabulary, {}).items():
        if typed.casefold() in {value.casefold(), *(item.casefold() for item in labels.values())}:
            return value
    return typed
