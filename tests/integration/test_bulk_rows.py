"""`bulk_rows.execute_many` stores exactly what SQLAlchemy's own executemany stores, on SQLite and PostgreSQL.

Each table the sync path writes in bulk gets a row with a value of every column's type (JSON with a
non-ASCII text and a JSON null, dates, UTC times, booleans, money); the row is inserted once through
SQLAlchemy and once through the driver, and the columns are compared as the database holds them.
"""

import datetime as dt

import pytest
from sqlalchemy import JSON, BigInteger, Boolean, Date, Integer, String, Text, delete, insert

from hub_server.models.base import UTCDateTime
from hub_server.models.population import Household, Person, ResidentRegistration
from hub_server.models.records import FeedEntry, ReceivedChangeSet, Record, RecordEdit
from hub_server.services import bulk_rows, record_store

TABLES = [Person, Household, ResidentRegistration, Record, RecordEdit, ReceivedChangeSet, FeedEntry]
WHEN = dt.datetime(2026, 3, 6, 2, 15, 30, 123456, tzinfo=dt.UTC)
ROWS = 3


def _value(column, serial: int, row: int):
    """A value of the column's type, different from row to row and from column to column; None for a
    foreign key (no parent row is made)."""
    kind = column.type.impl if isinstance(column.type, UTCDateTime) else column.type
    if column.foreign_keys:
        return None
    if isinstance(column.type, UTCDateTime):
        return WHEN + dt.timedelta(days=serial, seconds=row)
    if isinstance(kind, Boolean):
        return (serial + row) % 2 == 0
    if isinstance(kind, Date):
        return dt.date(1990, 5, 15) + dt.timedelta(days=serial * 31 + row)
    if isinstance(kind, JSON):  # a document, or None (which SQLAlchemy stores as JSON null)
        return {"nama": "Siti Aminah", "catatan": f"anak ke-{row} · ibu", "nilai": [serial, None, 2]} \
            if (serial + row) % 2 else None
    if isinstance(kind, Integer | BigInteger):
        return 1_250_000 + serial * 10 + row
    if isinstance(kind, String | Text):
        return f"v{serial}r{row}"[: kind.length or 40]
    raise AssertionError(f"{column}: no sample value for {column.type!r}")


def _own_id(table, column) -> bool:
    return column.primary_key and len(table.primary_key) == 1 and isinstance(column.type, Integer | BigInteger)


def _rows(table) -> list:
    """Rows giving every column but the database's own id and those with a default (which the helper must fill)."""
    return [{column.name: _value(column, serial, row) for serial, column in enumerate(table.columns)
             if not _own_id(table, column) and column.default is None} for row in range(ROWS)]


def _stored(session, table) -> list:
    """The rows as the database holds them, each column also as `IS NULL` (psycopg reads JSON null and SQL
    NULL both as None)."""
    names = [column.name for column in table.columns if not _own_id(table, column)]
    columns = ", ".join(f"{name}, {name} IS NULL" for name in names)
    return sorted((tuple(row) for row in session.connection().exec_driver_sql(f"SELECT {columns} FROM {table.name}")),
                  key=repr)


@pytest.mark.parametrize("model", TABLES, ids=lambda model: model.__tablename__)
def test_the_driver_path_stores_what_sqlalchemy_stores(database, model):
    table = model.__table__
    rows = _rows(table)
    with database.uow() as uow:
        uow.session.execute(insert(table), rows)
        by_sqlalchemy = _stored(uow.session, table)
        uow.session.execute(delete(table))
        bulk_rows.execute_many(uow.session, insert(table), rows)
        by_driver = _stored(uow.session, table)
        uow.rollback()
    assert by_driver == by_sqlalchemy and len(by_driver) == ROWS
    assert len({repr(row) for row in by_driver}) == ROWS  # the rows differ: a value taken from the wrong row would show


def test_an_upsert_replaces_the_row_of_the_same_key(database):
    def entry(pos, village):
        return {"kind": "record", "ref": "abc-1", "pos": pos, "village_code": village, "origin_device": None,
                "only_device": None}

    with database.uow() as uow:
        record_store.upsert_feed(uow.session, [entry(7, "35.07.01.2001")])
        record_store.upsert_feed(uow.session, [entry(9, "35.07.01.2002"), {**entry(10, None), "ref": "abc-2"}])
        held = uow.session.execute(FeedEntry.__table__.select().order_by(FeedEntry.pos)).all()
        uow.rollback()
    assert [(e.ref, e.pos, e.village_code) for e in held] == [("abc-1", 9, "35.07.01.2002"), ("abc-2", 10, None)]


def test_a_column_with_a_computed_default_must_be_given(database):
    from hub_server.models.audit import AuditLog

    with database.uow() as uow, pytest.raises(ValueError, match="audit_log.detail"):
        bulk_rows.execute_many(uow.session, insert(AuditLog.__table__), [{"at": WHEN, "actor": "x", "action": "y"}])
