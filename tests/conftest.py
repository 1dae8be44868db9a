"""Shared fixtures: real databases (a temporary SQLite file, and PostgreSQL when reachable), the hub app.

`db_url` runs a test once per database. PostgreSQL is the server on 127.0.0.1:5432 (trust
authentication, user postgres): one fresh database per test session, one fresh schema per test,
all dropped afterwards. When the server is unreachable those variants are skipped with the reason.
"""

import os
import secrets
import sys
from dataclasses import dataclass

import pytest

# The hubs, laptops and commands the tests start as processes read Python's compiled modules as an installed
# system does: an environment that forbids writing them would have every process compile the project again
# (a fifth of the CPU of a test starting processes).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
ADMIN_PASSWORD = "kata-sandi-admin-1"


def _pg_dsn(dbname: str) -> str:
    return f"host={PG_HOST} port={PG_PORT} user={PG_USER} dbname={dbname} connect_timeout=3"


@pytest.fixture(autouse=True)
def _no_hub_settings_from_the_environment(monkeypatch):
    """A developer's SWS_HUB_* variables must not change what the tests see."""
    for name in list(os.environ):
        if name.startswith("SWS_HUB_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def pg_database():
    """SQLAlchemy URL of a database made for this test session (dropped at its end)."""
    import psycopg

    try:
        admin = psycopg.connect(_pg_dsn("postgres"), autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on {PG_HOST}:{PG_PORT}: {str(exc).strip()}")
    name = f"sws_test_{os.getpid()}_{secrets.token_hex(4)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_database):
    """An empty schema of the session's database, as the URL's search path."""
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(_pg_dsn(pg_database), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    yield f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{pg_database}?options=-csearch_path%3D{schema}"
    with psycopg.connect(_pg_dsn(pg_database), autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """URL of an empty database: a temporary SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'hub.sqlite'}"


@pytest.fixture
def hub_settings(tmp_path, db_url):
    """The settings mapping the `app` fixture is made with."""
    return {"TESTING": True, "DATA_DIR": str(tmp_path / "hub-data"), "DATABASE_URL": db_url,
            "SECRET_KEY": "test-secret-key", "HUB_NAME": "Hub Uji"}


def _initialised_hub(root, url: str) -> None:
    from hub_server import bootstrap, create_app, db

    application = create_app({"TESTING": True, "DATA_DIR": str(root / "hub-data"), "DATABASE_URL": url,
                              "SECRET_KEY": "test-secret-key", "HUB_NAME": "Hub Uji"})
    bootstrap.initialise(application, admin="admin", password=lambda: ADMIN_PASSWORD)
    db.get(application).dispose()


@pytest.fixture(scope="session")
def hub_template(tmp_path_factory):
    """A SQLite hub initialised once per test process (key pair, every migration, admin "admin"): each test's
    SQLite hub starts as a copy of it, then `bootstrap.initialise` runs on it as on any hub, finding it whole.
    Running the whole migration chain for every test took about 0.6 s each (1 s on PostgreSQL)."""
    root = tmp_path_factory.mktemp("hub-template")
    _initialised_hub(root, f"sqlite:///{root / 'hub.sqlite'}")
    return root


@pytest.fixture(scope="session")
def pg_hub_template(pg_database, tmp_path_factory):
    """The same on PostgreSQL: (the data folder, the SQL that makes a copy in schema TEMPLATE_SCHEMA), or None
    without `pg_dump` (each test then runs the migrations itself)."""
    import shutil
    import subprocess

    import psycopg

    if not shutil.which("pg_dump"):
        return None
    root = tmp_path_factory.mktemp("pg-hub-template")
    with psycopg.connect(_pg_dsn(pg_database), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {TEMPLATE_SCHEMA}")
    _initialised_hub(root, f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{pg_database}"
                           f"?options=-csearch_path%3D{TEMPLATE_SCHEMA}")
    dump = subprocess.run(["pg_dump", "-h", PG_HOST, "-p", str(PG_PORT), "-U", PG_USER, f"--schema={TEMPLATE_SCHEMA}",
                           "--no-owner", "--no-privileges", "--inserts", pg_database],
                          capture_output=True, text=True, check=True).stdout
    # pg_dump's session settings and psql meta-commands are not SQL a driver runs; the schema exists already.
    kept = [line for line in dump.splitlines() if not line.startswith(("SET ", "\\", "CREATE SCHEMA",
                                                                        "SELECT pg_catalog.set_config"))]
    return root, "\n".join(kept)


TEMPLATE_SCHEMA = "hub_template"


def _from_template(settings, request) -> None:
    """Copy the template hub into a test's empty database and data folder, when the test has none of its own."""
    import re
    import shutil
    from pathlib import Path

    from sqlalchemy.engine import make_url

    url = make_url(settings["DATABASE_URL"])
    if Path(settings["DATA_DIR"]).exists():
        return
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        template, database = request.getfixturevalue("hub_template"), Path(url.database)
        for made in template.glob("hub.sqlite*"):
            shutil.copy2(made, database.with_name(made.name.replace("hub.sqlite", database.name)))
    elif url.get_backend_name() == "postgresql" and (schema := re.search(r"search_path=(\w+)", str(
            url.query.get("options", "")))) and (template := request.getfixturevalue("pg_hub_template")):
        import psycopg

        with psycopg.connect(_pg_dsn(url.database)) as connection:
            if connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s",
                                  (schema[1],)).fetchone()[0]:
                return
            connection.execute(template[1].replace(TEMPLATE_SCHEMA, schema[1]))
        template = template[0]
    else:
        return
    shutil.copytree(template / "hub-data", settings["DATA_DIR"])


@pytest.fixture
def app(hub_settings, request):
    """An initialised hub (key pair, migrated schema, admin user "admin"), its engine disposed afterwards."""
    from hub_server import bootstrap, create_app, db

    _from_template(hub_settings, request)
    application = create_app(hub_settings)
    try:
        bootstrap.initialise(application, admin="admin", password=lambda: ADMIN_PASSWORD)
        yield application
    finally:
        db.get(application).dispose()


@pytest.fixture
def database(app):
    """The app's Database: `database.uow()` for services."""
    from hub_server import db

    return db.get(app)


@pytest.fixture
def hub_key(app):
    from hub_server import keys

    return keys.get(app)


@pytest.fixture
def client(app):
    return app.test_client()


@dataclass
class Users:
    """Adds users and logs test clients in."""

    database: object

    def add(self, username, role, area=None, password="kata-sandi-uji-1", language="id"):
        from hub_server.services import users
        from hub_server.services.actors import operator

        with self.database.uow() as uow:
            users.add_user(uow, operator("test"), username, password, role, area=area, language=language)
        return password

    @staticmethod
    def csrf(client) -> str:
        """The CSRF token of the client's session (made by the first page it loads)."""
        with client.session_transaction() as session:
            if "csrf" not in session:
                session["csrf"] = secrets.token_urlsafe(32)
            return session["csrf"]

    def login(self, client, username="admin", password=ADMIN_PASSWORD):
        """Log `client` in through the login form; returns the response."""
        return client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": self.csrf(client)})

    def post(self, client, path, **form):
        """A form POST with the session's CSRF token."""
        return client.post(path, data={**form, "csrf_token": self.csrf(client)})


@pytest.fixture
def hub_users(database):
    return Users(database)
