"""Memberships, payments and payment findings: who was enrolled, what the payment files say was paid.

An approved application becomes a membership (number, start, end, BPJS Kesehatan class, payer,
monthly contribution); contribution and benefit payment files are imported into `payments`, one row
per payer reference, each import in `payment_imports` and what it found in `payment_findings` (docs/payments.md).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "memberships",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("application_id", sa.String(length=64), nullable=True),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("health_class", sa.Integer(), nullable=True),
        sa.Column("payer", sa.String(length=16), nullable=False),
        sa.Column("monthly_contribution", sa.BigInteger(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("application_id", name=op.f("uq_memberships_application_id")),
        sa.UniqueConstraint("programme_code", "number", name=op.f("uq_memberships_programme_code_number")),
    )
    op.create_index("ix_memberships_person", "memberships", ["person_id", "programme_code"])
    op.create_index("ix_memberships_nik", "memberships", ["nik"])
    op.create_table(
        "payments",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("membership_id", sa.BigInteger(), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("membership_number", sa.String(length=32), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("payer", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("kind", "reference", name=op.f("uq_payments_kind_reference")),
    )
    op.create_index("ix_payments_membership", "payments", ["membership_id", "period"])
    op.create_index("ix_payments_period", "payments", ["kind", "period"])
    op.create_table(
        "payment_imports",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_loaded", sa.Integer(), nullable=False),
        sa.Column("rows_failed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_imports")),
    )
    op.create_table(
        "payment_findings",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("finding", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("rule", sa.String(length=64), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_findings")),
    )
    op.create_index("ix_payment_findings_batch", "payment_findings", ["batch_id", "line"])


def downgrade() -> None:
    op.drop_table("payment_findings")
    op.drop_table("payment_imports")
    op.drop_table("payments")
    op.drop_table("memberships")
