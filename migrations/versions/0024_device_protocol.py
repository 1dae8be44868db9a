"""The sync protocol version each device was last answered in, for the device's page.

Version 3 seals what a sync carries (docs/protocol.md §14): the district sees which laptops still send
their village's data in the clear. Devices synced before this revision show 2 when they have made a
version 2 request (their request counter) and 1 otherwise, until their next sync.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("protocol", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("protocol")
