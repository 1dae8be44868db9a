"""The complaints desk: each complaint's derived state for queues, technical units and their programmes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from schemas.complaint_state import derive

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('district_admin', 'sub_district_officer', 'viewer')"
NEW_ROLES = "role IN ('district_admin', 'sub_district_officer', 'technical_unit', 'viewer')"


def upgrade() -> None:
    op.create_table(
        "complaint_states",
        sa.Column("complaint_id", sa.String(length=64), nullable=False),
        sa.Column("reference_number", sa.String(length=64), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("complainant", sa.String(length=100), nullable=True),
        sa.Column("date_submitted", sa.String(length=10), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("level_date", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("officer_in_charge", sa.String(length=100), nullable=True),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaint_states")),
    )
    op.create_index("ix_complaint_states_queue", "complaint_states", ["level", "status", "level_date"])
    op.create_index("ix_complaint_states_village", "complaint_states", ["village_code"])
    _roles(NEW_ROLES, add_programmes=True)
    _fill()


def downgrade() -> None:
    op.execute("DELETE FROM users WHERE role = 'technical_unit'")
    _roles(OLD_ROLES, add_programmes=False)
    op.drop_index("ix_complaint_states_village", table_name="complaint_states")
    op.drop_index("ix_complaint_states_queue", table_name="complaint_states")
    op.drop_table("complaint_states")


def _roles(check: str, *, add_programmes: bool) -> None:
    # SQLite changes a CHECK constraint by copying the table: batch mode does that, PostgreSQL alters in place.
    with op.batch_alter_table("users", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.create_check_constraint(op.f("ck_users_role"), sa.text(check))
        if add_programmes:
            batch.add_column(sa.Column("programmes", sa.String(length=200), nullable=True))
        else:
            batch.drop_column("programmes")


def _fill() -> None:
    """Complaints already held get their row at once (the same columns as services/complaint_desk.state_row)."""
    records = sa.table("records", sa.column("id"), sa.column("table_name"), sa.column("village_code"),
                       sa.column("data", sa.JSON))
    bind = op.get_bind()
    forms = bind.execute(sa.select(records).where(records.c.table_name == "complaint")).all()
    if not forms:
        return
    events = {}
    for row in bind.execute(sa.select(records).where(records.c.table_name == "complaint_event")):
        events.setdefault(row.data.get("complaint_id"), []).append({**row.data, "id": row.id})
    rows = []
    for form in forms:
        state = derive(form.data, events.get(form.id, []))
        rows.append({"complaint_id": form.id, "reference_number": form.data.get("reference_number") or "",
                     "village_code": form.village_code or "", "programme_code": form.data.get("programme_code"),
                     "category": form.data.get("category") or "", "complainant": form.data.get("complainant_name"),
                     "date_submitted": form.data.get("date_submitted") or "", "level": state.level,
                     "level_date": state.level_date, "status": state.status,
                     "officer_in_charge": state.officer_in_charge, "answered": state.answered,
                     "acknowledged": state.acknowledged, "flagged": len(state.flags), "step": state.step})
    columns = [sa.column(name) for name in rows[0]]
    op.bulk_insert(sa.table("complaint_states", *columns), rows)
