"""Many rows in one statement through the database driver's own executemany.

For ten thousand rows, SQLAlchemy's per-row parameter handling (each row's dictionary turned into the
driver's parameters, with every value's type processed through the compiled statement) costs more than
the database's insert itself: a village's first push writes that many people, records and feed entries
at once. Here the statement is compiled once, each value goes through its column type's own bind
processor (JSON as text and dates as ISO text on SQLite, JSON wrapped for psycopg on PostgreSQL, UTC
times as `UTCDateTime` stores them), and the rows go to the driver as they are: what is stored is what
SQLAlchemy would store.

Rows leave out a column only when it has a scalar Python default (taken as SQLAlchemy would take it) or
none at all (NULL, or what the database gives, an id).
"""

from operator import itemgetter

from sqlalchemy.sql.dml import Insert


def execute_many(session, statement: Insert, rows: list) -> None:
    """Run an INSERT (or INSERT ... ON CONFLICT) built on a table for `rows`, dicts with the same keys."""
    if not rows:
        return
    connection = session.connection()
    dialect, table = connection.dialect, statement.table
    defaults = _defaults(table, rows[0])
    names = [*rows[0], *defaults]
    # As for many rows: a single-row INSERT on PostgreSQL would return the new ids, thrown away here.
    compiled = statement.compile(dialect=dialect, column_keys=names, for_executemany=True)
    positional = compiled.positiontup is not None
    order = list(compiled.positiontup) if positional else names
    processed = [(index, process) for index, name in enumerate(order)
                 if (process := _processor(table.c[name], dialect)) is not None]
    values_of = itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))

    def params(row):
        values = list(values_of({**defaults, **row} if defaults else row))
        for index, process in processed:  # None too: a JSON column stores it as JSON null
            values[index] = process(values[index])
        return tuple(values) if positional else dict(zip(order, values, strict=True))

    connection.exec_driver_sql(compiled.string, [params(row) for row in rows])


def _defaults(table, row: dict) -> dict:
    """{column: its scalar default} of the columns `row` leaves out that have a Python-side default."""
    found = {}
    for column in table.columns:
        if column.key in row or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"{table.name}.{column.key}: give its value; its default is computed")
        found[column.key] = column.default.arg
    return found


def _processor(column, dialect):
    return column.type.dialect_impl(dialect).bind_processor(dialect)
