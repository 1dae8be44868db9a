"""Claims: each claim's derived state for the claims page and the monthly figures.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Claims are new record kinds: no hub holds one yet, so the table starts empty.
    op.create_table(
        "claim_states",
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("card_number", sa.String(length=32), nullable=False),
        sa.Column("claim_kind", sa.String(length=24), nullable=False),
        sa.Column("happened_on", sa.String(length=10), nullable=False),
        sa.Column("recorded_on", sa.String(length=10), nullable=False),
        sa.Column("amount_claimed", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("passed_on", sa.String(length=10), nullable=True),
        sa.Column("paid_on", sa.String(length=10), nullable=True),
        sa.Column("amount_paid", sa.BigInteger(), nullable=True),
        sa.Column("refused_on", sa.String(length=10), nullable=True),
        sa.Column("refusal_reason", sa.String(length=32), nullable=True),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_states")),
    )
    op.create_index("ix_claim_states_list", "claim_states", ["programme_code", "status", "recorded_on"])
    op.create_index("ix_claim_states_village", "claim_states", ["village_code"])


def downgrade() -> None:
    op.drop_index("ix_claim_states_village", table_name="claim_states")
    op.drop_index("ix_claim_states_list", table_name="claim_states")
    op.drop_table("claim_states")
