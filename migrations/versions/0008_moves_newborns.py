"""Moves and newborns: where a person who moved out of the district went, and people without a NIK yet.

People gain the date of a move and, for a move out of the district, its destination; a newborn a
village registers joins the population before Dukcapil issues a NIK, so `people.nik` may be empty
(the table is rebuilt on SQLite, once).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("migration_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("moved_to", sa.String(length=200), nullable=True))
        batch.alter_column("nik", existing_type=sa.String(length=16), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM people WHERE nik IS NULL")
    with op.batch_alter_table("people") as batch:
        batch.alter_column("nik", existing_type=sa.String(length=16), nullable=False)
        batch.drop_column("moved_to")
        batch.drop_column("migration_date")
