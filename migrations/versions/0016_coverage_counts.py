"""Coverage counts: each village's open list entries per programme and status, and the residents each guarantee's
lists cover, counted when a matching run publishes the lists; applications found by village.

A hub upgraded to this revision holds no counts until its next matching run: until then its reports count
from the list entries and people as before (`services/reports/programmes.py`, `counts_kept`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_counts",
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("programme_code", "village_code", "status", name=op.f("pk_list_counts")),
    )
    op.create_table(
        "coverage_counts",
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("guarantee", sa.String(length=16), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "guarantee", name=op.f("pk_coverage_counts")),
    )
    op.create_index("ix_applications_village", "applications", ["village_code", "programme_code"])


def downgrade() -> None:
    op.drop_index("ix_applications_village", table_name="applications")
    op.drop_table("coverage_counts")
    op.drop_table("list_counts")
