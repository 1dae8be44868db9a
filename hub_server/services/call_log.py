"""The call centre's call log: log a call (and the complaint or referral it leads to), list calls, audit lookups.

    call = log(uow, actor, form, person=None, lang="en")   # raises Invalid, nothing saved
    page = calls(session, actor, Filters(...), zone="Asia/Jakarta")

A call is from a person of the population (`person`: name, NIK and village copied from there) or from
a caller as told (name, NIK when given, checked by the NIK rule, a village of the district, phone).
Its outcome decides what else must be given and what happens:

| outcome | needs | and |
|---|---|---|
| answered | the answer given | |
| complaint_recorded | a village, the caller's name, a category | a `complaint` record of the village (*) |
| referred | a service of the directory | |
| call_back | the caller's phone | |

(*) It reaches the village's laptops and the desk like any complaint; with an answer it is recorded already
resolved, the answer as its response (a call settled at once). A service of the directory may be named
with any outcome (the referral is recorded on the call). Every look-up of a person at the call centre is
in the audit log (`looked_up`).
"""

import datetime as dt
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select

from hub_server.errors import FieldError, Invalid
from hub_server.models.calls import Call, DirectoryService
from hub_server.models.complaints import ComplaintStateRow
from hub_server.models.programmes import Programme
from hub_server.services import audit, complaint_intake, directory, identity, sensitive_cases
from hub_server.services.reports import monthly
from schemas import nik, phone, region
from schemas.choices import values
from schemas.fields import Name, Text
from schemas.sensitive import SENSITIVE_CATEGORIES

FORM = ("caller_name", "caller_nik", "village_code", "caller_phone", "topic", "programme_code", "summary", "answer",
        "outcome", "service_id", "category", "desired_action", "officer_in_charge")
# The complaint record's fields as the call form names them (a refusal of the record is shown beside them).
AS_COMPLAINT = {"caller_name": "complainant_name", "caller_nik": "complainant_nik", "caller_phone": "complainant_phone",
                "summary": "description", "answer": "response", "village_code": "village_code",
                "category": "category", "programme_code": "programme_code", "desired_action": "desired_action",
                "officer_in_charge": "officer_in_charge"}
FROM_COMPLAINT = {complaint: field for field, complaint in AS_COMPLAINT.items()}
NEEDS = {"answered": ("answer",), "complaint_recorded": ("village_code", "caller_name", "category"),
         "referred": ("service_id",), "call_back": ("caller_phone",)}  # what each outcome cannot do without


@dataclass(frozen=True)
class Filters:
    """What the call list shows: a period (local dates, inclusive), a topic, an outcome, a village or
    sub-district code, and a page. Newest first."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    topic: str = ""
    outcome: str = ""
    village: str = ""
    page: int = 1


@dataclass(frozen=True)
class CallPage:
    items: list  # [{"call": Call, "service": DirectoryService | None}]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def log(uow, actor, form: dict, *, person=None, lang: str = "id", today: dt.date | None = None) -> Call:
    """Log a call taken by `actor` (an Actor); `form` holds FORM's fields as typed; `today` is the district's
    date (the day a complaint it records is submitted; if not given, today in the actor's area or the district).

    Raises Invalid with every field error (nothing saved); Forbidden when the caller's village lies
    outside the actor's area.
    """
    session = uow.session
    today = today or uow.today_in(actor.area or monthly.district_of(session))
    clean, errors = _checked(session, form, person, today)
    if clean.get("village_code"):
        actor.require_area([clean["village_code"]])
    complaint = None
    if clean.get("outcome") == "complaint_recorded" and clean.get("village_code"):
        fields = _complaint_form(clean, person, session)
        errors += [_from_complaint(error) for error in complaint_intake.errors(clean["village_code"], fields, today)
                   if _from_complaint(error).field not in {e.field for e in errors}]
        if not errors:
            complaint = complaint_intake.record(uow, village_code=clean["village_code"], form=fields, lang=lang,
                                                today=today)
    if errors:
        raise Invalid(errors)
    call = Call(at=uow.now(), officer=actor.name, person_id=person.id if person is not None else None,
                complaint_id=complaint.id if complaint else None,
                complaint_reference=complaint.data["reference_number"] if complaint else None,
                **{name: clean.get(name) for name in ("caller_name", "caller_nik", "village_code", "caller_phone",
                                                      "topic", "programme_code", "summary", "answer", "outcome",
                                                      "service_id")})
    session.add(call)
    session.flush()
    if complaint is not None:
        audit.record(uow, actor, "complaint.logged", f"record:{complaint.id}", person=clean.get("caller_nik"),
                     category=complaint.data["category"], call=call.id)
    audit.record(uow, actor, "call.logged", f"call:{call.id}", topic=call.topic, outcome=call.outcome,
                 person=call.caller_nik, service=call.service_id, record=call.complaint_id)
    uow.commit()
    return call


def _checked(session, form: dict, person, today) -> tuple[dict, list]:
    """(the form's values cleaned, the call's own field errors)."""
    typed = {name: str(form.get(name) or "").strip() for name in FORM}
    clean, errors = dict(typed), []
    if person is not None:
        clean.update(caller_name=person.name, caller_nik=person.nik, village_code=person.village_code)
    else:
        errors += _caller_errors(typed, clean, today)
    for name, vocabulary in (("topic", "call_topic"), ("outcome", "call_outcome")):
        if typed[name] not in values(vocabulary):
            errors.append(FieldError(name, "required" if not typed[name] else "choice",
                                     {"choices": values(vocabulary)}))
    errors += _text_errors(typed)
    errors += _phone_errors(typed, clean)
    errors += _programme_errors(session, clean)
    errors += _service_errors(session, typed, clean)
    errors += _outcome_errors(typed["outcome"], clean, {error.field for error in errors})
    return {name: (value if value != "" else None) for name, value in clean.items()}, errors


def _outcome_errors(outcome: str, clean: dict, refused: set) -> list:
    """What the outcome needs (NEEDS) and is missing, on fields not refused already."""
    return [FieldError(name, "call_needs") for name in NEEDS.get(outcome, ())
            if not clean.get(name) and name not in refused]


def _caller_errors(typed: dict, clean: dict, today) -> list:
    errors = []
    if typed["caller_name"]:
        found = Name(max_length=100).check(typed["caller_name"])
        errors += [FieldError("caller_name", e.rule, dict(e.params)) for e in found.errors]
        clean["caller_name"] = found.value
    if typed["caller_nik"]:
        found = nik.check_nik(typed["caller_nik"], today=today, field="caller_nik")
        errors += [FieldError("caller_nik", e.rule, dict(e.params)) for e in found.errors]
        clean["caller_nik"] = found.value
    if typed["village_code"] and not _is_village(typed["village_code"]):
        errors.append(FieldError("village_code", "village_code", {"value": typed["village_code"]}))
    return errors


def _is_village(code: str) -> bool:
    try:
        return region.level(code) == "village" and region.exists(code)
    except ValueError:
        return False


def _text_errors(typed: dict) -> list:
    errors = [] if typed["summary"] else [FieldError("summary", "required")]
    for name, limit in (("summary", 4000), ("answer", 4000), ("desired_action", 2000)):
        found = Text(max_length=limit).check(typed[name])
        errors += [FieldError(name, e.rule, dict(e.params)) for e in found.errors]
    return errors


def _phone_errors(typed: dict, clean: dict) -> list:
    if not typed["caller_phone"]:
        return []
    found = phone.check_phone(typed["caller_phone"], field="caller_phone")
    clean["caller_phone"] = found.value
    return [FieldError("caller_phone", e.rule, dict(e.params)) for e in found.errors]


def _programme_errors(session, clean: dict) -> list:
    code = (clean.get("programme_code") or "").upper()
    clean["programme_code"] = code
    if code and session.get(Programme, code) is None:
        return [FieldError("programme_code", "unknown_programme", {"codes": code})]
    return []


def _service_errors(session, typed: dict, clean: dict) -> list:
    if not typed["service_id"]:
        return []
    found = directory.service(session, int(typed["service_id"])) if typed["service_id"].isdigit() else None
    if found is None or not found.active:
        return [FieldError("service_id", "call_service", {"value": typed["service_id"]})]
    clean["service_id"] = found.id
    return []


def _complaint_form(clean: dict, person, session) -> dict:
    fields = {complaint: clean.get(field) for field, complaint in AS_COMPLAINT.items() if field != "village_code"}
    if person is not None:
        fields["complainant_person_id"] = next((r.record_id for r in identity.registrations_of(session, person)), None)
    return fields


def _from_complaint(error) -> FieldError:
    """A rule the complaint record breaks, on the call form's field (the form as a whole: `summary`)."""
    return FieldError(FROM_COMPLAINT.get(error.field, "summary"), error.rule, dict(error.params))


def calls(session, actor, filters: Filters, *, zone: str, per_page: int = 50) -> CallPage:
    """One page of the calls `actor` may see, newest first. An officer with an area sees the calls of
    its villages and the calls they took themselves."""
    query = select(Call).where(*_conditions(actor, filters, zone))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    number = min(max(1, filters.page), max(1, math.ceil(total / per_page)))
    rows = list(session.scalars(query.order_by(Call.at.desc(), Call.id.desc())
                                .offset((number - 1) * per_page).limit(per_page)))
    services = {service.id: service for service in session.scalars(
        select(DirectoryService).where(DirectoryService.id.in_({row.service_id for row in rows} - {None})))}
    withheld = set() if sensitive_cases.sees(actor) else _sensitive_complaints(session, rows)
    return CallPage([{"call": row, "service": services.get(row.service_id), "withheld": row.complaint_id in withheld}
                     for row in rows], number, per_page, total)


def _sensitive_complaints(session, rows) -> set:
    """The complaints among these calls' that are sensitive cases: what was said is not for every reader."""
    ids = {row.complaint_id for row in rows} - {None}
    if not ids:
        return set()
    return set(session.scalars(select(ComplaintStateRow.complaint_id).where(
        ComplaintStateRow.complaint_id.in_(ids), ComplaintStateRow.category.in_(SENSITIVE_CATEGORIES))))


def _conditions(actor, filters: Filters, zone: str) -> list:
    found = []
    if actor.area:
        found.append(or_(Call.village_code == actor.area, Call.village_code.startswith(actor.area + "."),
                         Call.officer == actor.name))
    local = ZoneInfo(zone)
    if filters.date_from:
        found.append(Call.at >= dt.datetime.combine(filters.date_from, dt.time(), local).astimezone(dt.UTC))
    if filters.date_to:
        end = filters.date_to + dt.timedelta(days=1)
        found.append(Call.at < dt.datetime.combine(end, dt.time(), local).astimezone(dt.UTC))
    if filters.topic:
        found.append(Call.topic == filters.topic)
    if filters.outcome:
        found.append(Call.outcome == filters.outcome)
    if filters.village:
        found.append(or_(Call.village_code == filters.village, Call.village_code.startswith(filters.village + ".")))
    return found


def villages(session, actor, configured_district: str = "") -> list:
    """The villages a caller can be placed in, for a picker: [(sub-district code, name, [(village code, name)])]
    of the actor's sub-district, else of the district the hub serves (DISTRICT_CODE, or the population's)."""
    top = actor.area or monthly.district_of(session, configured_district)
    if not top:
        return []
    if region.level(top) == "sub_district":
        return [(top, region.region_name(top), region.children(top))]
    return [(code, name, region.children(code)) for code, name in region.children(top)]


def looked_up(uow, actor, *, query: str | None = None, person=None, found: int | None = None) -> None:
    """Write a call-centre look-up to the audit log and commit it: a search (the text typed and how many
    people it found) or the opening of a person's page (subject `person:<NIK>`)."""
    if person is not None:
        audit.record(uow, actor, "callcentre.person_viewed", f"person:{person.nik or person.id}",
                     village=person.village_code)
    else:
        audit.record(uow, actor, "callcentre.searched", "", query=query, found=found)
    uow.commit()
