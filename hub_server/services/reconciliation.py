"""Reconciliation: for one month, what each member owed or was owed, against what the payment files say.

A membership counts in a month when it started on or before the month's last day and did not end
before its first. Two kinds of line (docs/payments.md, "Reconciliation"):

- contribution (a membership with a monthly contribution): `due` is that contribution, `paid` what the
  imported contribution payments for the month add up to; `arrears` is everything due from the start
  month to this one less everything paid for those months, and a member with arrears is flagged.
- benefit (a programme whose catalogue entry pays every month, or every quarter in March, June,
  September and December): `due` is the catalogue's amount (None when it gives none), `paid` what was
  disbursed; a benefit expected and not paid is flagged.

`status`: paid, partial (less than due), unpaid (nothing), overpaid (more than due).

The database computes the lines (`_month_lines`: each member's paid totals read from the payments'
index by membership, kind, period and amount, the months due from the membership's start month), so
the month's totals are one GROUP BY (`month_totals`) and the admin UI reads one page at a time (`page`);
`lines` gives every line (the CSV).
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import and_, case, func, null, or_, select

from hub_server.errors import FieldError, Invalid
from hub_server.models.payments import Membership, Payment, month_number
from hub_server.models.population import Person
from hub_server.models.programmes import Programme
from hub_server.services import paging, regions
from hub_server.services.imports import stage
from schemas.money import benefit_due, month_start

STATUSES = ("paid", "partial", "unpaid", "overpaid")


@dataclass(slots=True)
class Line:
    membership_id: int
    programme_code: str
    number: str
    nik: str
    name: str
    village_code: str | None
    payer: str
    kind: str
    due: int | None
    paid: int
    status: str
    arrears: int = 0

    @property
    def flagged(self) -> bool:
        """In arrears (a contribution), or expected and not paid (a benefit)."""
        return self.arrears > 0 if self.kind == "contribution" else self.status == "unpaid"


def month_of(text: str) -> dt.date:
    """The first day of a `yyyy-mm` month. Raises Invalid naming the field `month`."""
    month = month_start(text)
    if month is None:
        raise Invalid([FieldError("month", "payment_period")])
    return month


def _month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _benefits(session, month: dt.date) -> dict:
    """{programme: benefit amount or None} of the programmes whose catalogue entry pays in `month`."""
    records = session.execute(select(Programme.code, Programme.record)).all()
    due = {code: benefit_due(record or {}, month.month) for code, record in records}
    return {code: amount for code, (expected, amount) in due.items() if expected}


def _greatest(session, value, floor: int):
    """max(value, floor) in the database's words, `value` computed once."""
    if session.get_bind().dialect.name == "postgresql":
        return func.greatest(value, floor)
    return func.max(value, floor)


def _month_lines(session, month: dt.date, conditions: list):
    """A subquery of the lines of `month` for the memberships meeting `conditions` (a membership with a
    monthly contribution, or of a programme paying a benefit that month): the membership's columns, kind,
    due, paid, arrears, status and flagged (1 or 0)."""
    benefits = _benefits(session, month)
    contribution = Membership.monthly_contribution > 0
    kind = case((contribution, "contribution"), else_="benefit")

    def paid(period):
        return (select(func.coalesce(func.sum(Payment.amount), 0))
                .where(Payment.membership_id == Membership.id, Payment.kind == kind, period).scalar_subquery())

    amounts = {code: amount for code, amount in benefits.items() if amount}
    benefit = case(amounts, value=Membership.programme_code, else_=null()) if amounts else null()
    due = case((contribution, Membership.monthly_contribution), else_=benefit)
    months = month_number(month) - Membership.start_month + 1
    owed = case((contribution, Membership.monthly_contribution * months - paid(Payment.period <= month)), else_=0)
    inner = (select(Membership.id.label("membership_id"), Membership.programme_code, Membership.number,
                    Membership.nik, Membership.person_id, Membership.village_code, Membership.payer,
                    kind.label("kind"), due.label("due"), paid(Payment.period == month).label("paid"),
                    _greatest(session, owed, 0).label("arrears"))
             .where(*conditions, or_(contribution, Membership.programme_code.in_(list(benefits)))).subquery("line"))
    status = case((inner.c.paid == 0, "unpaid"), (or_(inner.c.due.is_(None), inner.c.paid == inner.c.due), "paid"),
                  (inner.c.paid < inner.c.due, "partial"), else_="overpaid")
    flagged = case((and_(inner.c.kind == "contribution", inner.c.arrears > 0), 1),
                   (and_(inner.c.kind == "benefit", inner.c.paid == 0), 1), else_=0)
    return select(*inner.c, status.label("status"), flagged.label("flagged")).subquery("month_line")


def _conditions(month: dt.date, programme_code: str | None, area: str | None) -> list:
    conditions = [Membership.start_date <= _month_end(month),
                  or_(Membership.end_date.is_(None), Membership.end_date >= month)]
    if programme_code:
        conditions.append(Membership.programme_code == programme_code)
    if area:
        conditions.append(or_(Membership.village_code == area, Membership.village_code.startswith(area + ".")))
    return conditions


def _with_names(found):
    """The lines' query with the member's name, in the order the lines are listed."""
    return (select(found.c.membership_id, found.c.programme_code, found.c.number, found.c.nik, Person.name,
                   found.c.village_code, found.c.payer, found.c.kind, found.c.due, found.c.paid, found.c.status,
                   found.c.arrears).join(Person, Person.id == found.c.person_id))


def _as_line(row) -> Line:
    """A Line from a row of `_with_names` (PostgreSQL gives sums as decimals)."""
    due = None if row[8] is None else int(row[8])
    return Line(*row[:8], due, int(row[9]), row[10], int(row[11]))


def lines(session, month: dt.date, *, programme_code: str | None = None, area: str | None = None) -> list:
    """Every membership's line for `month` (see the module's docstring), by programme and card number."""
    found = _month_lines(session, month, _conditions(month, programme_code, area))
    query = _with_names(found).order_by(found.c.programme_code, found.c.number)
    with stage.bulk_work(session):  # SQLite: a district's lines read millions of index entries
        return [_as_line(row) for row in session.connection().execute(query)]  # Core rows: millions of members


def line_of(session, membership_id: int, month: dt.date) -> Line | None:
    """One membership's line for `month` (a complaint about a payment shows it); None for an unknown one or a
    membership with nothing expected that month."""
    found = _month_lines(session, month, [Membership.id == membership_id])
    row = session.execute(_with_names(found)).first()
    return _as_line(row) if row else None


def month_totals(session, month: dt.date, *, programme_code: str | None = None, area: str | None = None) -> list:
    """What `totals(lines(...))` gives, computed by the database: one GROUP BY over the month's lines."""
    found = _month_lines(session, month, _conditions(month, programme_code, area))
    query = (select(found.c.programme_code, found.c.payer, found.c.kind, func.count(),
                    func.sum(func.coalesce(found.c.due, 0)), func.sum(found.c.paid), func.sum(found.c.flagged),
                    func.sum(found.c.arrears))
             .group_by(found.c.programme_code, found.c.payer, found.c.kind))
    with stage.bulk_work(session):
        rows = [{"programme_code": programme, "payer": payer, "kind": kind, "members": int(members), "due": int(due),
                 "paid": int(paid), "flagged": int(flagged), "arrears": int(arrears)}
                for programme, payer, kind, members, due, paid, flagged, arrears in session.execute(query)]
    return sorted(rows, key=lambda row: (row["programme_code"], row["payer"], row["kind"]))


PAGE_SORTS = ("programme", "name", "due", "paid", "arrears")


def page(session, month: dt.date, order: paging.Order, *, programme_code: str | None = None, area: str | None = None,
         status: str | None = None, flagged: bool = False) -> paging.Page:
    """One page of the month's lines, filtered by status and flagged, sorted by `order.sort` (PAGE_SORTS;
    ties and "programme" by programme and card number)."""
    found = _month_lines(session, month, _conditions(month, programme_code, area))
    query = _with_names(found)
    if status:
        query = query.where(found.c.status == status)
    if flagged:
        query = query.where(found.c.flagged == 1)
    sort = order.sort if order.sort in PAGE_SORTS else "programme"
    per_page = max(1, order.per_page)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar()
    number = min(max(1, order.page or 1), max(1, -(-total // per_page)))
    keys = [] if sort == "programme" else [{"name": Person.name, "due": found.c.due, "paid": found.c.paid,
                                            "arrears": found.c.arrears}[sort]]
    keys = [key.desc().nulls_last() if order.descending else key.asc().nulls_last() for key in keys]
    ties = [found.c.programme_code, found.c.number]
    if sort == "programme" and order.descending:
        ties = [tie.desc() for tie in ties]
    rows = session.connection().execute(query.order_by(*keys, *ties).offset((number - 1) * per_page).limit(per_page))
    return paging.Page([_as_line(row) for row in rows], number, per_page, total, sort, order.descending)


def held(session, membership_id: int) -> bool:
    """Whether the hub holds this membership."""
    return session.get(Membership, membership_id) is not None


def totals(found: list) -> list:
    """One row per (programme, payer, kind): members, due, paid, flagged, arrears; sorted."""
    rows = {}
    for line in found:
        row = rows.setdefault((line.programme_code, line.payer, line.kind),
                              {"programme_code": line.programme_code, "payer": line.payer, "kind": line.kind,
                               "members": 0, "due": 0, "paid": 0, "flagged": 0, "arrears": 0})
        row["members"] += 1
        row["due"] += line.due or 0
        row["paid"] += line.paid
        row["flagged"] += line.flagged
        row["arrears"] += line.arrears
    return [rows[key] for key in sorted(rows)]


CSV_COLUMNS = ("month", "programme_code", "number", "nik", "name", "village_code", "village_name", "payer", "kind",
               "due", "paid", "status", "arrears", "flagged")


def csv_text(found: list, month: dt.date) -> str:
    """The lines as CSV (docs/payments.md): one row per membership, amounts in whole rupiah."""
    out, names, tag = io.StringIO(), {}, month.isoformat()[:7]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in found:
        village = line.village_code or ""
        if village not in names:  # a district has a few hundred villages and millions of lines
            names[village] = regions.name(village) or ""
        writer.writerow((tag, line.programme_code, line.number, line.nik, line.name, village, names[village],
                         line.payer, line.kind, "" if line.due is None else line.due, line.paid, line.status,
                         line.arrears, "yes" if line.flagged else "no"))
    return out.getvalue()
