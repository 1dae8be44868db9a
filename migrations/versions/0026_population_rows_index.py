"""Population rows lose their index on `removed_in` alone: `ix_population_rows_open` (removed_in,
village_code) begins with the same column and serves every query that used it, and each index costs a
write for every row a publication opens or closes (2.7 million rows: 12 s of a whole re-publication).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_population_rows_removed", table_name="population_rows")


def downgrade() -> None:
    op.create_index("ix_population_rows_removed", "population_rows", ["removed_in"])
