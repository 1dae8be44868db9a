"""The synchronized population sent down to the laptops: a whole version per village first, then only
what changed (an edited extract, a death a village records), on SQLite and PostgreSQL."""

import csv
import datetime as dt
import hashlib

import pytest
from sqlalchemy import BigInteger, Date, func, literal, null, select

from hub_server.models.population import Person, PopulationVersion
from hub_server.models.records import FeedEntry
from hub_server.services import feed, population_feed
from hub_server.services.imports import pipeline
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    ACTOR,
    TODAY,
    district,
    import_all,
    population_db,
    wipe,
)

NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def hub(population_db, district):  # noqa: F811
    wipe(population_db)
    import_all(population_db, district, census=False)
    return population_db


def latest(hub, village: str) -> dict:
    with hub.uow() as uow:
        version = uow.session.execute(select(PopulationVersion).where(PopulationVersion.village_code == village)
                                      .order_by(PopulationVersion.id.desc()).limit(1)).scalar()
        return feed.ENTRY_LOADERS["population"](uow.session, [str(version.id)])[str(version.id)]["data"]


def residents_of(hub, village: str) -> dict:
    with hub.uow() as uow:
        return {row.nik: row for row in uow.session.execute(select(Person.__table__).where(
            Person.village_code == village, Person.nik.is_not(None)))}


def test_every_village_gets_its_residents_whole_in_one_entry_each(hub):
    with hub.uow() as uow:
        villages = dict(uow.session.execute(select(Person.village_code, func.count()).group_by(
            Person.village_code)).all())
        published = set(uow.session.execute(select(FeedEntry.village_code).where(
            FeedEntry.kind == "population")).scalars())
    assert published == set(villages)
    village = max(villages, key=villages.get)
    data = latest(hub, village)
    held = residents_of(hub, village)
    assert (data["base_version"], data["size"]) == (0, len(held))
    added = data["added"]
    rows = {nik: {name: values[index] for name, values in added.items()} for index, nik in enumerate(added["nik"])}
    assert set(rows) == set(held)
    nik, row = next(iter(rows.items()))
    assert (row["name"], row["birth_date"], row["village_code"] if "village_code" in row else village) == (
        held[nik].name, held[nik].birth_date.isoformat(), village)


def test_nothing_changed_sends_nothing(hub):
    with hub.uow() as uow:
        assert population_feed.publish(uow.session, NOW)["versions"] == 0


def test_an_extract_that_changes_one_name_sends_one_row_and_a_death_sends_a_removal(hub, district, tmp_path):  # noqa: F811
    with open(district / "ektp.csv", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    header, people = rows[0], rows[1:]
    with hub.uow() as uow:  # someone of the largest village: a delta there is smaller than the village
        village = uow.session.execute(select(Person.village_code).group_by(Person.village_code)
                                      .order_by(func.count().desc()).limit(1)).scalar()
        niks = set(uow.session.execute(select(Person.nik).where(Person.village_code == village)).scalars())
    changed = next(row for row in people if row[0] in niks)
    before = latest(hub, village)["version"]
    changed[header.index("name")] = changed[header.index("name")] + " Wijaya"
    extract = tmp_path / "ektp.csv"
    with open(extract, "w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows([header, *people])
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "ektp", extract, actor=ACTOR, today=TODAY)
    assert report.extra["population_sent"]["versions"] == 1
    data = latest(hub, village)
    assert (data["version"], data["base_version"]) == (before + 1, before)
    assert data["added"]["name"] == [changed[header.index("name")]] and data["removed"] == []

    # A death the village records: the next publication drops them from their village's residents.
    with hub.uow() as uow:
        person = uow.session.execute(select(Person).where(Person.nik == changed[0])).scalar()
        person.died_on = dt.date(2026, 2, 20)
        uow.session.flush()
        sent = population_feed.publish(uow.session, NOW)
        uow.commit()
    assert sent["versions"] == 1, sent
    data = latest(hub, village)
    assert data["removed"] == [changed[0]] and data["added"]["nik"] == []


def test_a_move_closes_the_row_in_the_old_village_and_opens_one_in_the_new(hub):
    with hub.uow() as uow:
        counts = uow.session.execute(select(Person.village_code, func.count()).where(Person.nik.is_not(None))
                                     .group_by(Person.village_code).order_by(func.count().desc()).limit(2)).all()
        (left, _), (joined, _) = counts
        person = uow.session.execute(select(Person).where(Person.village_code == left, Person.nik.is_not(None),
                                                          Person.died_on.is_(None)).limit(1)).scalar()
        nik, person.village_code = person.nik, joined
        uow.session.flush()
        sent = population_feed.publish(uow.session, NOW)
        uow.commit()
    assert (sent["versions"], sent["added"], sent["removed"]) == (2, 1, 1), sent
    assert latest(hub, left)["removed"] == [nik]
    assert latest(hub, joined)["added"]["nik"] == [nik] and latest(hub, joined)["removed"] == []


def test_the_fingerprint_is_the_same_on_every_database_and_tells_a_value_not_recorded_from_any_text(hub):
    rows = [[literal("3507010101900001"), null()], [null(), literal("3507010101900001")],
            [literal("3507010101900001"), literal("")], [literal(dt.date(1990, 1, 1), Date), literal(7, BigInteger)]]
    expected = [hashlib.md5(text.encode()).hexdigest()[:16] for text in  # noqa: S324  (a change detector)
                ("3507010101900001\x1f\x1e", "\x1e\x1f3507010101900001", "3507010101900001\x1f", "1990-01-01\x1f7")]
    with hub.uow() as uow:
        found = [uow.session.execute(select(population_feed.fingerprint_sql(row))).scalar() for row in rows]
    assert found == expected
