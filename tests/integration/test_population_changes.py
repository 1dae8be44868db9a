"""The database notes which residents may have changed (triggers on people and households), and a publication
of the population compares only those, leaving the laptops' rows exactly what comparing everyone would: on
SQLite and PostgreSQL, through the ORM, bulk statements and the import pipeline."""

import csv
import datetime as dt
import re

import pytest
from alembic import command
from sqlalchemy import Column, delete, func, insert, select, text, update
from sqlalchemy.sql import visitors

import migrations
from hub_server.db import Database
from hub_server.models.population import Household, Person, PopulationRow, PopulationVersion
from hub_server.models.population_changes import (
    WATCHED,
    PopulationChange,
    create_triggers,
    drop_triggers,
    note_everyone,
)
from hub_server.services import population_feed
from hub_server.services.imports import pipeline
from hub_server.services.imports.rows import name_key
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    ACTOR,
    TODAY,
    district,
    hub_tables,
    import_all,
    population_db,
    wipe,
)

NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
ROWS, CHANGES = PopulationRow.__table__, PopulationChange.__table__


@pytest.fixture(scope="module")
def hub(population_db, district):  # noqa: F811
    wipe(population_db)
    import_all(population_db, district, census=False)
    return population_db


def noted(hub) -> set:
    with hub.uow() as uow:
        return set(uow.session.execute(select(CHANGES.c.person_id)).scalars())


def sent_rows(session) -> set:
    """(person, village, fingerprint) of every row the laptops hold open."""
    return set(session.execute(select(ROWS.c.person_id, ROWS.c.village_code, ROWS.c.fingerprint)
                               .where(ROWS.c.removed_in.is_(None))).all())


def every_resident_now(session) -> set:
    """The same, for every resident as the population holds them now (comparing everyone)."""
    residents = population_feed._residents_now(session, None)
    found = set(session.execute(select(residents.c.person_id, residents.c.village_code, residents.c.fingerprint)).all())
    residents.drop(session.connection())
    return found


def population_feed_publish(hub) -> dict:
    with hub.uow() as uow:
        counts = population_feed.publish(uow.session, NOW)
        uow.commit()
    return counts


def some_people(session, count: int, offset: int = 0) -> list:
    return list(session.execute(select(Person).where(Person.nik.is_not(None), Person.household_id.is_not(None),
                                                     Person.died_on.is_(None))
                                .order_by(Person.id).offset(offset).limit(count)).scalars())


def test_every_column_a_resident_s_row_is_made_of_is_watched():
    people, households = Person.__table__, Household.__table__
    read = {column for column in population_feed._residents().selected_columns if isinstance(column, Column)}
    read |= {element for element in visitors.iterate(population_feed.resident_filter(people))
             if isinstance(element, Column)}
    assert {column.name for column in read if column.table is people} - {"id"} <= set(WATCHED)
    # the household's own columns a row shows: its card number, which the households trigger watches
    assert {column.name for column in read if column.table is households} == {"kk_number"}


def test_the_database_notes_watched_changes_and_only_those(hub):
    population_feed_publish(hub)
    assert noted(hub) == set()
    with hub.uow() as uow:
        first, second, third = some_people(uow.session, 3)
        ids = (first.id, second.id, third.id)
        uow.session.execute(update(Person).where(Person.id == first.id).values(phone="081234567890",
                                                                               education="sma"))
        uow.commit()
    assert noted(hub) == set(), "a phone or schooling is not on the laptops' rows"
    with hub.uow() as uow:
        person = uow.session.get(Person, ids[1])
        person.address = (person.address or "") + " Timur"  # through the ORM's flush
        uow.session.execute(update(Person).where(Person.id == ids[2]).values(died_on=dt.date(2026, 2, 1)))
        uow.commit()
    assert noted(hub) == {ids[1], ids[2]}
    with hub.uow() as uow:
        household = uow.session.get(Household, first.household_id)
        members = set(uow.session.execute(select(Person.id).where(Person.household_id == household.id)).scalars())
        household.kk_number = "3507019999990001"
        uow.commit()
    assert noted(hub) == {ids[1], ids[2]} | members
    assert population_feed_publish(hub)["versions"] >= 1
    assert noted(hub) == set()


def test_a_publication_of_a_few_changes_compares_only_them_and_leaves_what_comparing_everyone_would(hub):
    population_feed_publish(hub)
    with hub.uow() as uow:
        session = uow.session
        renamed, dead, moved, gone, left = some_people(session, 5, offset=40)
        session.execute(update(Person).where(Person.id == renamed.id).values(name=renamed.name + " Putri"))
        session.execute(update(Person).where(Person.id == dead.id).values(died_on=dt.date(2026, 2, 20)))
        other_village = session.execute(select(Person.village_code).where(
            Person.village_code != moved.village_code).limit(1)).scalar()
        session.execute(update(Person).where(Person.id == moved.id).values(village_code=other_village))
        session.execute(update(Person).where(Person.id == left.id).values(in_ektp=False, in_kk=False))
        session.execute(delete(Person).where(Person.id == gone.id))
        session.execute(insert(Person).values(nik="3507016101990001", name="Warga Baru",
                                              name_key=name_key("Warga Baru"),
                                              village_code=moved.village_code, in_ektp=True, in_kk=False,
                                              nik_status="recorded"))
        newcomer = session.execute(select(Person.id).where(Person.nik == "3507016101990001")).scalar()
        uow.commit()
    changed = {renamed.id, dead.id, moved.id, gone.id, left.id, newcomer}
    with hub.uow() as uow:
        last, scope = population_feed._compared(uow.session)
        assert scope is not None, "six people of thousands: compared alone"
        assert set(uow.session.execute(select(scope.c.person_id)).scalars()) == changed
        uow.rollback()
    counts = population_feed_publish(hub)
    assert (counts["added"], counts["removed"]) == (3, 5)  # renamed, moved, newcomer in; five rows out
    with hub.uow() as uow:
        assert sent_rows(uow.session) == every_resident_now(uow.session)
    assert population_feed_publish(hub)["versions"] == 0


def test_an_import_that_renames_a_few_notes_them_and_sends_exactly_them(hub, district, tmp_path):  # noqa: F811
    with open(district / "ektp.csv", encoding="utf-8") as source:
        header, *rows = list(csv.reader(source))
    renamed = rows[10:13]
    for row in renamed:
        row[header.index("name")] += " Wijaya"
    extract = tmp_path / "ektp.csv"
    with open(extract, "w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows([header, *rows])
    with hub.uow() as uow:  # the import's bulk UPDATE ... FROM, its triggers, its publication
        report = pipeline.import_file(uow, "ektp", extract, actor=ACTOR, today=TODAY)
    assert report.extra["population_sent"]["added"] == 3, report.extra
    with hub.uow() as uow:
        assert sent_rows(uow.session) == every_resident_now(uow.session)
        names = set(uow.session.execute(select(Person.name).where(Person.nik.in_([row[0] for row in renamed])))
                    .scalars())
    assert names == {row[header.index("name")] for row in renamed}
    assert noted(hub) == set()


@pytest.mark.parametrize("population_db", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_a_change_committed_while_a_publication_runs_waits_for_the_next_one(hub, monkeypatch):
    """PostgreSQL lets a village's change commit while an import publishes: that change's note, read by no
    publication yet, must outlive the publication (SQLite's writers take turns)."""
    population_feed_publish(hub)
    with hub.uow() as village, hub.uow() as hub_side:
        dead, renamed = some_people(village.session, 2, offset=90)
        village.session.execute(update(Person).where(Person.id == dead.id).values(died_on=dt.date(2026, 2, 27)))
        hub_side.session.execute(update(Person).where(Person.id == renamed.id).values(name=renamed.name + " Sari"))
        counts = population_feed._counts

        def village_commits_meanwhile(*args):  # after the residents were read, before the notes are cleared
            village.commit()
            return counts(*args)

        monkeypatch.setattr(population_feed, "_counts", village_commits_meanwhile)
        assert population_feed.publish(hub_side.session, NOW)["added"] == 1  # the rename only
        hub_side.commit()
    monkeypatch.undo()
    assert noted(hub) == {dead.id}
    assert population_feed_publish(hub)["removed"] == 1
    with hub.uow() as uow:
        assert sent_rows(uow.session) == every_resident_now(uow.session)


def test_a_change_noted_for_everyone_compares_every_resident_and_stops_the_notes_until_then(hub):
    population_feed_publish(hub)
    with hub.uow() as uow:
        note_everyone(uow.session)
        dead = some_people(uow.session, 1)[0].id
        uow.session.execute(update(Person).where(Person.id == dead).values(died_on=dt.date(2026, 2, 25)))
        uow.commit()
    # SQLite's triggers note nothing more; PostgreSQL's still note (a publication may be running meanwhile)
    assert noted(hub) == ({None} if hub.engine.dialect.name == "sqlite" else {None, dead})
    with hub.uow() as uow:
        assert population_feed._compared(uow.session)[1] is None
        uow.rollback()
    assert population_feed_publish(hub)["removed"] == 1  # everyone compared: the death found
    assert noted(hub) == set()


def rows_of(session, village: str) -> list:
    return session.execute(select(ROWS.c.nik, ROWS.c.added_in, ROWS.c.removed_in)
                           .where(ROWS.c.village_code == village)).all()


def latest_version(session, village: str):
    return session.execute(select(PopulationVersion).where(PopulationVersion.village_code == village)
                           .order_by(PopulationVersion.id.desc()).limit(1)).scalar()


def test_villages_sent_whole_after_comparing_everyone_start_their_rows_again_and_the_others_keep_theirs(hub):
    population_feed_publish(hub)
    with hub.uow() as uow:
        session = uow.session
        whole, delta = [village for village, in session.execute(
            select(Person.village_code).where(Person.nik.is_not(None)).group_by(Person.village_code)
            .order_by(Person.village_code).limit(2))]
        first, second = session.execute(select(Person.id).where(
            Person.village_code == delta, Person.nik.is_not(None), population_feed.resident_filter(Person.__table__))
            .order_by(Person.id).limit(2)).scalars()
        session.execute(update(Person).where(Person.id == first).values(name=Person.name + " Ayu"))
        uow.commit()
    assert population_feed_publish(hub)["removed"] == 1  # the second village holds a closed row now
    with hub.uow() as uow:
        session = uow.session
        closed_before = [row for row in rows_of(session, delta) if row.removed_in is not None]
        kept = session.execute(select(func.min(Person.id)).where(
            Person.village_code == whole, Person.nik.is_not(None), population_feed.resident_filter(Person.__table__))
        ).scalar()  # unchanged, and still among the rows its village starts again with
        session.execute(update(Person).where(Person.village_code == whole, Person.id != kept).values(
            address=func.coalesce(Person.address, "") + " Baru"))
        session.execute(update(Person).where(Person.id == second).values(name=Person.name + " Dewi"))
        note_everyone(session)
        uow.commit()
    counts = population_feed_publish(hub)
    with hub.uow() as uow:
        session = uow.session
        assert sent_rows(session) == every_resident_now(session)
        version = latest_version(session, whole)
        residents = set(session.execute(select(Person.nik).where(Person.village_code == whole, Person.nik.is_not(None),
                                                                 population_feed.resident_filter(Person.__table__)))
                        .scalars())
        assert version.full and {(row.nik, row.added_in, row.removed_in) for row in rows_of(session, whole)} == {
            (nik, version.id, None) for nik in residents}
        assert set(population_feed.version_data(session, version)["added"]["nik"]) == residents
        assert not latest_version(session, delta).full
        assert population_feed.version_data(session, latest_version(session, delta))["added"]["name"][0].endswith(
            " Dewi")
        assert set(closed_before) <= {row for row in rows_of(session, delta) if row.removed_in is not None}
    assert counts["whole"] == 1 and counts["added"] == len(residents) - 1 + 1


def test_when_every_village_goes_whole_the_rows_start_again_but_a_village_without_residents_keeps_its_own(hub):
    population_feed_publish(hub)
    emptied = ("35.07.99.2099", 1, "3507990101900001", "0" * 16, 1, 1)  # its last resident left: a closed row
    with hub.uow() as uow:
        uow.session.execute(insert(ROWS).values(dict(zip(
            ("village_code", "person_id", "nik", "fingerprint", "added_in", "removed_in"), emptied, strict=True))))
        uow.session.execute(update(Person).values(address=func.coalesce(Person.address, "") + " Raya"))
        uow.commit()
    counts = population_feed_publish(hub)
    with hub.uow() as uow:
        session = uow.session
        villages = set(session.execute(select(ROWS.c.village_code).distinct()).scalars()) - {emptied[0]}
        assert counts["whole"] == len(villages)
        assert sent_rows(session) == every_resident_now(session)
        assert session.execute(select(ROWS.c.id).where(ROWS.c.removed_in.is_not(None),
                                                       ROWS.c.village_code != emptied[0])).first() is None
        assert rows_of(session, emptied[0]) == [(emptied[2], 1, 1)]
        uow.session.execute(delete(ROWS).where(ROWS.c.village_code == emptied[0]))
        uow.session.execute(update(Person).values(address=func.coalesce(Person.address, "") + " Utara"))
        uow.commit()
    population_feed_publish(hub)  # every village holding rows goes whole: the table starts again
    with hub.uow() as uow:
        assert sent_rows(uow.session) == every_resident_now(uow.session)
        assert uow.session.execute(select(ROWS.c.id).where(ROWS.c.removed_in.is_not(None))).first() is None


# The schema: migrated and made from the models alike --------------------------------------------------

def trigger_sql(database) -> dict:
    """{trigger or function: its definition, spaces collapsed} of this database's population triggers."""
    with database.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            found = dict(connection.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'population_%'")).all())
        else:
            found = dict(connection.execute(text(
                "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgrelid IN ('people'::regclass, 'households'::regclass)")).all())
            found |= {f"{name}()": source for name, source in connection.execute(text(
                "SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'population_%' "
                "AND pronamespace = current_schema()::regnamespace")).all()}
    return {name: re.sub(r"\s+", " ", sql).replace(" public.", " ").strip() for name, sql in found.items()}


@pytest.fixture
def database(db_url):
    held = Database(db_url)
    yield held
    held.dispose()


def test_a_migrated_hub_has_the_models_triggers_and_compares_everyone_once(database, tmp_path):
    migrations.upgrade(database.engine)
    made = Database(f"sqlite:///{tmp_path / 'models.sqlite'}") if database.engine.dialect.name == "sqlite" else None
    migrated = trigger_sql(database)
    assert len(migrated) == (4 if made else 8)
    if made:  # a schema made from the models, beside the migrated one
        hub_tables(made.engine)
        assert trigger_sql(made) == migrated
        made.dispose()
    with database.engine.begin() as connection:  # the models' statements, on the migrated schema
        drop_triggers(connection)
        create_triggers(connection)
    assert trigger_sql(database) == migrated
    with database.engine.connect() as connection:
        assert connection.execute(select(CHANGES.c.person_id)).all() == [(None,)]
    with database.engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), "0030")
    assert trigger_sql(database) == {}
    migrations.upgrade(database.engine)
    assert trigger_sql(database) == migrated
    with database.uow() as uow:
        added = add_person(uow.session, "3507016101990002")
        assert set(uow.session.execute(select(CHANGES.c.person_id)).scalars()) == (
            {None} if database.engine.dialect.name == "sqlite" else {None, added}), "everyone is noted already"
        uow.session.execute(delete(CHANGES))  # as a publication does
        added = add_person(uow.session, "3507016101990003")
        # the triggers write where the hub's tables are (on PostgreSQL, the hub's own schema)
        assert uow.session.execute(select(CHANGES.c.person_id)).all() == [(added,)]


def add_person(session, nik: str) -> int:
    session.execute(insert(Person).values(nik=nik, name="Warga", name_key="warga", village_code="35.07.01.2001",
                                          in_ektp=True, in_kk=False, nik_status="recorded"))
    return session.execute(select(Person.id).where(Person.nik == nik)).scalar()
