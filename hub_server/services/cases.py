"""Cases at the hub: each case's derived state for the cases page, its file, and who may read what.

The hub holds a case as the laptops do (a `case` record and its `case_event` records, from any
device) and derives its state with the laptops' pure function (`schemas.case_state.derive`). The
state is kept one row a case in `case_states` and refreshed after every sync batch that brought a
case or an event (`services/ingest.py`), so a district's list pages, sorts and filters on the server.

Who reads what (docs/cases.md, "Who sees what"): `cases.view` (district admins, case workers) lists
the cases of the actor's area; a crisis case is listed, and its file read, only by who reads
confidential parts (`case_privacy.reads_confidential`), others see how many are withheld; a
counselling session's notes are left out of the file for the others. Every read of a case file is
written to the audit log (`case.read`), and so is a refused one.
"""

from dataclasses import dataclass

from sqlalchemy import false, func, or_, select

from hub_server.errors import Forbidden, NotFound
from hub_server.models.calls import DirectoryService
from hub_server.models.cases import CaseStateRow
from hub_server.models.records import Record
from hub_server.services import audit, case_privacy, paging
from hub_server.services.record_store import chunks, upsert_rows
from schemas.case_state import CaseState, derive, visible_history

SORTS = {"opened": CaseStateRow.opened_on, "name": CaseStateRow.subject_name, "village": CaseStateRow.village_code,
         "kind": CaseStateRow.case_kind, "status": CaseStateRow.status, "officer": CaseStateRow.officer}
STATUSES = ("open", "active", "closed")


def events_of(session, case_ids) -> dict:
    """{case id: [event data with its id]} for the cases given."""
    found = {case_id: [] for case_id in case_ids}
    for part in chunks(found):
        query = select(Record).where(Record.table_name == "case_event", Record.data["case_id"].as_string().in_(part))
        for record in session.execute(query).scalars():
            found.setdefault(record.data.get("case_id"), []).append({**record.data, "id": record.id})
    return found


def state_row(record: Record, state: CaseState) -> dict:
    data = record.data
    return {"case_id": record.id, "village_code": record.village_code or "", "case_kind": state.case_kind,
            "subject_name": data.get("subject_name") or "", "nik": data.get("nik"), "kk_number": data.get("kk_number"),
            "officer": data.get("officer") or "", "crisis": state.crisis, "opened_on": state.opened_on or "",
            "status": state.status, "first_action_on": state.first_action_on, "closed_on": state.closed_on,
            "closure_reason": state.closure_reason, "actions": len(state.actions), "sessions": len(state.sessions),
            "referrals": len(state.referrals), "referrals_answered": len(state.referrals) - state.referrals_waiting,
            "migrant_stage": state.migrant.get("migrant_stage"),
            "destination_country": state.migrant.get("destination_country"), "flagged": len(state.flags),
            "step": state.step}


def touched(states) -> set:
    """The cases a batch's changed records speak of (cases, and the cases of events)."""
    return {state.record_id if state.table == "case" else state.values.get("case_id")
            for state in states if state.table == "case" or (state.table == "case_event"
                                                              and state.values.get("case_id"))}


def refresh(session, case_ids) -> int:
    """Derive the state of these cases again and store it; returns how many rows were written."""
    rows = []
    for part in chunks(set(case_ids)):
        records = list(session.execute(select(Record).where(Record.id.in_(part), Record.table_name == "case"))
                       .scalars())
        events = events_of(session, [record.id for record in records])
        rows += [state_row(record, derive(record.data, events[record.id])) for record in records]
    upsert_rows(session, CaseStateRow.__table__, rows, "case_id")
    return len(rows)


@dataclass(frozen=True)
class Filters:
    """What the list shows: a status, a kind, a village or area, a text (name, NIK, family card)."""

    status: str = ""
    kind: str = ""
    village: str = ""
    search: str = ""


def _within(code: str):
    return or_(CaseStateRow.village_code == code, CaseStateRow.village_code.startswith(code + "."))


def _area(actor, village: str) -> list:
    return [_within(code) for code in (actor.area, village) if code]


def _visible(actor):
    """Crisis cases only for who reads confidential parts: all of them, or the ones in the actor's charge."""
    if actor.can("cases.confidential"):
        return []
    mine = CaseStateRow.officer == actor.name.partition(":")[2] if actor.name.startswith("user:") else false()
    return [or_(CaseStateRow.crisis.is_(False), mine)]


def page(session, actor, filters: Filters, order: paging.Order) -> paging.Page:
    """One page of the cases `actor` may see (each a dict of its row), with `extra["withheld"]`: the crisis
    cases of the area not shown.
    Raises Forbidden without cases.view."""
    actor.require("cases.view")
    conditions = _area(actor, filters.village)
    if filters.status in STATUSES:
        conditions.append(CaseStateRow.status == filters.status)
    if filters.kind:
        conditions.append(CaseStateRow.case_kind == filters.kind)
    if filters.search:
        text = f"%{filters.search.lower()}%"
        conditions.append(or_(func.lower(CaseStateRow.subject_name).like(text), CaseStateRow.nik == filters.search,
                              CaseStateRow.kk_number == filters.search))
    visible = _visible(actor)
    found = paging.fetch(session, select(CaseStateRow).where(*conditions, *visible), order, sorts=SORTS,
                         default="opened", tiebreak=CaseStateRow.case_id)
    withheld = session.execute(select(func.count()).select_from(CaseStateRow).where(
        *conditions, CaseStateRow.crisis.is_(True), *[~condition for condition in visible])).scalar() if visible else 0
    items = [{column.name: getattr(item, column.name) for column in CaseStateRow.__table__.c} for item in found.items]
    return paging.Page(items, found.page, found.per_page, found.total, found.sort, found.descending,
                       {"withheld": withheld})


def case_file(uow, actor, case_id: str) -> dict:
    """The case, its derived state and its history as `actor` may read it; the read goes to the audit log.

    Raises NotFound for an unknown case and (audited) for a crisis case the actor does not read, Forbidden
    (audited) for a case outside the actor's area."""
    actor.require("cases.view")
    record = uow.session.get(Record, case_id)
    if record is None or record.table_name != "case":
        raise NotFound(path=f"case/{case_id}")
    confidential = case_privacy.reads_confidential(actor, record.data.get("officer"))
    hidden = record.data.get("case_kind") == "crisis" and not confidential
    if hidden or not actor.covers([record.village_code or ""]):
        audit.record(uow, actor, "case.read_refused", f"case:{case_id}", village=record.village_code)
        uow.commit()
        # A crisis case is not even there for others; a case of another area is refused as such.
        raise NotFound(path=f"case/{case_id}") if hidden else Forbidden(permission="area", area=actor.area)
    state = derive(record.data, events_of(uow.session, [case_id])[case_id])
    audit.record(uow, actor, "case.read", f"case:{case_id}", village=record.village_code,
                 kind=record.data.get("case_kind"))
    shown = visible_history(state, confidential)
    return {"record": record, "case": record.data, "state": state, "events": list(shown),
            "confidential": confidential, "withheld_notes": len(state.history) - len(shown)}


def service_names(session, state: CaseState) -> dict:
    """{service code: name} of the directory's services a case's plan and referrals name."""
    codes = {event.get("service_code") for event in state.history if event.get("service_code")}
    if not codes:
        return {}
    query = select(DirectoryService.code, DirectoryService.name).where(DirectoryService.code.in_(sorted(codes)))
    return dict(session.execute(query).all())


def officer_names(session, usernames) -> dict:
    """{user name: full name} of the laptop officers among `usernames`, as their laptops announced them."""
    wanted = sorted({name for name in usernames if name})
    if not wanted:
        return {}
    query = select(Record.data).where(Record.table_name == "officer",
                                      Record.data["username"].as_string().in_(wanted))
    return {data["username"]: data.get("full_name") for (data,) in session.execute(query)}
