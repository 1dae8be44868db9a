"""Which residents may have changed since the population was last sent to the laptops, kept by the database.

`services.population_feed.publish` compares residents with what the laptops hold. Comparing every resident
costs 20 s at 2.7 million people, and a matching run publishes even when only a few deaths and moves came
in. So the database itself notes each person whose row the laptops see might differ: triggers on `people`
(a person added, removed, or one of `WATCHED` changed) and on `households` (a new family card number for
its members). No writer can forget to note a change, whether it goes through the ORM, a bulk statement
of an import or a decision on a worklist. The next publication compares only those people; a row without
a person (`person_id` NULL) stands for everyone, and the next publication compares all.

On SQLite the triggers run per row and only for a row that changed a watched column. On PostgreSQL they
run once per statement and read the statement's changed rows (transition tables), so an import that
rewrites millions of people notes them in one set-based INSERT instead of a call per row.

A migration that rebuilds `people` or `households` on SQLite (Alembic's batch mode) drops their triggers:
it must create them again (`TRIGGERS`).
"""

from sqlalchemy import DDL, BigInteger, event
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base
from hub_server.models.population import BIG_ID

# The columns of `people` a resident's row is made of, or that decide whether they are a resident at all
# (`population_feed._residents` and `resident_filter`); a test checks that they cover both.
WATCHED = ("nik", "village_code", "name", "birth_place", "birth_date", "sex", "relationship", "marital_status",
           "occupation", "household_id", "address", "address_rt", "address_rw", "verification", "in_ektp", "in_kk",
           "died_on", "migration")


class PopulationChange(Base):
    """A person whose row the laptops hold may have changed since the last publication; NULL: everyone."""

    __tablename__ = "population_changes"

    seq: Mapped[int] = mapped_column(BIG_ID, primary_key=True)  # a publication clears what it saw, up to here
    person_id: Mapped[int | None] = mapped_column(BigInteger)


_SQLITE_DIFFERS = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in WATCHED)


_SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS population_person_added AFTER INSERT ON people "
    "BEGIN INSERT INTO population_changes (person_id) VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS population_person_removed AFTER DELETE ON people "
    "BEGIN INSERT INTO population_changes (person_id) VALUES (OLD.id); END",
    f"CREATE TRIGGER IF NOT EXISTS population_person_changed AFTER UPDATE ON people WHEN {_SQLITE_DIFFERS} "
    "BEGIN INSERT INTO population_changes (person_id) VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS population_card_changed AFTER UPDATE OF kk_number ON households "
    "WHEN OLD.kk_number IS NOT NEW.kk_number "
    "BEGIN INSERT INTO population_changes (person_id) SELECT id FROM people WHERE household_id = NEW.id; END",
]

_POSTGRES_DIFFERS = "({}) IS DISTINCT FROM ({})".format(", ".join(f"o.{c}" for c in WATCHED),
                                                      ", ".join(f"n.{c}" for c in WATCHED))
# Each function notes the people of one kind of statement; `SET search_path FROM CURRENT` keeps it writing to
# the hub's own schema (a district hub keeps its tables in `district_<code>`), whatever the caller's path.
_POSTGRES_FUNCTIONS = {
    "population_people_added": "INSERT INTO population_changes (person_id) SELECT id FROM population_new",
    "population_people_removed": "INSERT INTO population_changes (person_id) SELECT id FROM population_old",
    "population_people_changed": "INSERT INTO population_changes (person_id) SELECT n.id FROM population_new n "
                                 f"JOIN population_old o ON o.id = n.id WHERE {_POSTGRES_DIFFERS}",
    "population_cards_changed": "INSERT INTO population_changes (person_id) SELECT p.id FROM population_new n "
                                "JOIN population_old o ON o.id = n.id JOIN people p ON p.household_id = n.id "
                                "WHERE o.kk_number IS DISTINCT FROM n.kk_number",
}
_POSTGRES_TRIGGERS = [  # (function, event, table, transition tables)
    ("population_people_added", "INSERT", "people", "NEW TABLE AS population_new"),
    ("population_people_removed", "DELETE", "people", "OLD TABLE AS population_old"),
    ("population_people_changed", "UPDATE", "people", "OLD TABLE AS population_old NEW TABLE AS population_new"),
    ("population_cards_changed", "UPDATE", "households", "OLD TABLE AS population_old NEW TABLE AS population_new"),
]
_POSTGRES = [
    *(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS "
      f"$$ BEGIN {body}; RETURN NULL; END $$" for name, body in _POSTGRES_FUNCTIONS.items()),
    *(f"CREATE OR REPLACE TRIGGER {name} AFTER {kind} ON {table} REFERENCING {tables} FOR EACH STATEMENT "
      f"EXECUTE FUNCTION {name}()" for name, kind, table, tables in _POSTGRES_TRIGGERS),
]
TRIGGERS = {"sqlite": _SQLITE, "postgresql": _POSTGRES}
TRIGGER_NAMES = {"sqlite": ["population_person_added", "population_person_removed", "population_person_changed",
                            "population_card_changed"],
                 "postgresql": [name for name, *_ in _POSTGRES_TRIGGERS]}


def create_triggers(connection) -> None:
    """Make the triggers on this connection's database (a new hub's schema; a migration)."""
    for statement in TRIGGERS[connection.dialect.name]:
        connection.exec_driver_sql(statement)


def drop_triggers(connection) -> None:
    if connection.dialect.name == "sqlite":
        for name in TRIGGER_NAMES["sqlite"]:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, _kind, table, _tables in _POSTGRES_TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def _made_with_the_schema(_ddl, _target, _bind, tables=None, **_kw) -> bool:
    return tables is None or PopulationChange.__table__ in tables


# A schema made from the models (tests, `create_all`) gets the triggers too, once every table exists.
for _dialect, _statements in TRIGGERS.items():
    for _statement in _statements:
        event.listen(Base.metadata, "after_create",
                     DDL(_statement).execute_if(dialect=_dialect, callable_=_made_with_the_schema))
