"""Field checks recorded on sub-district laptops: what the hub made of each (applied, or decided first by someone).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "field_check_outcomes",
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_field_check_outcomes")),
    )


def downgrade() -> None:
    op.drop_table("field_check_outcomes")
