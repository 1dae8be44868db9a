"""Cases: each case's derived state for the cases page, and the case worker's role.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('district_admin', 'sub_district_officer', 'technical_unit', 'protection_unit', 'viewer')"
NEW_ROLES = ("role IN ('district_admin', 'sub_district_officer', 'technical_unit', 'protection_unit', "
             "'case_worker', 'viewer')")


def upgrade() -> None:
    # Cases are new record kinds: no hub holds one yet, so the table starts empty.
    op.create_table(
        "case_states",
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("case_kind", sa.String(length=24), nullable=False),
        sa.Column("subject_name", sa.String(length=100), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("kk_number", sa.String(length=16), nullable=True),
        sa.Column("officer", sa.String(length=64), nullable=False),
        sa.Column("crisis", sa.Boolean(), nullable=False),
        sa.Column("opened_on", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("first_action_on", sa.String(length=10), nullable=True),
        sa.Column("closed_on", sa.String(length=10), nullable=True),
        sa.Column("closure_reason", sa.String(length=24), nullable=True),
        sa.Column("actions", sa.Integer(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("referrals", sa.Integer(), nullable=False),
        sa.Column("referrals_answered", sa.Integer(), nullable=False),
        sa.Column("migrant_stage", sa.String(length=16), nullable=True),
        sa.Column("destination_country", sa.String(length=8), nullable=True),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_states")),
    )
    op.create_index("ix_case_states_list", "case_states", ["status", "opened_on"])
    op.create_index("ix_case_states_village", "case_states", ["village_code"])
    _roles(NEW_ROLES)


def downgrade() -> None:
    op.execute("DELETE FROM users WHERE role = 'case_worker'")
    _roles(OLD_ROLES)
    op.drop_index("ix_case_states_village", table_name="case_states")
    op.drop_index("ix_case_states_list", table_name="case_states")
    op.drop_table("case_states")


def _roles(check: str) -> None:
    # SQLite changes a CHECK constraint by copying the table: batch mode does that, PostgreSQL alters in place.
    with op.batch_alter_table("users", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.create_check_constraint(op.f("ck_users_role"), sa.text(check))
