"""A complaint as lines of text for `sws-village complaint show`: the form, its state, its history."""

from schemas.display import value_text
from schemas.local_time import local_time, zone_name
from schemas.messages import label
from village_client.messages import text

FORM = ("reference_number", "date_submitted", "village_code", "complainant_name", "complainant_nik",
        "complainant_address", "complainant_phone", "category", "programme_code", "description", "desired_action")
STATE = ("status", "escalation_level", "officer_in_charge", "date_transmitted", "response", "response_date",
         "acknowledged", "acknowledged_date")


def programme_names(db) -> dict:
    """{code: name} of the programmes of the catalogue the laptop holds (every laptop of the district the same)."""
    return {row["code"]: row["name"] for row in db.query("SELECT code, name FROM programme")}


def complaint_lines(found: dict, lang: str, programmes: dict | None = None) -> list:
    """The complaint's lines; `programmes` (`programme_names`) puts the programme's name beside its code. The
    history names officers by user name: a laptop knows only its own officers' full names, and every laptop
    shows the same complaint the same way."""
    programmes = programmes or {}
    complaint, state = found["complaint"], found["state"]
    shown = {**complaint, **state.as_dict(), "escalation_level": state.level}
    if complaint.get("anonymous"):
        shown["complainant_name"] = label("anonymous", lang)
    lines = [f"{label(name, lang)}: {_value(name, shown.get(name), lang, programmes)}" for name in (*FORM, *STATE)]
    if state.sensitive:  # where the case was referred, and when
        unit = value_text("complaint_event", "referred_to", state.referred_to, lang)
        lines.append(f"{label('referred_to', lang)}: {unit} "
                     f"({value_text('complaint_event', 'date', state.referral_date, lang)})")
    lines.append(text("complaint.history", lang) + ":")
    zone = zone_name(complaint.get("village_code"))
    for event in found["events"]:
        lines.append(_event_line(event, lang, zone))
        lines += [f"    ! {error.message(lang)} [{error.rule}]" for error in state.flags.get(event["id"], ())]
    return lines


def _value(name: str, value, lang: str, programmes: dict) -> str:
    programme = programmes.get(value) if name == "programme_code" else None
    return f"{programme} ({value})" if programme else value_text("complaint", name, value, lang)


def _event_line(event: dict, lang: str, zone: str) -> str:
    parts = [value_text("complaint_event", "kind", event["kind"], lang)]
    for name in ("status", "escalation_level", "officer_in_charge", "referred_to", "text"):
        if event.get(name):
            parts.append(value_text("complaint_event", name, event[name], lang))
    date = value_text("complaint_event", "date", event.get("date"), lang)
    recorded = local_time(event["time"], zone)
    return f"  {event.get('step') or 0}. {date} · {recorded} · {event['officer']}: {' · '.join(parts)}"
