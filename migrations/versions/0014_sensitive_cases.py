"""Sensitive cases: feed entries addressed to one device, and the women's and children's protection unit's role.

A sensitive complaint (schemas/sensitive.py) and its events reach only the device that recorded it
(`feed_entries.only_device`), never the other laptops of its village; the protection unit
(`protection_unit`) follows sensitive cases at the desk (docs/complaints.md, "Sensitive cases").

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('district_admin', 'sub_district_officer', 'technical_unit', 'viewer')"
NEW_ROLES = "role IN ('district_admin', 'sub_district_officer', 'technical_unit', 'protection_unit', 'viewer')"


def upgrade() -> None:
    # Complaints held before this version have no sensitive category (the categories are new): no entry to address.
    op.add_column("feed_entries", sa.Column("only_device", sa.String(length=10), nullable=True))
    _roles(NEW_ROLES)


def downgrade() -> None:
    op.execute("DELETE FROM users WHERE role = 'protection_unit'")
    _roles(OLD_ROLES)
    with op.batch_alter_table("feed_entries", recreate="auto") as batch:
        batch.drop_column("only_device")


def _roles(check: str) -> None:
    # SQLite changes a CHECK constraint by copying the table: batch mode does that, PostgreSQL alters in place.
    with op.batch_alter_table("users", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.create_check_constraint(op.f("ck_users_role"), sa.text(check))
