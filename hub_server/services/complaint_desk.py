"""The complaints desk's queues: complaints per level, scoped to who is looking, paged, sorted and filtered.

Each complaint's derived state is kept in `complaint_states` (one row a complaint) so a queue at
district size is one indexed query: `refresh(session, complaint_ids)` derives the state again with
`schemas.complaint_state.derive` after every sync batch that brought a complaint or an event
(`services/ingest.py`) and after every desk action (`services/complaint_actions.py`).

Who sees and acts where (docs/complaints.md, "The desk"):

| level | sees (besides district admins and viewers) | acts |
|---|---|---|
| sub_district | the sub-district officer of its sub-district | district admin, that officer |
| district | the sub-district officer of its sub-district | district admin |
| skpd | the technical unit of its programme | district admin, that technical unit |
| ombudsman | the technical unit of its programme | district admin (export, hand-over) |

A sensitive case (`schemas.sensitive`) is seen only by district admins and the protection unit
(`protection_unit`), at every level from the village up, and acted on by them; others see how many
of their area's cases are withheld, never which (`withheld_count`).

Overdue (`schemas.complaint_standards`) is decided on the server with the days per level given.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, false, func, or_, select

from hub_server.models.complaints import ComplaintStateRow
from hub_server.models.programmes import Programme
from hub_server.models.records import Record
from hub_server.services import complaints, reconciliation, sensitive_cases
from hub_server.services.record_store import chunks, upsert_rows
from schemas.complaint_standards import LEVEL_DAYS, overdue_since, standing_of
from schemas.complaint_state import SETTLED, ComplaintState, derive
from schemas.sensitive import SENSITIVE_CATEGORIES

DESK_LEVELS = ("sub_district", "district", "skpd", "ombudsman")
STATUSES = ("active", "open", "in_progress", "resolved", "closed", "all")  # active: neither closed nor resolved
SORTS = {"due": ComplaintStateRow.level_date, "submitted": ComplaintStateRow.date_submitted,
         "reference": ComplaintStateRow.reference_number, "village": ComplaintStateRow.village_code,
         "status": ComplaintStateRow.status}
SETTING_OF_LEVEL = {level: f"COMPLAINT_DAYS_{level.upper()}" for level in LEVEL_DAYS}
SENSITIVE = ComplaintStateRow.category.in_(SENSITIVE_CATEGORIES)
SENSITIVE_QUEUE = "sensitive"  # the queue of every sensitive case, whatever its level, for those who see them


def days_per_level(config) -> dict:
    """{level: days} from the hub's settings (COMPLAINT_DAYS_<LEVEL>)."""
    return {level: int(config.get(name, LEVEL_DAYS[level])) for level, name in SETTING_OF_LEVEL.items()}


def state_row(record: Record, state: ComplaintState) -> dict:
    data = record.data
    return {"complaint_id": record.id, "reference_number": data.get("reference_number") or "",
            "village_code": record.village_code or "", "programme_code": data.get("programme_code"),
            "category": data.get("category") or "", "complainant": data.get("complainant_name"),
            "date_submitted": data.get("date_submitted") or "", "level": state.level, "level_date": state.level_date,
            "status": state.status, "officer_in_charge": state.officer_in_charge, "answered": state.answered,
            "acknowledged": state.acknowledged, "flagged": len(state.flags), "step": state.step,
            **settled(state)}


def settled(state: ComplaintState) -> dict:
    """{"resolved_date", "settle_days"} of a settled complaint (resolved or closed), both None otherwise.

    Days are calendar days from the date submitted to the date settled: 0 for one settled the same day.
    """
    if state.status not in SETTLED or not state.resolved_date or not state.date_submitted:
        return {"resolved_date": None, "settle_days": None}
    days = (dt.date.fromisoformat(state.resolved_date[:10]) - dt.date.fromisoformat(state.date_submitted[:10])).days
    return {"resolved_date": state.resolved_date[:10], "settle_days": days}


def refresh(session, complaint_ids) -> int:
    """Derive the state of these complaints again and store it; returns how many rows were written."""
    rows = []
    for part in chunks(set(complaint_ids)):
        forms = session.execute(select(Record).where(Record.id.in_(part), Record.table_name == "complaint")).scalars()
        forms = list(forms)
        events = complaints.events_of(session, [form.id for form in forms])
        rows += [state_row(form, derive(form.data, events[form.id])) for form in forms]
    _upsert(session, rows)
    return len(rows)


def touched(states) -> set:
    """The complaints a batch's changed records speak of (complaints, and the complaints of events)."""
    found = set()
    for state in states:
        if state.table == "complaint":
            found.add(state.record_id)
        elif state.table == "complaint_event" and state.values.get("complaint_id"):
            found.add(state.values["complaint_id"])
    return found


def _upsert(session, rows) -> None:
    upsert_rows(session, ComplaintStateRow.__table__, rows, "complaint_id")


@dataclass(frozen=True)
class Filters:
    """What a queue shows: a level, a status group, a text (reference, complainant, village code), a village,
    a programme, only overdue or only flagged, a sort and a page."""

    level: str = "sub_district"
    status: str = "active"
    search: str = ""
    village: str = ""
    programme: str = ""
    overdue: bool = False
    flagged: bool = False
    sort: str = "due"
    descending: bool = False
    page: int = 1


@dataclass(frozen=True)
class QueuePage:
    items: list  # [{"row": ComplaintStateRow, "standing": Standing}]
    page: int
    per_page: int
    total: int
    counts: dict  # {level: active complaints the viewer sees there}

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def visible(actor):
    """The SQL condition of the complaints `actor` may see on the desk (sensitive cases: only who must)."""
    if actor.role == "protection_unit":  # every sensitive case of its district or sub-district, from the village up
        return and_(SENSITIVE, _area(actor))
    if sensitive_cases.sees(actor):
        return _scope(actor)
    return and_(_scope(actor), ~SENSITIVE)


def _scope(actor):
    """The complaints of the actor's area or programmes, sensitive or not."""
    row = ComplaintStateRow
    if actor.role == "technical_unit":
        return and_(row.level.in_(("skpd", "ombudsman")), row.programme_code.in_(actor.programmes or ("",)))
    if actor.area:
        return and_(row.level.in_(("village", "sub_district", "district")), _area(actor))
    return row.complaint_id.is_not(None)


def _area(actor):
    row = ComplaintStateRow
    if not actor.area:
        return row.complaint_id.is_not(None)
    return or_(row.village_code == actor.area, row.village_code.startswith(actor.area + "."))


def withheld_count(session, actor) -> int:
    """How many sensitive cases in the actor's area or programmes it does not see: a number, never which."""
    if sensitive_cases.sees(actor):
        return 0
    return session.execute(select(func.count()).where(_scope(actor), SENSITIVE)).scalar()


def may_act(actor, level: str, village_code: str, programme_code: str | None, *, sensitive: bool = False) -> bool:
    """Whether `actor` may record desk actions on a complaint at `level` (the table in the docstring).

    A sensitive case is acted on by those who see it (the protection unit, a district admin) at every
    level, the village's included: the protection unit answers it wherever it stands."""
    if not actor.can("desk.act"):
        return False
    if sensitive:
        return sensitive_cases.sees_case(actor, village_code)
    if level not in DESK_LEVELS or actor.role == "protection_unit":
        return False
    if actor.role == "technical_unit":
        return level == "skpd" and programme_code in (actor.programmes or ())
    if actor.area:
        return level == "sub_district" and actor.covers([village_code])
    return True


def queue(session, actor, filters: Filters, *, days: dict, today: dt.date, per_page: int = 50) -> QueuePage:
    """One page of a level's queue as `actor` sees it, with each complaint's age, due date and overdue."""
    row = ComplaintStateRow
    query = select(row).where(visible(actor), _level(filters.level), *_conditions(filters, days, today))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar()
    column = SORTS.get(filters.sort, row.level_date)
    order = column.desc().nulls_last() if filters.descending else column.asc().nulls_last()
    page = max(1, filters.page)
    rows = session.execute(query.order_by(order, row.complaint_id).offset((page - 1) * per_page)
                           .limit(per_page)).scalars()
    items = [{"row": found, "standing": standing_of(_as_state(found), days, today)} for found in rows]
    return QueuePage(items, page, per_page, total, level_counts(session, actor))


def _level(level: str):
    return SENSITIVE if level == SENSITIVE_QUEUE else ComplaintStateRow.level == level


def level_counts(session, actor) -> dict:
    """{level: complaints neither resolved nor closed} that `actor` sees, for the queue tabs (and the
    sensitive cases among them, for those who see them)."""
    row, active = ComplaintStateRow, ComplaintStateRow.status.in_(("open", "in_progress"))
    query = select(row.level, func.count()).where(visible(actor), active).group_by(row.level)
    counts = {level: count for level, count in session.execute(query)}
    if sensitive_cases.sees(actor):
        query = select(func.count()).where(visible(actor), active, SENSITIVE)
        counts[SENSITIVE_QUEUE] = session.execute(query).scalar()
    return counts


def overdue_counts(session, actor, *, days: dict, today: dt.date) -> dict:
    """{level: complaints overdue there} that `actor` sees, at every level with a standard, the village's
    included (zero included)."""
    row = ComplaintStateRow
    return {level: session.execute(select(func.count()).where(visible(actor), row.level == level,
                                                              _overdue(level, days, today))).scalar()
            for level in LEVEL_DAYS}


def flagged_count(session, actor) -> int:
    row = ComplaintStateRow
    return session.execute(select(func.count()).where(visible(actor), row.flagged > 0)).scalar()


def _conditions(filters: Filters, days: dict, today: dt.date) -> list:
    row, found = ComplaintStateRow, []
    groups = {"active": ("open", "in_progress"), "all": None}
    statuses = groups.get(filters.status, (filters.status,))
    if statuses:
        found.append(row.status.in_(statuses))
    if filters.search:
        text = filters.search.strip()
        found.append(or_(row.reference_number.contains(text.upper(), autoescape=True),
                         func.lower(row.complainant).contains(text.lower(), autoescape=True),
                         row.village_code.startswith(text, autoescape=True)))
    if filters.village:
        found.append(or_(row.village_code == filters.village, row.village_code.startswith(filters.village + ".")))
    if filters.programme:
        found.append(row.programme_code == filters.programme.upper())
    if filters.flagged:
        found.append(row.flagged > 0)
    if filters.overdue:
        found.append(_overdue(filters.level, days, today))
    return found


def _overdue(level: str, days: dict, today: dt.date):
    """Neither resolved nor closed, and reached its level before the standard's bound (ISO dates compare as text)."""
    row = ComplaintStateRow
    if level == SENSITIVE_QUEUE:  # each case by the standard of the level it is at
        return or_(*(and_(row.level == each, _overdue(each, days, today)) for each in LEVEL_DAYS))
    bound = overdue_since(today, level, days)
    if bound is None:
        return false()
    return and_(row.status.in_(("open", "in_progress")), row.level_date <= bound)


def _as_state(row: ComplaintStateRow) -> ComplaintState:
    return ComplaintState(status=row.status, level=row.level, date_submitted=row.date_submitted,
                          level_date=row.level_date, officer_in_charge=row.officer_in_charge, step=row.step)


def flagged(session, actor, *, page: int = 1, per_page: int = 50) -> QueuePage:
    """Complaints with events that did not apply, most recent first, a page at a time, for a person to act on."""
    row, page = ComplaintStateRow, max(1, page)
    query = (select(row).where(visible(actor), row.flagged > 0).order_by(row.date_submitted.desc(), row.complaint_id)
             .offset((page - 1) * per_page).limit(per_page))
    items = [{"row": found} for found in session.execute(query).scalars()]
    return QueuePage(items, page, per_page, flagged_count(session, actor), {})


def find(session, actor, complaint_id: str) -> Record | None:
    """The complaint if `actor` may see it on the desk, else None."""
    query = select(ComplaintStateRow.complaint_id).where(ComplaintStateRow.complaint_id == complaint_id,
                                                         visible(actor))
    if session.execute(query).scalar() is None:
        return None
    return complaints.complaint(session, complaint_id)


def desk_file(session, actor, record: Record, *, days: dict, today: dt.date) -> dict:
    """What the desk's complaint page shows: the form, state, history, standing, programme and what may be done."""
    found = complaints.complaint_file(session, record)
    state = found["state"]
    return {**found, "standing": standing_of(state, days, today),
            "programme_name": programme_names(session, [record.data.get("programme_code")]).get(
                record.data.get("programme_code")),
            "may_act": may_act(actor, state.level, record.village_code or "", record.data.get("programme_code"),
                               sensitive=state.sensitive),
            "payment": payment_named(session, record.data)}


def payment_named(session, form: dict) -> dict | None:
    """The payment a "payment delay" complaint names: {"month", "line", "held"} with the reconciliation line of
    that membership and month (None when the hub holds no such membership, `held` False, or nothing was expected
    of it that month); None when it names none."""
    ident, period = form.get("payment_membership"), form.get("payment_period")
    if not (ident and period and str(ident).isdigit()):
        return None
    month = reconciliation.month_of(period)
    line = reconciliation.line_of(session, int(ident), month)
    names = programme_names(session, [line.programme_code]) if line else {}
    return {"month": month, "line": line, "held": line is not None or reconciliation.held(session, int(ident)),
            "programme_name": names.get(line.programme_code) if line else None}


def programme_names(session, codes) -> dict:
    """{code: name} of the catalogue's programmes among `codes`."""
    wanted = sorted({code for code in codes if code})
    if not wanted:
        return {}
    return dict(session.execute(select(Programme.code, Programme.name).where(Programme.code.in_(wanted))).all())
