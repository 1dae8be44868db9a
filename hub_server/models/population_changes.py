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
rewrites millions of people notes them in one set-based INSERT instead of a call per row. A publication
clears exactly the notes it read (`population_feed._compared`), so a note committed while it runs waits for
the next one.

What a resident's row holds is `population_feed.COLUMNS`, and its fingerprint `population_feed.fingerprint_sql`:
a change to either (or to `resident_filter`) changes rows no trigger saw, so it needs a revision that notes
everyone, as revision 0031 does.

A migration that rebuilds `people` or `households` on SQLite (Alembic's batch mode) drops their triggers:
it must create them again (`TRIGGERS`).
"""

from sqlalchemy import DDL, BigInteger, Index, event, insert, text
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
    # Whether everyone is noted already, asked by SQLite's triggers: then nothing more needs noting.
    __table_args__ = (Index("ix_population_changes_everyone", "seq", sqlite_where=text("person_id IS NULL"),
                            postgresql_where=text("person_id IS NULL")),)

    seq: Mapped[int] = mapped_column(BIG_ID, primary_key=True)  # which notes a publication read, to clear them
    person_id: Mapped[int | None] = mapped_column(BigInteger)


# A publication compares every resident once more than one in this many may have changed: reading them all in
# one pass then costs less than looking each one up (a family card import changes nearly everyone's household).
COMPARE_ALL_BEYOND = 8
NOTE = "INSERT INTO population_changes (person_id)"
# On SQLite, once everyone is noted (`note_everyone`, before an import rewrites most people), a trigger notes
# nothing more: writers there take turns, so the publication that clears the note sees every change made
# after it. On PostgreSQL a writer could commit while a publication runs, after the residents were read: its
# own note must outlive that publication, so PostgreSQL's triggers always note (one statement each, cheap).
EVERYONE_NOTED = "EXISTS (SELECT 1 FROM population_changes WHERE person_id IS NULL)"
_SQLITE_TRIGGERS = {  # name: what follows CREATE TRIGGER IF NOT EXISTS <name>
    "population_person_added": f"AFTER INSERT ON people WHEN NOT {EVERYONE_NOTED} BEGIN {NOTE} VALUES (NEW.id); END",
    "population_person_removed": f"AFTER DELETE ON people WHEN NOT {EVERYONE_NOTED} BEGIN {NOTE} VALUES (OLD.id); END",
    "population_person_changed": "AFTER UPDATE ON people WHEN ("
    + " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in WATCHED)
    + f") AND NOT {EVERYONE_NOTED} BEGIN {NOTE} VALUES (NEW.id); END",
    "population_card_changed": "AFTER UPDATE OF kk_number ON households "
    f"WHEN OLD.kk_number IS NOT NEW.kk_number AND NOT {EVERYONE_NOTED} "
    f"BEGIN {NOTE} SELECT id FROM people WHERE household_id = NEW.id; END",
}
_SQLITE = [f"CREATE TRIGGER IF NOT EXISTS {name} {body}" for name, body in _SQLITE_TRIGGERS.items()]

_DIFFERS = "({}) IS DISTINCT FROM ({})".format(", ".join(f"o.{column}" for column in WATCHED),
                                              ", ".join(f"n.{column}" for column in WATCHED))
# (trigger and its function, event, table, transition tables, whom it notes). Each function is pinned to the
# hub's own schema (`SET search_path FROM CURRENT`: a district hub keeps its tables in `district_<code>`), and
# runs its INSERT through EXECUTE, planned for the statement's own rows: PL/pgSQL would otherwise keep the plan
# of the connection's first, one-row statement (a nested loop over the transition tables), and a statement
# of 20,000 rows then took 17 s instead of 0.08 s.
_POSTGRES_TRIGGERS = [
    ("population_people_added", "INSERT", "people", "NEW TABLE AS population_new", "SELECT id FROM population_new"),
    ("population_people_removed", "DELETE", "people", "OLD TABLE AS population_old", "SELECT id FROM population_old"),
    ("population_people_changed", "UPDATE", "people", "OLD TABLE AS population_old NEW TABLE AS population_new",
     f"SELECT n.id FROM population_new n JOIN population_old o ON o.id = n.id WHERE {_DIFFERS}"),
    ("population_cards_changed", "UPDATE", "households", "OLD TABLE AS population_old NEW TABLE AS population_new",
     "SELECT p.id FROM population_new n JOIN population_old o ON o.id = n.id JOIN people p ON p.household_id = n.id "
     "WHERE o.kk_number IS DISTINCT FROM n.kk_number"),
]
_POSTGRES = [statement for name, event_, table, transition, noted in _POSTGRES_TRIGGERS for statement in (
    f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS "
    f"$$ BEGIN EXECUTE $note${NOTE} {noted}$note$; RETURN NULL; END $$",
    f"CREATE OR REPLACE TRIGGER {name} AFTER {event_} ON {table} REFERENCING {transition} FOR EACH STATEMENT "
    f"EXECUTE FUNCTION {name}()")]
TRIGGERS = {"sqlite": _SQLITE, "postgresql": _POSTGRES}


def note_everyone(session) -> None:
    """Note a change for every resident at once, before a step that changes most of them (a first import, a
    family card import): the next publication compares everyone anyway, and the triggers then note nothing
    more, instead of one row per person."""
    session.execute(insert(PopulationChange.__table__).values(person_id=None))


def create_triggers(connection) -> None:
    """Make the models' triggers on this connection's database (a migration keeps its own copy)."""
    for statement in TRIGGERS[connection.dialect.name]:
        connection.exec_driver_sql(statement)


def drop_triggers(connection) -> None:
    if connection.dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, _event, table, _transition, _noted in _POSTGRES_TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def _made_with_the_schema(_ddl, _target, _bind, tables=None, **_kw) -> bool:
    return tables is None or PopulationChange.__table__ in tables


# A schema made from the models (tests, `create_all`) gets the triggers too, once every table exists.
for _dialect, _statements in TRIGGERS.items():
    for _statement in _statements:
        event.listen(Base.metadata, "after_create",
                     DDL(_statement).execute_if(dialect=_dialect, callable_=_made_with_the_schema))
