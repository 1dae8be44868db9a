"""The hub's database: one engine and session factory per app.

SQLite (the default, one file in the data folder) runs in WAL mode with foreign keys on and
`synchronous=FULL`: a change-set the hub acknowledged must survive a power cut, because the laptop
drops it from its outbox on that acknowledgement. PostgreSQL is reached with `postgresql+psycopg://`.
"""

import hashlib
import os

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import sessionmaker

from hub_server.unit_of_work import UnitOfWork, utcnow

EXTENSION = "sws_db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


class Database:
    """An engine and its session factory; `uow()` opens a unit of work."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)

    def uow(self, clock=utcnow, immediate: bool = False) -> UnitOfWork:
        return UnitOfWork(self.session_factory, clock=clock, immediate=immediate)

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _create_private_file(make_url(url).database)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _create_private_file(path: str | None) -> None:
    # The database holds personal data: readable by its owner only. SQLite gives its WAL and
    # shared-memory files the database file's permissions.
    if path and path != ":memory:" and not path.startswith("file:") and not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def _sqlite_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling would skip BEGIN before SELECTs; we emit BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                   f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
    # PostgreSQL's md5(text), which SQLite lacks: fingerprints computed in SQL are the same on both.
    dbapi_connection.create_function("md5", 1, _md5, deterministic=True)


def _md5(text: str | None) -> str | None:
    if text is None:
        return None
    return hashlib.md5(text.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()


def _sqlite_begin(connection) -> None:
    immediate = connection.get_execution_options().get("sqlite_immediate")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def init_app(app) -> Database:
    database = Database(app.config["DATABASE_URL"])
    app.extensions[EXTENSION] = database
    return database


def get(app) -> Database:
    """The app's database."""
    return app.extensions[EXTENSION]
