"""Memberships and their payments in the feed, for the laptops of the member's village (kind "membership").

One feed entry per membership (ref = its id, village_code = where it was enrolled): the card, its dates,
class and payer, the monthly contribution, and every payment matched to it (contributions and benefits,
each with the month, the day the money moved and the amount). Enrolling and importing a payment file put
the memberships they touch in the feed again, so a laptop holds the whole, current state after a sync and
can tell offline who was paid what and when, and who was expected and not paid (`village_client.memberships`).
"""

from sqlalchemy import select

from hub_server.models.payments import Membership, Payment
from hub_server.services import payment_rows, record_store

IN_LIST = 900
CHUNK = 20_000


def publish(session, membership_ids) -> None:
    """Put these memberships (again) in the feed of their village's devices."""
    _publish_where(session, Membership.id, membership_ids)


def publish_villages(session, villages: dict) -> None:
    """Put these memberships ({id: village code}, read already by the caller) in the feed: a payment file
    touches millions, so the feed rows go to the driver as plain tuples (see `payment_rows`)."""
    idents = sorted(villages, key=str)  # the feed's key is the id as text: its index is then written in order
    positions = record_store.allocate_positions(session, len(idents))
    mark = payment_rows.marker(session.connection())
    statement = (f"INSERT INTO feed_entries (kind, ref, pos, village_code, origin_device, only_device) "
                 f"VALUES ('membership', {mark}, {mark}, {mark}, NULL, NULL) ON CONFLICT (kind, ref) DO UPDATE SET "
                 "pos = excluded.pos, village_code = excluded.village_code, origin_device = NULL, only_device = NULL")
    for part in record_store.chunks(list(zip(idents, positions, strict=True)), CHUNK):
        session.connection().exec_driver_sql(statement, [(str(ident), pos, villages[ident]) for ident, pos in part])


def publish_people(session, niks) -> None:
    """Put every membership of these NIKs in the feed (a roll enrolled in bulk)."""
    _publish_where(session, Membership.nik, niks)


def _publish_where(session, column, values) -> None:
    for part in record_store.chunks(sorted(set(values)), IN_LIST):
        rows = session.execute(select(Membership.id, Membership.village_code).where(column.in_(part))).all()
        record_store.publish(session, [("membership", str(ident), village) for ident, village in rows])


def entry_data(membership: Membership, payments: list) -> dict:
    return {"programme": membership.programme_code, "nik": membership.nik, "number": membership.number,
            "village_code": membership.village_code, "start": membership.start_date.isoformat(),
            "end": membership.end_date.isoformat() if membership.end_date else None, "payer": membership.payer,
            "health_class": membership.health_class, "monthly_contribution": membership.monthly_contribution,
            "payments": [[payment.kind, payment.period.isoformat()[:7], payment.paid_on.isoformat(), payment.amount,
                          payment.reference] for payment in payments]}


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "membership": {membership id: entry}."""
    ids = [int(ref) for ref in refs]
    members = list(session.execute(select(Membership).where(Membership.id.in_(ids))).scalars())
    paid = {}
    for payment in session.execute(select(Payment).where(Payment.membership_id.in_(ids))
                                   .order_by(Payment.period, Payment.paid_on, Payment.id)).scalars():
        paid.setdefault(payment.membership_id, []).append(payment)
    return {str(m.id): {"kind": "membership", "table": "membership", "id": str(m.id),
                        "data": entry_data(m, paid.get(m.id, []))} for m in members}
