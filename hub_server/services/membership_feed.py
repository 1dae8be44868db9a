"""Memberships and their payments in the feed, for the laptops of the member's village.

Two kinds of entry, so that a month's payment file costs a village's laptops that month's payments and no more:

- "membership", one per membership (ref = its id, village_code = where it was enrolled): the card, its dates,
  class and payer and the monthly contribution; put in the feed when it is enrolled.
- "payment_month", one per village and month paid (ref = "<village code>/<yyyy-mm>"): every payment of that
  month matched to a membership of the village (contributions and benefits, each with its membership, the day
  the money moved, the amount and the reference); put in the feed again, whole, by each payment file that loads
  a payment for that village and month.

A laptop then holds the whole, current state after a sync and can tell offline who was paid what and when, and
who was expected and not paid (`village_client.memberships`). Before, each payment file sent every member it
paid again with the whole payment history, so that a year's files cost the laptops the square of the months.
"""

import datetime as dt

from sqlalchemy import select

from hub_server.models.payments import Membership, Payment
from hub_server.services import record_store

IN_LIST = 900
PAYMENT_MONTH = "payment_month"


def publish(session, membership_ids) -> None:
    """Put these memberships (again) in the feed of their village's devices."""
    _publish_where(session, Membership.id, membership_ids)


def publish_people(session, niks) -> None:
    """Put every membership of these NIKs in the feed (a roll enrolled in bulk)."""
    _publish_where(session, Membership.nik, niks)


def publish_months(session, months) -> None:
    """Put the payments of these (village code, month) pairs (again) in the feed of the village's devices."""
    record_store.publish(session, [(PAYMENT_MONTH, month_ref(village, period), village)
                                   for village, period in sorted(set(months)) if village])


def month_ref(village: str, period: dt.date) -> str:
    return f"{village}/{period.isoformat()[:7]}"


def _publish_where(session, column, values) -> None:
    for part in record_store.chunks(sorted(set(values)), IN_LIST):
        rows = session.execute(select(Membership.id, Membership.village_code).where(column.in_(part))).all()
        record_store.publish(session, [("membership", str(ident), village) for ident, village in rows])


def entry_data(membership: Membership) -> dict:
    return {"programme": membership.programme_code, "nik": membership.nik, "number": membership.number,
            "village_code": membership.village_code, "start": membership.start_date.isoformat(),
            "end": membership.end_date.isoformat() if membership.end_date else None, "payer": membership.payer,
            "health_class": membership.health_class, "monthly_contribution": membership.monthly_contribution}


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "membership": {membership id: entry}."""
    members = session.execute(select(Membership).where(Membership.id.in_([int(ref) for ref in refs]))).scalars()
    return {str(m.id): {"kind": "membership", "table": "membership", "id": str(m.id), "data": entry_data(m)}
            for m in members}


def month_entries(session, refs) -> dict:
    """Feed loader for kind "payment_month": {"<village>/<yyyy-mm>": entry}, each with every payment of the month
    matched to a membership of the village, as [membership id, kind, paid_on, amount, reference], by membership
    and day paid."""
    found = {}
    for ref in refs:
        village, month = ref.rsplit("/", 1)
        found[ref] = {"kind": PAYMENT_MONTH, "table": PAYMENT_MONTH, "id": ref,
                      "data": {"village_code": village, "month": month,
                               "payments": _village_payments(session, village, dt.date.fromisoformat(month + "-01"))}}
    return found


def _village_payments(session, village: str, period: dt.date) -> list:
    # The village's memberships first, then their payments of the month by the payments' index on (membership,
    # kind, period, ...): asked in one join, SQLite without statistics reads the whole district's month by the
    # (kind, period) index and looks every payment's membership up (0.3 s for a village at 270,000 people).
    members = session.execute(select(Membership.id).where(Membership.village_code == village)).scalars().all()
    rows = []
    for part in record_store.chunks(members, IN_LIST):
        rows += session.execute(
            select(Payment.membership_id, Payment.paid_on, Payment.id, Payment.kind, Payment.amount, Payment.reference)
            .where(Payment.membership_id.in_(part), Payment.kind.in_(("benefit", "contribution")),
                   Payment.period == period)).all()
    return [[str(member), kind, paid_on.isoformat(), amount, reference]
            for member, paid_on, _, kind, amount, reference in sorted(rows, key=lambda row: row[:3])]
