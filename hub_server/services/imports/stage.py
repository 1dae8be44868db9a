"""Staging an extract: rows read and checked into a temporary table, then compared with what the hub holds.

The temporary table lives as long as the import's connection and is dropped at the end; nothing of
it reaches the hub's schema. Rows go in through the driver's executemany in chunks (plain
parameterised INSERTs, the same on SQLite and PostgreSQL), which is several times faster than
building a statement per row and keeps memory flat whatever the file's size.
"""

import csv
import os
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Column, Index, Integer, MetaData, Table, case, delete, exists, func, insert, literal, or_, select
from sqlalchemy.exc import OperationalError

from hub_server.services.imports import parse
from hub_server.services.imports.rows import RowChecker

STAGING = MetaData()  # never the hub's metadata: staged tables are temporary
# While a bulk step runs on SQLite: a 256 MB page cache and memory-mapped reads (joins over millions
# of rows probe pages all over the file), and temporary tables in memory (the staged extract).
BULK_PRAGMAS = ("cache_size=-262144", "mmap_size=2147483648", "temp_store=MEMORY")
USUAL_PRAGMAS = ("cache_size=-2000", "mmap_size=0")  # temp_store stays: SQLite refuses it in a transaction


class MissingColumns(ValueError):
    """The file's header lacks columns the source needs; nothing was read."""

    def __init__(self, missing: list):
        super().__init__(f"missing columns: {', '.join(missing)}")
        self.missing = missing


@dataclass
class Staged:
    """What reading a file gave: the staged table, counts, and the rows that failed with why."""

    table: Table
    read: int = 0
    loaded: int = 0
    failures: list = field(default_factory=list)  # (line, FieldError, raw value)
    columns: tuple = ()  # the optional columns the file has


@contextmanager
def bulk_work(session):
    """Settings for a bulk step on this session's connection (SQLite only), put back afterwards."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    for pragma in BULK_PRAGMAS:
        try:
            connection.exec_driver_sql(f"PRAGMA {pragma}")
        except OperationalError:
            pass  # temp_store cannot change once this connection's transaction wrote: then on disk it is
    try:
        yield
    finally:  # the session may have moved to a new connection (a refusal rolls back and records itself)
        for pragma in USUAL_PRAGMAS:
            session.connection().exec_driver_sql(f"PRAGMA {pragma}")


def analyze(session, *tables) -> None:
    """Refresh PostgreSQL's statistics after a bulk step: its planner otherwise plans for the tables as
    they were (often empty) until autovacuum catches up, and picks nested loops over millions of rows."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        for table in tables:
            connection.exec_driver_sql(f"ANALYZE {table.name}")


def fresh_table(session, table: Table) -> Table:
    """Make the temporary `table` on this session's connection, dropping what an earlier step left there."""
    table.drop(session.connection(), checkfirst=True)
    table.create(session.connection())
    return table


def staging_table(source) -> Table:
    """A fresh temporary table for `source`: its loaded columns (typed as its table's) and the line."""
    name = f"stage_{source.name}"
    if name in STAGING.tables:
        STAGING.remove(STAGING.tables[name])
    columns = [Column(column, source.table.c[column].type) for column in source.loads]
    return Table(name, STAGING, *columns, Column("line", Integer), prefixes=["TEMPORARY"])


def insert_rows(session, table: Table, rows: list) -> None:
    """Insert tuples (in the table's column order): COPY on PostgreSQL, the driver's executemany on SQLite."""
    if not rows:
        return
    connection = session.connection()
    names = ", ".join(column.name for column in table.columns)
    if connection.dialect.name == "postgresql":  # COPY streams the rows: several times faster than INSERTs
        with connection.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    markers = ", ".join([marker] * len(table.columns))
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({markers})", rows)


def stage_file(session, source, path, checker: RowChecker, progress=None) -> Staged:
    """Read `path` into a temporary table for `source`. Raises MissingColumns before reading any row.

    `progress("staging", bytes read, file size)`, when given, is called once per chunk of rows."""
    table = fresh_table(session, staging_table(source))
    # Bytes that are not UTF-8 are kept as they came (surrogate escapes): the row holding them is left out
    # naming its line and field (`parse.parse_lines`), the rest of the extract loads.
    with open(path, newline="", encoding="utf-8-sig", errors="surrogateescape") as handle:
        header = [name.strip() for name in next(csv.reader([handle.readline()]), [])]
        missing = source.missing_columns(header)
        if missing:
            raise MissingColumns(missing)
        staged = Staged(table, columns=tuple(name for name in source.reads if name in header))
        size = os.path.getsize(path)
        if progress:
            progress("staging", 0, size)
        for rows, failures, read in parse.parsed_chunks(handle, source, source.picks(header), checker, size):
            insert_rows(session, table, rows)
            staged.read, staged.loaded = staged.read + read, staged.loaded + len(rows)
            staged.failures += failures
            if progress:  # the bytes the reader has taken from the file: a little ahead of the rows stored
                progress("staging", min(handle.buffer.tell(), size), size)
        if progress:
            progress("staging", size, size)
    # Indexed once loaded (cheaper than keeping an index up to date row by row): the comparisons
    # with the held extract look rows up by key from both sides.
    Index(f"ix_{table.name}_key", table.c[source.key]).create(session.connection())
    return staged


def duplicated_rows(session, table: Table, key: str) -> list:
    """Every staged row whose key appears more than once, ordered by key and line (first one first)."""
    column = table.c[key]
    repeated = select(column).group_by(column).having(func.count() > 1)
    return list(session.execute(select(table).where(column.in_(repeated)).order_by(column, table.c.line)).mappings())


# The lines of staged rows to leave out (repeated keys), while one statement deletes them.
DROPPED_LINES = Table("stage_dropped_lines", STAGING, Column("line", Integer, primary_key=True),
                      prefixes=["TEMPORARY"])


def drop_lines(session, table: Table, lines: list) -> None:
    """Delete the staged rows of `lines` in one pass over the staged table, however many they are (a list of
    900 at a time read the whole extract once per 900: 3.9 s for 8,000 repeated NIKs at 2.7 million rows)."""
    if not lines:
        return
    fresh_table(session, DROPPED_LINES)
    insert_rows(session, DROPPED_LINES, [(line,) for line in sorted(set(lines))])
    session.execute(delete(table).where(table.c.line.in_(select(DROPPED_LINES.c.line))))
    DROPPED_LINES.drop(session.connection())


def compare(session, staged: Table, target: Table, key: str, columns: tuple, touched: Table | None) -> dict:
    """How the staged extract differs from the one held: new, changed, unchanged, absent, and per field.

    Only the `touched` keys (new, changed or gone; None: all of them) are looked at row by row, so
    comparing a newer extract costs what changed in it, not its size.
    """
    in_file = session.execute(select(func.count()).select_from(staged)).scalar()
    held = session.execute(select(func.count()).select_from(target)).scalar()
    if touched is None:
        return {"new": in_file, "changed": 0, "unchanged": 0, "absent": held, "fields": {}}
    both = touched.join(staged, staged.c[key] == touched.c[key]).join(target, target.c[key] == touched.c[key])
    differs = [staged.c[name].is_distinct_from(target.c[name]) for name in columns]
    counts = session.execute(select(func.count(), *[func.coalesce(func.sum(case((test, 1), else_=0)), 0)
                                                     for test in differs]).select_from(both)).one()
    changed, per_field = counts[0], counts[1:]
    new = session.execute(select(func.count()).select_from(touched).where(
        ~exists().where(target.c[key] == touched.c[key]))).scalar()
    fields = {name: count for name, count in zip(columns, per_field, strict=True) if count}
    return {"new": new, "changed": changed, "unchanged": in_file - new - changed, "absent": held - (in_file - new),
            "fields": fields}


def touched_keys(session, staged: Table, target: Table, key: str, columns: tuple) -> Table:
    """A temporary table of the keys that are new, changed or gone: what the population must re-read."""
    touched = Table(f"touched_{staged.name}", STAGING, Column(key, target.c[key].type, primary_key=True),
                    prefixes=["TEMPORARY"], extend_existing=True)
    fresh_table(session, touched)
    held = target.alias("held")
    differs = or_(held.c[key].is_(None), *[staged.c[name].is_distinct_from(held.c[name]) for name in columns])
    new_or_changed = select(staged.c[key]).select_from(staged.outerjoin(held, held.c[key] == staged.c[key])) \
        .where(differs)
    gone = select(target.c[key]).where(~exists().where(staged.c[key] == target.c[key]))
    session.execute(insert(touched).from_select([key], new_or_changed.union(gone)))
    return touched


def replace_held(session, staged: Table, target: Table, batch_id: int) -> None:
    """The held extract becomes the staged one (lines of unchanged rows move with the file)."""
    session.execute(delete(target))
    kept = [column for column in staged.columns if column.name in target.c]
    names = [column.name for column in kept]
    # In key order: the held tables are clustered by their key on SQLite, so this appends.
    key_order = [staged.c[column.name] for column in target.primary_key.columns]
    rows = select(*kept, literal(batch_id, Integer)).order_by(*key_order)
    with indexes_built_after(session, target, [index.name for index in target.indexes]):
        session.execute(insert(target).from_select(names + ["batch_id"], rows))


@contextmanager
def indexes_built_after(session, table: Table, names: list, rebuild: bool = True):
    """On SQLite, while a step writes most of `table`, drop its indexes `names` and build them again after:
    one sorted build costs less than millions of index updates at random places (the family card numbers of
    2.7 million rows: 13.1 s written with their index, 11.1 s without it and 4.4 s of that to build it).
    Transactional, so never lost."""
    if not rebuild or not names or session.connection().dialect.name != "sqlite":
        yield
        return
    indexes = [index for index in table.indexes if index.name in names]
    for index in indexes:
        index.drop(session.connection())
    yield
    for index in indexes:
        index.create(session.connection())


def drop(session, *tables: Table) -> None:
    for table in tables:
        table.drop(session.connection(), checkfirst=True)
        STAGING.remove(table)
