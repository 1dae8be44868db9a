"""Memberships and their payments reach the feed of their village's devices, on SQLite and PostgreSQL: a
membership (kind "membership") when it is enrolled; a village's payments of a month (kind "payment_month") each
time a payment file loads a payment of that month for a member of that village, whole, and nothing else."""

from alembic import command
from sqlalchemy import select

import migrations
from hub_server.models.payments import Membership
from hub_server.models.records import FeedEntry
from hub_server.services import feed, membership_feed, payment_import
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_payment_import import members, write  # noqa: F401  (fixtures)

ACTOR = "user:admin"


def entries(database, kind: str) -> dict:
    """{ref: (entry, village code, position)} of the feed's entries of `kind`."""
    with database.uow() as uow:
        rows = uow.session.execute(select(FeedEntry).where(FeedEntry.kind == kind)).scalars().all()
        loaded = feed.ENTRY_LOADERS[kind](uow.session, [row.ref for row in rows])
        return {row.ref: (loaded[row.ref], row.village_code, row.pos) for row in rows}


def memberships_by_nik(database) -> dict:
    with database.uow() as uow:
        return {nik: (str(ident), village) for ident, nik, village in uow.session.execute(
            select(Membership.id, Membership.nik, Membership.village_code))}


def test_a_payment_file_puts_each_village_month_it_paid_in_the_feed_and_no_membership_again(database, members,  # noqa: F811
                                                                                            tmp_path):
    with database.uow() as uow:
        membership_feed.publish(uow.session, uow.session.execute(select(Membership.id)).scalars())
        uow.commit()
    cards = entries(database, "membership")
    ident = memberships_by_nik(database)
    paid, also_paid, _ = members
    rows = [f"BRI/2026/03/1,{paid},0001,BPJS-K3,2026-03,2026-03-05,25500,self",
            f"BRI/2026/02/1,{paid},0001,BPJS-K3,2026-02,2026-03-05,25500,self",
            f"BRI/2026/03/2,{also_paid},0002,BPJS-K3,2026-03,2026-03-06,25000,self"]
    with database.uow() as uow:
        payment_import.import_file(uow, "contribution", write(tmp_path, "c.csv", rows), actor=ACTOR)
    assert entries(database, "membership") == cards  # the cards are not sent again
    months = entries(database, "payment_month")
    village, other_village = ident[paid][1], ident[also_paid][1]
    expected = {(village, "2026-03"): [[ident[paid][0], "contribution", "2026-03-05", 25500, "BRI/2026/03/1"]],
                (village, "2026-02"): [[ident[paid][0], "contribution", "2026-03-05", 25500, "BRI/2026/02/1"]]}
    expected.setdefault((other_village, "2026-03"), []).append(
        [ident[also_paid][0], "contribution", "2026-03-06", 25000, "BRI/2026/03/2"])
    assert {ref: (sorted(entry["data"]["payments"]), at) for ref, (entry, at, _) in months.items()} == {
        f"{at}/{month}": (sorted(payments), at) for (at, month), payments in expected.items()}
    assert all(entry["data"]["village_code"] == at and ref.endswith(entry["data"]["month"])
               for ref, (entry, at, _) in months.items())

    with database.uow() as uow:  # the same file again changes nothing, and sends nothing again
        payment_import.import_file(uow, "contribution", write(tmp_path, "c.csv", rows), actor=ACTOR)
    assert entries(database, "payment_month") == months
    april = [f"BRI/2026/04/1,{paid},0001,BPJS-K3,2026-04,2026-04-05,25500,self"]
    with database.uow() as uow:  # a later month's file sends that month only, after what was sent before
        payment_import.import_file(uow, "contribution", write(tmp_path, "d.csv", april), actor=ACTOR)
    later = entries(database, "payment_month")
    assert {ref: held for ref, held in later.items() if ref in months} == months
    assert set(later) - set(months) == {f"{village}/2026-04"}
    assert later[f"{village}/2026-04"][2] > max(at for _, _, at in months.values())


def test_the_upgrade_puts_every_village_month_held_in_the_feed_and_the_downgrade_every_membership_again(
        database, members, tmp_path):  # noqa: F811
    paid, also_paid, _ = members
    rows = [f"BRI/2026/03/1,{paid},0001,BPJS-K3,2026-03,2026-03-05,25500,self",
            f"BRI/2026/03/2,{also_paid},0002,BPJS-K3,2026-03,2026-03-06,25000,self"]
    with database.uow() as uow:
        membership_feed.publish(uow.session, uow.session.execute(select(Membership.id)).scalars())
        uow.commit()
    with database.uow() as uow:
        payment_import.import_file(uow, "contribution", write(tmp_path, "c.csv", rows), actor=ACTOR)
    months = {ref: entry for ref, (entry, _, _) in entries(database, "payment_month").items()}
    with database.engine.begin() as connection:  # back to the version whose memberships carry the payments
        command.downgrade(migrations.alembic_config(connection), "0027")
    with database.uow() as uow:
        kinds = dict(uow.session.execute(select(FeedEntry.kind, FeedEntry.pos).order_by(FeedEntry.pos)).all())
        last = uow.session.execute(select(FeedEntry.pos).order_by(FeedEntry.pos.desc()).limit(1)).scalar()
    assert "payment_month" not in kinds and kinds["membership"] == last  # every membership sent again, last
    migrations.upgrade(database.engine)
    again = entries(database, "payment_month")
    assert {ref: entry for ref, (entry, _, _) in again.items()} == months
    assert min(at for _, _, at in again.values()) > last  # after everything laptops hold already


def test_a_page_holds_at_most_a_tenth_of_its_size_in_village_months_and_always_one_entry(database):
    import datetime as dt

    from hub_server.models.device import Device

    village = "35.07.01.2001"
    with database.uow() as uow:
        membership_feed.publish_months(uow.session, [(village, dt.date(2020 + n // 12, n % 12 + 1, 1))
                                                     for n in range(25)])
        uow.commit()
    laptop = Device(device_id="abcdefghij", scope=[village])
    with database.uow() as uow:
        page = feed.page_for(uow.session, laptop, None, 500)
        assert [entry["id"] for entry in page.entries] == [f"{village}/2020-{n:02d}" for n in range(1, 11)]
        assert page.more and page.entries[0]["data"] == {"village_code": village, "month": "2020-01", "payments": []}
        rest = feed.page_for(uow.session, laptop, page.cursor, 500)
        assert len(rest.entries) == 10 and rest.entries[0]["id"] == f"{village}/2020-11"
        small = feed.page_for(uow.session, laptop, None, 1)  # heavier than the whole page: still sent, alone
        assert len(small.entries) == 1 and small.more
