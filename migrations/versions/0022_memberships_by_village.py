"""Memberships read by village and programme: the reports' enrolment figures scan this index, not the table.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_memberships_village", "memberships", ["village_code", "programme_code", "start_date",
                                                               "end_date"])


def downgrade() -> None:
    op.drop_index("ix_memberships_village", table_name="memberships")
