"""The counts a matching run keeps for the reports (`services/coverage_counts.py`) against what the lists hold,
after the first run, after a run that changes nothing, after a catalogue change that changes the lists, and
the report's figures when the latest run kept none; on SQLite and PostgreSQL (`report_data.py`'s district)."""

import copy
import datetime as dt

import pytest
from sqlalchemy import select

from hub_server.models.programmes import CoverageCount, ListCount
from hub_server.services import catalogue, matching
from hub_server.services.reports import monthly, programmes
from tests.integration import report_data as data


@pytest.fixture
def hub(app, database, tmp_path):
    data.build(database, tmp_path)
    return database


def kept(database) -> tuple[dict, dict]:
    """({(village, programme, status): entries}, {(village, guarantee): people}) as the tables hold them."""
    with database.uow() as uow:
        entries = {(row.village_code, row.programme_code, row.status): row.entries
                   for row in uow.session.scalars(select(ListCount))}
        covered = {(row.village_code, row.guarantee): row.people for row in uow.session.scalars(select(CoverageCount))}
    return entries, covered


def counted_now(database, on: dt.date) -> tuple[dict, dict]:
    """The same figures counted from the list entries and people."""
    with database.uow() as uow:
        entries = {(village, code, status): count
                   for village, code, status, count in programmes.open_entries(uow.session, None)}
        covered = dict(programmes.covered_people(uow.session, None, on, programmes.catalogue(uow.session)))
    return entries, {key: people for key, people in covered.items() if people}


def rematch(database, on=dt.date(2026, 3, 1), publish=True):
    with database.uow(clock=lambda: data.utc(2026, 3, 25, 4)) as uow:
        return matching.run(uow, actor=data.ACTOR, on=on, publish=publish)


def test_the_run_keeps_what_the_lists_hold(hub):
    entries, covered = kept(hub)
    assert (entries, covered) == counted_now(hub, dt.date(2026, 3, 1))
    # Worked out by hand (report_data.py): OLD-D lists Budi and Sri in V1, Eko awaiting in V2, Ahmad in V3.
    assert {key: count for key, count in entries.items() if key[1] == "OLD-D"} == {
        (data.V1, "OLD-D", "listed"): 2, (data.V2, "OLD-D", "awaiting"): 1, (data.V3, "OLD-D", "listed"): 1}
    assert {key: people for key, people in covered.items() if key[1] == "old_age"} == {
        (data.V1, "old_age"): 2, (data.V2, "old_age"): 1, (data.V3, "old_age"): 1}


def test_a_run_after_a_verification_counts_the_verified_as_listed_and_covered(hub):
    entries, covered = kept(hub)
    assert (entries[(data.V1, "HEALTH", "listed")], entries[(data.V1, "HEALTH", "proposed")]) == (3, 1)
    assert covered[(data.V1, "health")] == 3
    rematch(hub)  # Dewi, confirmed on 20 March, is listed for HEALTH in V1 instead of proposed
    entries, covered = kept(hub)
    assert (entries, covered) == counted_now(hub, dt.date(2026, 3, 1))
    assert entries[(data.V1, "HEALTH", "listed")] == 4 and (data.V1, "HEALTH", "proposed") not in entries
    assert covered[(data.V1, "health")] == 4


def test_a_run_that_changes_no_list_keeps_the_same_counts(hub):
    rematch(hub)
    before = kept(hub)
    report = rematch(hub)
    assert report.lists["versions"] == 0 and kept(hub) == before
    assert report.counts["list_date"] == "2026-03-01"


def test_a_list_that_changes_changes_its_counts(hub):
    with hub.uow() as uow:
        changed = copy.deepcopy(data.CATALOGUE)
        changed[0]["eligibility_rule"] = {"fact": "age", "op": "ge", "value": 70}  # OLD-D keeps Ahmad (75) only
        catalogue.save(uow, changed, actor=data.ACTOR)
    rematch(hub)
    entries, covered = kept(hub)
    assert (entries, covered) == counted_now(hub, dt.date(2026, 3, 1))
    assert {key: count for key, count in entries.items() if key[1] == "OLD-D"} == {(data.V3, "OLD-D", "listed"): 1}
    assert {key: people for key, people in covered.items() if key[1] == "old_age"} == {(data.V3, "old_age"): 1}
    with hub.uow() as uow:
        found = monthly.build(uow.session, "35.07", data.MONTH, now=data.MADE, zone="Asia/Jakarta")
    assert found.figure("coverage", "old_age", "covered") == 1
    assert found.figure("programmes", "OLD-D", "listed") + found.figure("programmes", "OLD-D", "awaiting") == 1


def test_without_kept_counts_the_report_counts_from_the_lists(hub):
    with hub.uow() as uow:
        before = monthly.build(uow.session, "35.07", data.MONTH, now=data.MADE, zone="Asia/Jakarta")
    rematch(hub, publish=False)  # a run that publishes nothing keeps no counts: the latest run has none
    with hub.uow() as uow:
        assert not programmes.counts_kept(uow.session)
        after = monthly.build(uow.session, "35.07", data.MONTH, now=data.MADE, zone="Asia/Jakarta")
    for section in ("programmes", "coverage", "budget"):
        assert after.sections[section].rows == before.sections[section].rows
