"""Memberships and their payments reach the feed of their village's devices (kind "membership"), on SQLite and
PostgreSQL: enrolment and every payment file that touches a membership put it in the feed again, whole."""

from sqlalchemy import select

from hub_server.models.payments import Membership
from hub_server.models.records import FeedEntry
from hub_server.services import feed, membership_feed, payment_import
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_payment_import import members, write  # noqa: F401  (fixtures)

ACTOR = "user:admin"


def entries(database) -> dict:
    with database.uow() as uow:
        rows = uow.session.execute(select(FeedEntry).where(FeedEntry.kind == "membership")).scalars().all()
        loaded = feed.ENTRY_LOADERS["membership"](uow.session, [row.ref for row in rows])
        return {entry["data"]["nik"]: (entry, row.village_code, row.pos) for row in rows
                for entry in [loaded[row.ref]]}


def test_a_payment_file_puts_the_members_it_paid_in_their_village_feed_with_every_payment(database, members,  # noqa: F811
                                                                                          tmp_path):
    with database.uow() as uow:
        membership_feed.publish(uow.session, uow.session.execute(select(Membership.id)).scalars())
        uow.commit()
    before = entries(database)
    paid, unpaid, _ = members
    rows = [f"BRI/2026/03/1,{paid},0001,BPJS-K3,2026-03,2026-03-05,25500,self"]
    with database.uow() as uow:
        payment_import.import_file(uow, "contribution", write(tmp_path, "c.csv", rows), actor=ACTOR)
    after = entries(database)
    entry, village, position = after[paid]
    assert entry["data"]["payments"] == [["contribution", "2026-03", "2026-03-05", 25500, "BRI/2026/03/1"]]
    assert entry["data"]["number"] == "0001" and entry["data"]["start"] == "2026-01-01" and village
    assert position > before[paid][2] and after[unpaid][2] == before[unpaid][2]  # only the one paid is sent again
    assert after[unpaid][0]["data"]["payments"] == []
    with database.uow() as uow:  # the same file again changes nothing, and sends nothing again
        payment_import.import_file(uow, "contribution", write(tmp_path, "c.csv", rows), actor=ACTOR)
    assert entries(database)[paid][2] == position
