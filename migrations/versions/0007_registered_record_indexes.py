"""Indexes on the village record that registered a resident or made a household.

The feed's record statuses and a village's later edits look residents and households up by it; in
a district of millions, without an index each look-up would read the whole table.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_people_registered_record", "people", ["registered_record"])
    op.create_index("ix_households_registered_record", "households", ["registered_record"])


def downgrade() -> None:
    op.drop_index("ix_households_registered_record", table_name="households")
    op.drop_index("ix_people_registered_record", table_name="people")
