"""Every SQL statement of the province: the district's publication, the province's partitioned tables, the
subscriptions that feed them, and what the province reports about them. Nothing here copies rows: PostgreSQL's
own logical replication does, from each district hub's write-ahead log.

Functions take an open psycopg connection in autocommit mode (`connect`); the caller owns it.
"""

from dataclasses import dataclass

from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateTable

from hub_server.province.tables import (
    ALL_TABLES,
    COLUMNS_KEPT_HOME,
    DISTRICT_COLUMN,
    PROVINCE_SCHEMA,
    PUBLICATION,
    RECORD_KINDS,
    district_schema,
    province_code,
    subscription_name,
)
from schemas.sensitive import SENSITIVE_CATEGORIES

REVISION_NOTE = "hub schema revision "


class ProvinceError(Exception):
    """A step refused, with what to do about it."""


def libpq_dsn(target: str) -> str:
    """A libpq connection string from a hub DATABASE_URL (postgresql+psycopg://...) or a DSN as given."""
    if target.startswith("postgresql+"):
        return make_url(target).set(drivername="postgresql").render_as_string(hide_password=False)
    return target


def connect(target: str):
    import psycopg

    try:
        return psycopg.connect(libpq_dsn(target), autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        raise ProvinceError(f"cannot reach the database: {str(error).strip()}") from None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- the district hub ----------------------------------------------------------------------------------------

def hub_revision(connection, schema: str) -> str | None:
    row = connection.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = 'alembic_version'",
        (schema,)).fetchone()
    if row is None:
        return None
    return connection.execute(f"SELECT version_num FROM {_quote(schema)}.alembic_version").fetchone()[0]


def check_publisher(connection, district: str) -> str:
    """Refuses a district database that cannot publish; returns its hub schema revision."""
    schema = district_schema(district)
    if connection.execute("SHOW wal_level").fetchone()[0] != "logical":
        raise ProvinceError("wal_level is not 'logical': set wal_level = logical in postgresql.conf and restart")
    revision = hub_revision(connection, schema)
    if revision is None:
        raise ProvinceError(f"no hub tables in schema {schema}: give the hub's DATABASE_URL "
                            f"'?options=-csearch_path%3D{schema}' before `sws-hub init`")
    keyed = {name for (name,) in connection.execute(
        "SELECT tc.table_name FROM information_schema.table_constraints tc "
        "WHERE tc.table_schema = %s AND tc.constraint_type = 'PRIMARY KEY'", (schema,))}
    missing = [name for name in ALL_TABLES if name not in keyed]
    if missing:
        raise ProvinceError(f"tables without a primary key (or missing) in {schema}: {', '.join(missing)}")
    return revision


def _in(values) -> str:
    return "(" + ", ".join(_literal(value) for value in values) + ")"


# What stays home (tables.RECORD_KINDS, schemas.sensitive) as row filters. PostgreSQL evaluates a row filter on
# updates and deletes too, which needs its columns in the replica identity: these tables get REPLICA IDENTITY
# FULL (their old rows travel whole in the district's WAL on an update).
# The casts are needed: a row filter may not coerce a varchar column to text by itself.
ROW_FILTERS = {
    "records": f"table_name::text IN {_in(RECORD_KINDS)}",
    "complaint_states": f"category::text NOT IN {_in(SENSITIVE_CATEGORIES)}",
}


def _published(connection, schema: str, name: str) -> str:
    """One table of the publication, with its column list or row filter."""
    target = f"{_quote(schema)}.{_quote(name)}"
    if name in COLUMNS_KEPT_HOME:
        columns = [column for (column,) in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s "
            "ORDER BY ordinal_position", (schema, name)) if column not in COLUMNS_KEPT_HOME[name]]
        return f"{target} ({', '.join(map(_quote, columns))})"
    if name in ROW_FILTERS:
        return f"{target} WHERE ({ROW_FILTERS[name]})"
    return target


def publish(connection, district: str) -> list[str]:
    """Publish the province's tables of this district hub (again after an upgrade: the list is set anew)."""
    check_publisher(connection, district)
    schema = district_schema(district)
    with connection.transaction():
        for name in ROW_FILTERS:
            connection.execute(f"ALTER TABLE {_quote(schema)}.{_quote(name)} REPLICA IDENTITY FULL")
        tables = ", ".join(_published(connection, schema, name) for name in ALL_TABLES)
        exists = connection.execute("SELECT 1 FROM pg_publication WHERE pubname = %s", (PUBLICATION,)).fetchone()
        verb = f"ALTER PUBLICATION {PUBLICATION} SET TABLE" if exists else \
            f"CREATE PUBLICATION {PUBLICATION} FOR TABLE"
        connection.execute(f"{verb} {tables}")
    return [f"{schema}.{name}" for name in ALL_TABLES]


# --- the province --------------------------------------------------------------------------------------------

def province_tables() -> list[Table]:
    """The province's tables: each hub table with `district_code` in front, keyed by (district_code, its key),
    partitioned by district. Built from the hub's models, so a province and its districts run one version."""
    from hub_server.models import Base, complaints, population, programmes, records  # noqa: F401  (registers)

    metadata, made = MetaData(), []
    for name in ALL_TABLES:
        source = Base.metadata.tables[name]
        columns = [Column(DISTRICT_COLUMN, String(5), nullable=False)]
        columns += [Column(c.name, c.type, nullable=c.nullable, autoincrement=False) for c in source.columns]
        key = PrimaryKeyConstraint(DISTRICT_COLUMN, *(c.name for c in source.primary_key.columns))
        made.append(Table(name, metadata, *columns, key, schema=PROVINCE_SCHEMA,
                          postgresql_partition_by=f"LIST ({DISTRICT_COLUMN})"))
    return made


def init_province(connection, revision: str) -> list[str]:
    """Create the province schema and its partitioned tables, or bring them to this hub version (tables and
    columns added since; partitions follow their parent); note the hub revision."""
    connection.execute(f"CREATE SCHEMA IF NOT EXISTS {PROVINCE_SCHEMA}")
    created = []
    for table in province_tables():
        if _exists(connection, PROVINCE_SCHEMA, table.name):
            created += _add_missing_columns(connection, table)
            continue
        connection.execute(str(CreateTable(table).compile(dialect=postgresql.dialect())))
        if "village_code" in table.c:
            connection.execute(f"CREATE INDEX {_quote('ix_' + table.name + '_village')} ON "
                               f"{PROVINCE_SCHEMA}.{_quote(table.name)} ({DISTRICT_COLUMN}, village_code)")
        created.append(f"{PROVINCE_SCHEMA}.{table.name}")
    connection.execute(f"COMMENT ON SCHEMA {PROVINCE_SCHEMA} IS {_literal(REVISION_NOTE + revision)}")
    return created


def _add_missing_columns(connection, table: Table) -> list[str]:
    # Nullable whatever the hub says: rows already at the province have no value for a new column.
    held = {name for (name,) in connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
        (PROVINCE_SCHEMA, table.name))}
    added = []
    for column in table.columns:
        if column.name not in held:
            kind = column.type.compile(dialect=postgresql.dialect())
            connection.execute(f"ALTER TABLE {PROVINCE_SCHEMA}.{_quote(table.name)} "
                               f"ADD COLUMN {_quote(column.name)} {kind}")
            added.append(f"{PROVINCE_SCHEMA}.{table.name}.{column.name}")
    return added


def province_revision(connection) -> str | None:
    row = connection.execute("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
                             (PROVINCE_SCHEMA,)).fetchone()
    if row is None or not (row[0] or "").startswith(REVISION_NOTE):
        return None
    return row[0].removeprefix(REVISION_NOTE)


def add_district(connection, district: str, district_dsn: str, district_revision: str) -> None:
    """Give the district its partitions and subscribe to its publication (the first copy starts at once)."""
    _check_joinable(connection, district, district_revision)
    schema, name = district_schema(district), subscription_name(district)
    with connection.transaction():
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {_quote(schema)}")
        for table in province_tables():
            if not _exists(connection, schema, table.name):
                _create_partition(connection, table, district, schema)
    if connection.execute("SELECT 1 FROM pg_subscription WHERE subname = %s", (name,)).fetchone():
        connection.execute(f"ALTER SUBSCRIPTION {name} REFRESH PUBLICATION")
        return
    connection.execute(f"CREATE SUBSCRIPTION {name} CONNECTION {_literal(libpq_dsn(district_dsn))} "
                       f"PUBLICATION {PUBLICATION}")


def remove_district(connection, district: str) -> bool:
    """Drop the district's subscription and partitions (its rows at the province; the district keeps its own).
    False when the district could not be reached to drop its replication slot: the caller says to drop it there."""
    import psycopg

    schema, name, slot_dropped = district_schema(district), subscription_name(district), True
    if connection.execute("SELECT 1 FROM pg_subscription WHERE subname = %s", (name,)).fetchone():
        try:
            connection.execute(f"DROP SUBSCRIPTION {name}")
        except psycopg.OperationalError:  # the district is out of reach: let go of its slot from this side only
            connection.execute(f"ALTER SUBSCRIPTION {name} DISABLE")
            connection.execute(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)")
            connection.execute(f"DROP SUBSCRIPTION {name}")
            slot_dropped = False
    connection.execute(f"DROP SCHEMA IF EXISTS {_quote(schema)} CASCADE")
    return slot_dropped


def _check_joinable(connection, district: str, district_revision: str) -> None:
    revision = province_revision(connection)
    if revision is None:
        raise ProvinceError("this database has no province tables yet: run `init` first")
    if revision != district_revision:
        raise ProvinceError(f"district {district} runs hub schema {district_revision}, the province {revision}: "
                            "upgrade both to the same version first")
    if province_code(district) != _province_of_partitions(connection, district):
        raise ProvinceError(f"district {district} is not in the province of the districts already joined")


def _province_of_partitions(connection, district: str) -> str:
    """The province of the districts already joined (the new district's own when it is the first)."""
    row = connection.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'district\\_%%' ORDER BY nspname LIMIT 1").fetchone()
    return row[0].split("_")[1] if row else province_code(district)


def _create_partition(connection, table: Table, district: str, schema: str) -> None:
    # The district does not send district_code: the partition's own default fills it. The district's key
    # (without district_code) is the replica identity its updates and deletes are found by.
    target, keys = f"{_quote(schema)}.{_quote(table.name)}", [c.name for c in table.primary_key.columns][1:]
    index = _quote(f"{table.name}_replica_identity")
    connection.execute(f"CREATE TABLE {target} PARTITION OF {PROVINCE_SCHEMA}.{_quote(table.name)} "
                       f"FOR VALUES IN ({_literal(district)})")
    connection.execute(f"ALTER TABLE {target} ALTER COLUMN {DISTRICT_COLUMN} SET DEFAULT {_literal(district)}")
    connection.execute(f"CREATE UNIQUE INDEX {index} ON {target} ({', '.join(map(_quote, keys))})")
    connection.execute(f"ALTER TABLE {target} REPLICA IDENTITY USING INDEX {index}")


def _exists(connection, schema: str, name: str) -> bool:
    return connection.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
                              (schema, name)).fetchone() is not None


# --- what the province reports -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DistrictState:
    district: str
    enabled: bool
    tables_ready: int  # tables whose first copy is done
    people: int
    last_message: object  # when the district's WAL sender last spoke (None: never)


def districts(connection) -> list[DistrictState]:
    """Each district joined: whether its subscription is enabled, how far its first copy is, its people, its last
    message."""
    rows = connection.execute(
        "SELECT s.subname, s.subenabled, "
        "  (SELECT count(*) FROM pg_subscription_rel r WHERE r.srsubid = s.oid AND r.srsubstate = 'r'), "
        "  (SELECT max(last_msg_receipt_time) FROM pg_stat_subscription t WHERE t.subid = s.oid) "
        "FROM pg_subscription s WHERE s.subname LIKE 'province\\_%%' ORDER BY s.subname").fetchall()
    people = dict(connection.execute(
        f"SELECT {DISTRICT_COLUMN}, count(*) FROM {PROVINCE_SCHEMA}.people GROUP BY 1").fetchall())
    states = []
    for name, enabled, ready, last in rows:
        district = name.removeprefix("province_").replace("_", ".")
        states.append(DistrictState(district, enabled, ready, people.get(district, 0), last))
    return states
