"""Revision 0029 lays matching's working tables out for bulk writes on SQLite and keeps every row they hold."""

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import select, text

import migrations
from hub_server.db import Database
from hub_server.models.programmes import Eligibility, MatchFact

FACTS = [{"person_id": 7, "representative_id": 7, "village_code": "35.07.01.2001", "birth_date": dt.date(1950, 5, 1),
          "sex": "M", "pregnant": None, "welfare_decile": 2, "awaiting": False, "migrant_family": False},
         {"person_id": 3_000_000_123, "representative_id": 7, "village_code": "35.07.01.2002", "birth_date": None,
          "sex": "F", "pregnant": True, "welfare_decile": None, "awaiting": True, "migrant_family": False}]
VERDICTS = [{"programme_code": "JSLU", "person_id": 7, "rule_met": True, "reasons": 3, "correction": None, "run_id": 1},
            {"programme_code": "PMT-KEK", "person_id": 3_000_000_123, "rule_met": False, "reasons": 0,
             "correction": "include", "run_id": 1}]


@pytest.fixture
def database(db_url):
    held = Database(db_url)
    yield held
    held.dispose()


def to_revision(database, revision: str) -> None:
    with database.engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), revision)


def held_rows(database) -> tuple:
    with database.engine.connect() as connection:
        facts = [dict(row) for row in connection.execute(select(MatchFact).order_by(MatchFact.person_id)).mappings()]
        verdicts = [dict(row) for row in connection.execute(select(Eligibility).order_by(Eligibility.person_id))
                    .mappings()]
    return facts, verdicts


def table_sql(database, name: str) -> str:
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
                                  {"name": name}).scalar()


def test_the_upgrade_and_the_downgrade_keep_the_latest_run_s_facts_and_verdicts(database):
    migrations.upgrade(database.engine)
    to_revision(database, "0028")
    with database.engine.begin() as connection:
        connection.execute(MatchFact.__table__.insert(), FACTS)
        connection.execute(Eligibility.__table__.insert(), VERDICTS)
    before = held_rows(database)
    assert [row["person_id"] for row in before[0]] == [7, 3_000_000_123] and len(before[1]) == 2
    migrations.upgrade(database.engine)
    assert held_rows(database) == before
    to_revision(database, "0028")
    assert held_rows(database) == before


def test_on_sqlite_facts_are_keyed_by_the_row_and_verdicts_clustered_by_programme_and_person(database):
    if database.engine.dialect.name != "sqlite":
        pytest.skip("a layout of SQLite's own; PostgreSQL keeps its tables as they were")
    migrations.upgrade(database.engine)
    with database.engine.begin() as connection:
        connection.execute(MatchFact.__table__.insert(), FACTS)
        # The person's id is the rowid itself, and no index beside the tables stores the keys again.
        assert connection.execute(text("SELECT rowid, person_id FROM match_facts ORDER BY rowid")).all() == [
            (7, 7), (3_000_000_123, 3_000_000_123)]
        indexes = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' "
                                          "AND tbl_name IN ('match_facts', 'eligibility')")).scalars().all()
    assert indexes == []
    assert table_sql(database, "eligibility").rstrip().endswith("WITHOUT ROWID")
    to_revision(database, "0028")
    assert not table_sql(database, "eligibility").rstrip().endswith("WITHOUT ROWID")
    assert "person_id BIGINT" in table_sql(database, "match_facts")
