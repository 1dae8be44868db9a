"""Storing a payment file's rows with the driver's own executemany, and looking up what it names.

A month's file has millions of rows; SQLAlchemy's per-row parameter processing (even through Core)
cost more than the database's insert, so the rows (and the references and NIKs looked up) go to the
driver as plain tuples. SQLite keeps
dates as ISO text (as SQLAlchemy's Date does there); PostgreSQL's driver takes date objects.
"""

IN_LIST = 5000  # values in one IN (...): under SQLite's (32,766 since 3.32) and PostgreSQL's (65,535) limits
COLUMNS = ("kind", "reference", "batch_id", "line", "membership_id", "nik", "membership_number", "programme_code",
           "period", "paid_on", "amount", "payer")


def marker(connection) -> str:
    """The driver's parameter marker: `?` for sqlite3, `%s` for psycopg."""
    return "?" if connection.dialect.paramstyle in ("qmark", "numeric") else "%s"


def found(connection, statement: str, fixed: tuple, values: list) -> set:
    """The first column of `statement` (with `{mark}` for each fixed parameter and `{marks}` for a list of
    values) for `values`, asked IN_LIST at a time: a file names millions of references and NIKs."""
    mark, held = marker(connection), set()
    for start in range(0, len(values), IN_LIST):
        part = values[start:start + IN_LIST]
        sql = statement.format(mark=mark, marks=", ".join([mark] * len(part)))
        held.update(value for (value,) in connection.exec_driver_sql(sql, (*fixed, *part)))
    return held


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


def add_to_totals(totals: dict, kind: str, rows: list, villages: dict) -> None:
    """Add stored rows that matched a membership to `totals` {(period, kind, payer, programme, village):
    [payments, amount]}, the village being the membership's (`villages` {membership id: village code})."""
    for row in rows:
        member = row["membership_id"]
        if member is not None:
            key = (row["period"], kind, row["payer"] or "", row["programme_code"], villages.get(member) or "")
            held = totals.get(key)
            if held is None:
                totals[key] = [1, row["amount"]]
            else:
                held[0] += 1
                held[1] += row["amount"]


def add_totals(connection, totals: dict) -> None:
    """Add the sums of the payments an import stored to `payment_totals` (models.payments.PaymentTotal), in
    the import's transaction; the same statement on SQLite (3.24 and later) and PostgreSQL."""
    if not totals:
        return
    mark, day = marker(connection), str if connection.dialect.name == "sqlite" else _same
    connection.exec_driver_sql(
        "INSERT INTO payment_totals (period, kind, payer, programme_code, village_code, payments, amount) "
        f"VALUES ({', '.join([mark] * 7)}) ON CONFLICT (period, kind, payer, programme_code, village_code) "
        "DO UPDATE SET payments = payment_totals.payments + excluded.payments, "
        "amount = payment_totals.amount + excluded.amount",
        [(day(period), kind, payer, programme, village, count, amount)
         for (period, kind, payer, programme, village), (count, amount) in totals.items()])


def _same(value):
    return value
