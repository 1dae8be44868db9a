"""The generator's month of payment files, imported into a hub holding the same district: every planted
fault (unknown NIK, duplicate payment, wrong amount, not paid) is found by the import or the reconciliation."""

import csv
import datetime as dt

from sqlalchemy import func, select

from hub_server.generator import iter_households
from hub_server.generator.payments import enrolments, write_payment_files
from hub_server.models.records import FeedEntry
from hub_server.services import catalogue, memberships, payment_import, reconciliation
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_population_support import ACTOR, import_all

MARCH = dt.date(2026, 3, 1)
FINDING = {"unknown_nik": "nik_unknown", "duplicate_payment": "duplicate_payment", "wrong_amount": "amount_differs"}


def _found(fault: dict, found: set, flagged: set) -> bool:
    if fault["kind"] == "not_paid":
        return (fault["programme"], fault["membership_number"]) in flagged
    return (fault["file"], int(fault["line"]), FINDING[fault["kind"]]) in found


def test_every_planted_payment_fault_is_found(database, small_district, tmp_path):  # noqa: F811
    import_all(database, small_district)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    households = list(iter_households(people=400, seed=5))
    members = list(enrolments(households, seed=5))
    everyone = {person.nik for household in households for person in household.members}
    files = write_payment_files(tmp_path, members, MARCH, seed=5, fault_rate=0.05, known_niks=everyone)
    assert {"unknown_nik", "duplicate_payment", "wrong_amount", "not_paid"} <= set(files.planted)
    with database.uow() as uow:
        enrolled = memberships.add_roll(uow, members, start=dt.date(2026, 1, 1), actor=ACTOR)
    assert enrolled > 0
    with database.uow() as uow:  # the roll reaches its villages' feed, one entry a membership
        fed = uow.session.execute(select(func.count()).select_from(FeedEntry).where(FeedEntry.kind == "membership"))
        assert fed.scalar() == enrolled
    found = set()
    for kind, path in (("contribution", files.contributions), ("benefit", files.benefits)):
        with database.uow() as uow:
            batch = payment_import.import_file(uow, kind, path, actor=ACTOR)
            assert batch.rows_failed == 0
            found |= {(path.name, f.line, f.finding) for f in payment_import.findings(uow.session, batch.id, 10_000)}
    with database.uow() as uow:
        flagged = {(line.programme_code, line.number) for line in reconciliation.lines(uow.session, MARCH)
                   if line.status == "unpaid"}
    with open(files.faults, encoding="utf-8") as handle:
        planted = list(csv.DictReader(handle))
    missed = [fault for fault in planted if not _found(fault, found, flagged)]
    assert missed == []
