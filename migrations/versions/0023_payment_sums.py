"""The membership's start month as a number, and payments indexed with their amount, for reconciling in SQL.

`memberships.start_month` (year * 12 + month - 1 of `start_date`) lets the database count the months due
since the start, so arrears are computed by the query; existing memberships get it from their start date.
`ix_payments_member_paid` (membership, kind, period, amount) replaces `ix_payments_membership` (membership,
period): a member's paid total for a month, or up to it, is read from the index alone (docs/payments.md).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

FILL = {
    "sqlite": "CAST(strftime('%Y', start_date) AS INTEGER) * 12 + CAST(strftime('%m', start_date) AS INTEGER) - 1",
    "postgresql": "CAST(EXTRACT(YEAR FROM start_date) * 12 + EXTRACT(MONTH FROM start_date) - 1 AS INTEGER)",
}


def upgrade() -> None:
    with op.batch_alter_table("memberships") as batch:
        batch.add_column(sa.Column("start_month", sa.Integer(), nullable=True))
    op.execute(f"UPDATE memberships SET start_month = {FILL[op.get_bind().dialect.name]}")
    with op.batch_alter_table("memberships") as batch:
        batch.alter_column("start_month", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_payments_membership", table_name="payments")
    op.create_index("ix_payments_member_paid", "payments", ["membership_id", "kind", "period", "amount"])


def downgrade() -> None:
    op.drop_index("ix_payments_member_paid", table_name="payments")
    op.create_index("ix_payments_membership", "payments", ["membership_id", "period"])
    with op.batch_alter_table("memberships") as batch:
        batch.drop_column("start_month")
