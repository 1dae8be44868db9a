"""Storing a payment file's rows with the driver's own executemany.

A month's file has millions of rows; SQLAlchemy's per-row parameter processing (even through Core)
cost more than the database's insert, so the rows go to the driver as plain tuples. SQLite keeps
dates as ISO text (as SQLAlchemy's Date does there); PostgreSQL's driver takes date objects.
"""

COLUMNS = ("kind", "reference", "batch_id", "line", "membership_id", "nik", "membership_number", "programme_code",
           "period", "paid_on", "amount", "payer")


def marker(connection) -> str:
    """The driver's parameter marker: `?` for sqlite3, `%s` for psycopg."""
    return "?" if connection.dialect.paramstyle in ("qmark", "numeric") else "%s"


def insert_statement(connection) -> str:
    return (f"INSERT INTO payments ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join([marker(connection)] * len(COLUMNS))})")


def store(connection, statement: str, kind: str, batch_id: int, rows: list) -> None:
    """Insert checked and matched rows (dicts with the columns above but kind and batch_id)."""
    if not rows:
        return
    day = str if connection.dialect.name == "sqlite" else _same
    connection.exec_driver_sql(statement, [
        (kind, row["reference"], batch_id, row["line"], row["membership_id"], row["nik"], row["membership_number"],
         row["programme_code"], day(row["period"]), day(row["paid_on"]), row["amount"], row["payer"])
        for row in rows])


def _same(value):
    return value
