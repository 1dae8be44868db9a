"""Shared parts of the population, matching and list tests: a generated district and real databases.

`district` is a generated district (ground truth, extracts, faults) made once per test session.
`population_db` is an empty hub schema on a temporary SQLite file or on a fresh PostgreSQL schema
(skipped with the reason when the server is unreachable), made once per test module.
"""

import datetime as dt
import secrets

import pytest

from hub_server.db import Database

PEOPLE = 2500
TODAY = dt.date(2026, 3, 1)
ACTOR = "cli:test"
PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname={} connect_timeout=3"


@pytest.fixture(scope="session")
def district(tmp_path_factory):
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("district")
    generate_district(folder, people=PEOPLE, seed=3)
    return folder


@pytest.fixture(scope="session")
def clean_district(tmp_path_factory):
    """A district whose extracts hold no planted fault: they agree with the ground truth."""
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("clean-district")
    generate_district(folder, people=PEOPLE, seed=5, fault_rate=0)
    return folder


def hub_tables(engine) -> None:
    import hub_server.models.population  # noqa: F401  (registers the tables)
    import hub_server.models.programmes  # noqa: F401
    import hub_server.models.records  # noqa: F401
    from hub_server.models import Base

    Base.metadata.create_all(engine)


def _pg_schema(request) -> tuple[str, str]:
    import psycopg

    database = request.getfixturevalue("pg_database")
    schema = f"p_{secrets.token_hex(6)}"
    with psycopg.connect(PG_DSN.format(database), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return database, schema


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def population_db(request, tmp_path_factory):
    """An empty hub schema, once per module and database."""
    schema = None
    if request.param == "postgres":
        database, schema = _pg_schema(request)
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}?options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('population') / 'hub.sqlite'}"
    hub = Database(url)
    hub_tables(hub.engine)
    yield hub
    hub.dispose()
    if schema:
        import psycopg

        with psycopg.connect(PG_DSN.format(database), autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def import_all(database, folder, sources=("ektp", "kk", "welfare"), census: bool = True) -> dict:
    """Import a generated district's extracts (and its people as a census); returns the reports."""
    from hub_server.services.imports import pipeline

    reports = {}
    files = [(source, f"{source}.csv") for source in sources] + ([("census", "people.csv")] if census else [])
    for source, name in files:
        with database.uow() as uow:
            reports[source] = pipeline.import_file(uow, source, folder / name, actor=ACTOR, today=TODAY)
    return reports


def wipe(database) -> None:
    """Empty every table (between tests that share a module's database)."""
    from hub_server.models import Base

    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
