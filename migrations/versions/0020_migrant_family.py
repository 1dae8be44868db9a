"""Matching's `migrant_family` fact: a resident of a household a migrant worker left behind.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("match_facts") as batch:
        batch.add_column(sa.Column("migrant_family", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("match_facts") as batch:
        batch.drop_column("migrant_family")
