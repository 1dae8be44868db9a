"""Claims at the hub: each claim's derived state for the claims page, a claim's file, and the hub's steps.

The hub holds a claim as the laptops do (a `claim` record, from a laptop or recorded here, and its
`claim_event` records) and derives its status with the laptops' pure function
(`schemas.claim_state.derive`), against the programme's catalogue entry (its documents checklist).
The state is kept one row a claim in `claim_states` and refreshed after every sync batch that brought
a claim (`services/ingest.py`) and after every step the hub appends, so the district's list pages,
sorts and filters on the server (docs/payments.md, "Claims").

The hub's steps are events it appends under its write lock, checked as a laptop checks an event (the
schema, then the claim's state): passed to the agency (`services/claim_exports.py`), paid with the
amount and the day, refused with a reason from the fixed list, a note. Each is written with a hub-made
id (`hub-claim-event-<n>`) in the feed of the claim's village, so its laptops receive it at their next
sync, and each goes to the audit log. A step refused changes nothing.

Who: the claims of the actor's area are read with `applications.view` (as memberships are), and
recorded or answered with `applications.decide`.
"""

from dataclasses import dataclass

from sqlalchemy import Date, cast, exists, func, or_, select

from hub_server.errors import Forbidden, NotFound
from hub_server.models.claims import ClaimStateRow
from hub_server.models.payments import Membership
from hub_server.models.programmes import Programme
from hub_server.models.records import Record
from hub_server.services import audit, complaints, paging
from hub_server.services.complaint_actions import officer_name, write_event
from hub_server.services.record_store import chunks, lock_writes, upsert_rows
from schemas.claim_state import STATUSES, ClaimState, derive, event_errors, next_step
from schemas.dates import iso_datetime
from schemas.errors import FieldError, ValidationFailure
from schemas.records import dump_record, load_record

SORTS = {"recorded": ClaimStateRow.recorded_on, "happened": ClaimStateRow.happened_on,
         "name": ClaimStateRow.name, "village": ClaimStateRow.village_code,
         "programme": ClaimStateRow.programme_code, "kind": ClaimStateRow.claim_kind,
         "status": ClaimStateRow.status, "claimed": ClaimStateRow.amount_claimed, "paid": ClaimStateRow.amount_paid}
ANSWERS = ("paid", "refused", "note")  # the steps a form records; passing to the agency is an export


def programme_records(session, codes) -> dict:
    """{programme code: its `schemas` record} of the catalogue, for the documents checklists."""
    query = select(Programme.code, Programme.record).where(Programme.code.in_(sorted(set(codes))))
    return dict(session.execute(query).all())


def events_of(session, claim_ids) -> dict:
    """{claim id: [event data with its id]} for the claims given."""
    found = {claim_id: [] for claim_id in claim_ids}
    for part in chunks(found):
        query = select(Record).where(Record.table_name == "claim_event", Record.data["claim_id"].as_string().in_(part))
        for record in session.execute(query).scalars():
            found.setdefault(record.data.get("claim_id"), []).append({**record.data, "id": record.id})
    return found


def state_row(record: Record, state: ClaimState) -> dict:
    data = record.data
    return {"claim_id": record.id, "village_code": record.village_code or "", "nik": data.get("nik") or "",
            "name": data.get("name") or "", "programme_code": data.get("programme_code") or "",
            "card_number": data.get("card_number") or "", "claim_kind": data.get("claim_kind") or "",
            "happened_on": data.get("happened_on") or "", "recorded_on": data.get("recorded_on") or "",
            "amount_claimed": data.get("amount_claimed"), "status": state.status, "passed_on": state.passed_on,
            "paid_on": state.paid_on, "amount_paid": state.amount_paid, "refused_on": state.refused_on,
            "refusal_reason": state.refusal_reason, "missing": len(state.missing_documents),
            "flagged": len(state.flags), "step": state.step}


def touched(states) -> set:
    """The claims a batch's changed records speak of (claims, and the claims of events)."""
    return {state.record_id if state.table == "claim" else state.values.get("claim_id")
            for state in states if state.table == "claim" or (state.table == "claim_event"
                                                               and state.values.get("claim_id"))}


def refresh(session, claim_ids) -> int:
    """Derive the state of these claims again and store it; returns how many rows were written."""
    rows = []
    for part in chunks(set(claim_ids)):
        records = list(session.execute(select(Record).where(Record.id.in_(part), Record.table_name == "claim"))
                       .scalars())
        events = events_of(session, [record.id for record in records])
        programmes = programme_records(session, [record.data.get("programme_code") for record in records])
        rows += [state_row(record, derive(record.data, events[record.id],
                                          programmes.get(record.data.get("programme_code"))))
                 for record in records]
    upsert_rows(session, ClaimStateRow.__table__, rows, "claim_id")
    return len(rows)


@dataclass(frozen=True)
class Filters:
    """What the list shows: a programme, a status, a village or area, a text (name, NIK, card number)."""

    programme: str = ""
    status: str = ""
    village: str = ""
    search: str = ""
    member: str = ""  # "no": the claims whose person the hub holds no membership for on the day it happened


def within(code: str):
    return or_(ClaimStateRow.village_code == code, ClaimStateRow.village_code.startswith(code + "."))


def page(session, actor, filters: Filters, order: paging.Order) -> paging.Page:
    """One page of the claims of `actor`'s area (each a dict of its row). Raises Forbidden without
    applications.view."""
    actor.require("applications.view")
    conditions = [within(code) for code in (actor.area, filters.village) if code]
    if filters.programme:
        conditions.append(ClaimStateRow.programme_code == filters.programme.upper())
    if filters.status in STATUSES:
        conditions.append(ClaimStateRow.status == filters.status)
    if filters.member == "no":
        conditions.append(~member_on_the_day(session))
    if filters.search:
        text = filters.search.strip()
        conditions.append(or_(func.lower(ClaimStateRow.name).like(f"%{text.lower()}%"), ClaimStateRow.nik == text,
                              ClaimStateRow.card_number == text))
    found = paging.fetch(session, select(ClaimStateRow).where(*conditions), order, sorts=SORTS, default="recorded",
                         tiebreak=ClaimStateRow.claim_id)
    items = [{column.name: getattr(item, column.name) for column in ClaimStateRow.__table__.c} for item in found.items]
    members = members_among(session, [item["claim_id"] for item in items])
    items = [{**item, "member": item["claim_id"] in members} for item in items]
    return paging.Page(items, found.page, found.per_page, found.total, found.sort, found.descending)


def member_on_the_day(session):
    """True for a claim whose person holds, at the hub, the membership it names (NIK, programme, card number)
    on the day it happened: a laptop records a claim against its own copy of the memberships, which may be
    behind the hub's (a membership ended, or never made)."""
    happened = ClaimStateRow.happened_on  # ISO text; SQLite keeps dates as ISO text too, PostgreSQL needs a date
    if session.get_bind().dialect.name != "sqlite":
        happened = cast(happened, Date)
    return exists().where(Membership.nik == ClaimStateRow.nik,
                          Membership.programme_code == ClaimStateRow.programme_code,
                          Membership.number == ClaimStateRow.card_number, Membership.start_date <= happened,
                          or_(Membership.end_date.is_(None), Membership.end_date >= happened))


def members_among(session, claim_ids) -> set:
    """The claims among `claim_ids` whose person was a member on the day (`member_on_the_day`)."""
    found = set()
    for part in chunks(set(claim_ids)):
        found.update(session.execute(select(ClaimStateRow.claim_id).where(ClaimStateRow.claim_id.in_(part),
                                                                          member_on_the_day(session))).scalars())
    return found


def claim_record(session, actor, claim_id: str) -> Record:
    """The claim's record, if it is in the actor's area. Raises NotFound, Forbidden."""
    record = session.get(Record, claim_id)
    if record is None or record.table_name != "claim":
        raise NotFound(path=f"claim/{claim_id}")
    if not actor.covers([record.village_code or ""]):
        raise Forbidden(permission="area", area=actor.area)
    return record


def claim_file(session, actor, claim_id: str) -> dict:
    """The claim, its programme's record, its derived state and its history. Raises NotFound, Forbidden."""
    actor.require("applications.view")
    record = claim_record(session, actor, claim_id)
    programme = programme_records(session, [record.data.get("programme_code")]).get(record.data.get("programme_code"))
    state = derive(record.data, events_of(session, [claim_id])[claim_id], programme)
    return {"record": record, "claim": record.data, "programme": programme or {}, "state": state,
            "events": list(state.history), "membership": membership_of(session, record.data)}


def membership_of(session, claim: dict) -> Membership | None:
    """The hub's membership the claim names (NIK, programme, card), or None: a laptop's copy may be behind."""
    query = select(Membership).where(Membership.nik == claim.get("nik"),
                                     Membership.programme_code == claim.get("programme_code"),
                                     Membership.number == claim.get("card_number"))
    return session.execute(query).scalars().first()


def _event_from(form: dict) -> dict:
    """The event a form makes (paid: amount and day; refused: reason and note; note: text), blanks left out."""
    kind = (form.get("kind") or "").strip()
    names = {"paid": ("amount_paid", "paid_on", "agency_reference", "text"),
             "refused": ("refusal_reason", "agency_reference", "text")}.get(kind, ("text",))
    given = {name: str(form.get(name) or "").strip() for name in names}
    return {"kind": kind, **{name: value for name, value in given.items() if value}}


def append_event(uow, actor, claim_id: str, form: dict, *, lang: str = "id", audit_detail=None) -> Record:
    """Record a step on a claim (`form`: kind, and its fields). Returns the event's record.

    Raises NotFound, Forbidden, ValidationFailure naming the field and the rule (a wrong value, a step
    that does not follow: paid before it was passed, anything but a note once paid or refused)."""
    actor.require("applications.decide")
    session = uow.session
    lock_writes(session)  # the state checked is the state the event is appended to
    record = claim_record(session, actor, claim_id)
    state = derive(record.data, events_of(session, [claim_id])[claim_id])
    today = uow.today_in(record.village_code)
    event = {"id": "hub-0", "claim_id": claim_id, "officer": officer_name(actor), "time": iso_datetime(uow.now()),
             "date": (form.get("date") or "").strip() or today.isoformat(), "step": next_step(state),
             **_event_from(form)}
    loaded, _ = load_record("claim_event", event, lang=lang, today=today)  # raises ValidationFailure
    clean = dump_record("claim_event", loaded)
    errors = event_errors(state, clean)
    if errors:
        raise ValidationFailure(errors, lang=lang)
    clean["id"] = f"hub-claim-event-{complaints.next_count(session, 'claim_event')}"
    saved = write_event(session, "claim_event", record.village_code, clean)
    refresh(session, [claim_id])
    audit.record(uow, actor, f"claim.{clean['kind']}", f"claim:{claim_id}", event=saved.id,
                 **{name: clean[name] for name in ("amount_paid", "paid_on", "refusal_reason") if clean.get(name)},
                 **(audit_detail or {}))
    return saved


def answer(uow, actor, claim_id: str, form: dict, *, lang: str = "id") -> Record:
    """Record the agency's answer (paid, refused) or a note from the claim page's form, and commit."""
    if (form.get("kind") or "") not in ANSWERS:
        raise ValidationFailure([FieldError("kind", "choice", {"choices": ", ".join(ANSWERS)})], lang=lang)
    saved = append_event(uow, actor, claim_id, form, lang=lang)
    uow.commit()
    return saved
