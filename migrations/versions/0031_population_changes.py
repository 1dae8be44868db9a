"""The database notes which residents may have changed since the population was last sent to the laptops.

Each publication of the residents (after an import, after a matching run) compared every resident with what
the laptops hold: 20 s at 2.7 million people, even when a matching run brought only a few deaths and moves.
Triggers on `people` and `households` now note each person whose row the laptops see might differ, in
`population_changes`, and a publication compares only those (hub_server/models/population_changes.py).

Changes made before this revision were not noted, so the upgrade notes one change for everyone: the next
publication compares every resident, as before, and the ones after it only what changed.

The trigger statements are this revision's own copy: a later change to what is watched needs its own revision
(a test compares a migrated schema's triggers with the models').

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

WATCHED = ("nik", "village_code", "name", "birth_place", "birth_date", "sex", "relationship", "marital_status",
           "occupation", "household_id", "address", "address_rt", "address_rw", "verification", "in_ektp", "in_kk",
           "died_on", "migration")
NOTE = "INSERT INTO population_changes (person_id)"
EVERYONE_NOTED = "EXISTS (SELECT 1 FROM population_changes WHERE person_id IS NULL)"
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS population_person_added AFTER INSERT ON people "
    f"WHEN NOT {EVERYONE_NOTED} BEGIN {NOTE} VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS population_person_removed AFTER DELETE ON people "
    f"WHEN NOT {EVERYONE_NOTED} BEGIN {NOTE} VALUES (OLD.id); END",
    "CREATE TRIGGER IF NOT EXISTS population_person_changed AFTER UPDATE ON people WHEN ("
    + " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in WATCHED)
    + f") AND NOT {EVERYONE_NOTED} BEGIN {NOTE} VALUES (NEW.id); END",
    "CREATE TRIGGER IF NOT EXISTS population_card_changed AFTER UPDATE OF kk_number ON households "
    f"WHEN OLD.kk_number IS NOT NEW.kk_number AND NOT {EVERYONE_NOTED} "
    f"BEGIN {NOTE} SELECT id FROM people WHERE household_id = NEW.id; END",
]
DIFFERS = "({}) IS DISTINCT FROM ({})".format(", ".join(f"o.{column}" for column in WATCHED),
                                             ", ".join(f"n.{column}" for column in WATCHED))
POSTGRES = [  # (trigger and its function, event, table, transition tables, whom it notes)
    ("population_people_added", "INSERT", "people", "NEW TABLE AS population_new", "SELECT id FROM population_new"),
    ("population_people_removed", "DELETE", "people", "OLD TABLE AS population_old", "SELECT id FROM population_old"),
    ("population_people_changed", "UPDATE", "people", "OLD TABLE AS population_old NEW TABLE AS population_new",
     f"SELECT n.id FROM population_new n JOIN population_old o ON o.id = n.id WHERE {DIFFERS}"),
    ("population_cards_changed", "UPDATE", "households", "OLD TABLE AS population_old NEW TABLE AS population_new",
     "SELECT p.id FROM population_new n JOIN population_old o ON o.id = n.id JOIN people p ON p.household_id = n.id "
     "WHERE o.kk_number IS DISTINCT FROM n.kk_number"),
]


def upgrade() -> None:
    op.create_table(
        "population_changes",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_population_changes")),
    )
    op.create_index("ix_population_changes_everyone", "population_changes", ["seq"],
                    sqlite_where=sa.text("person_id IS NULL"), postgresql_where=sa.text("person_id IS NULL"))
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE:
            op.execute(statement)
    else:
        for name, event, table, transition, noted in POSTGRES:
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM "
                       f"CURRENT AS $$ BEGIN EXECUTE $note${NOTE} {noted}$note$; RETURN NULL; END $$")
            op.execute(f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()")
    op.execute(f"{NOTE} VALUES (NULL)")  # changes before this revision were not noted: compare everyone once


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("population_person_added", "population_person_removed", "population_person_changed",
                     "population_card_changed"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, _event, table, _transition, _noted in POSTGRES:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_index("ix_population_changes_everyone", table_name="population_changes")
    op.drop_table("population_changes")
