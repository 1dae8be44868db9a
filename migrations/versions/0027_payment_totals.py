"""Payment totals: each month's payments summed per kind, payer, programme and the membership's village,
kept by the payment import as it stores them. The finance report's use of funds for the year to a month
summed every payment of the year joined to its membership (in December, ten months of a district's
payments: 2.5 s at 270,000 people, growing with the district); it now reads these sums.

The upgrade fills the table from the payments already held, so the reports read the same figures.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_totals",
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payer", sa.String(16), nullable=False),
        sa.Column("programme_code", sa.String(32), nullable=False),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("payments", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("period", "kind", "payer", "programme_code", "village_code"),
    )
    op.execute("INSERT INTO payment_totals (period, kind, payer, programme_code, village_code, payments, amount) "
               "SELECT p.period, p.kind, coalesce(p.payer, ''), m.programme_code, coalesce(m.village_code, ''), "
               "count(*), sum(p.amount) FROM payments p JOIN memberships m ON m.id = p.membership_id "
               "GROUP BY p.period, p.kind, coalesce(p.payer, ''), m.programme_code, coalesce(m.village_code, '')")


def downgrade() -> None:
    op.drop_table("payment_totals")
