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
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, true

from hub_server.errors import FieldError, Invalid
from hub_server.models.payments import Membership, Payment
from hub_server.models.population import Person
from hub_server.models.programmes import Programme
from hub_server.services import payment_files, regions
from schemas.money import benefit_due, month_start, payment_status

MEMBER_COLUMNS = (Membership.id, Membership.programme_code, Membership.number, Membership.nik, Membership.village_code,
                  Membership.payer, Membership.monthly_contribution, Membership.start_date)
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


def _months_from(start: dt.date, month: dt.date) -> int:
    return (month.year - start.year) * 12 + month.month - start.month + 1


def _paid(session, kind: str, condition) -> dict:
    query = (select(Payment.membership_id, func.sum(Payment.amount))
             .where(Payment.kind == kind, Payment.membership_id.is_not(None), condition)
             .group_by(Payment.membership_id))
    return dict(session.connection().execute(query).all())


def lines(session, month: dt.date, *, programme_code: str | None = None, area: str | None = None) -> list:
    """Every membership's line for `month` (see the module's docstring), by programme and card number."""
    conditions = [Membership.start_date <= _month_end(month),
                  or_(Membership.end_date.is_(None), Membership.end_date >= month)]
    if programme_code:
        conditions.append(Membership.programme_code == programme_code)
    if area:
        conditions.append(or_(Membership.village_code == area, Membership.village_code.startswith(area + ".")))
    return _reconciled(session, month, conditions, true())


def line_of(session, membership_id: int, month: dt.date) -> Line | None:
    """One membership's line for `month` (a complaint about a payment shows it); None for an unknown one or a
    membership with nothing expected that month."""
    found = _reconciled(session, month, [Membership.id == membership_id], Payment.membership_id == membership_id)
    return found[0] if found else None


def _reconciled(session, month: dt.date, conditions: list, payments) -> list:
    """The lines of the memberships meeting `conditions`, from the payments meeting `payments`."""
    query = (select(*MEMBER_COLUMNS, Person.name).join(Person, Person.id == Membership.person_id)
             .where(and_(*conditions)).order_by(Membership.programme_code, Membership.number))
    records = dict(session.execute(select(Programme.code, Programme.record)).all())
    benefits = {code: benefit_due(record or {}, month.month) for code, record in records.items()}
    paid_now = {kind: _paid(session, kind, and_(payments, Payment.period == month)) for kind in payment_files.KINDS}
    paid_so_far = _paid(session, "contribution", and_(payments, Payment.period <= month))
    found = []
    for member in session.connection().execute(query):  # Core rows: a district has millions of members
        line = _line(member, month, benefits, paid_now, paid_so_far)
        if line:
            found.append(line)
    return found


def held(session, membership_id: int) -> bool:
    """Whether the hub holds this membership."""
    return session.get(Membership, membership_id) is not None


def _line(member, month: dt.date, benefits: dict, paid_now: dict, paid_so_far: dict) -> Line | None:
    (membership_id, programme, number, nik, village, payer, monthly, start, name) = member
    if monthly:
        paid = paid_now["contribution"].get(membership_id, 0)
        owed = monthly * _months_from(start, month) - paid_so_far.get(membership_id, 0)
        return Line(membership_id, programme, number, nik, name, village, payer, "contribution", monthly, paid,
                    payment_status(monthly, paid), max(0, owed))
    expected, amount = benefits.get(programme, (False, None))
    if not expected:
        return None
    paid = paid_now["benefit"].get(membership_id, 0)
    return Line(membership_id, programme, number, nik, name, village, payer, "benefit", amount, paid,
                payment_status(amount, paid))


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
