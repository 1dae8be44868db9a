"""The call centre's call log and directory of services; each complaint's settled date for statistics.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from schemas.complaint_state import SETTLED, derive

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "directory_services",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("opening_hours", sa.String(length=120), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_services")),
        sa.UniqueConstraint("code", name=op.f("uq_directory_services_code")),
    )
    op.create_index("ix_directory_services_kind", "directory_services", ["kind", "name"])
    op.create_table(
        "calls",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=80), nullable=False),
        sa.Column("person_id", BIG_ID, nullable=True),
        sa.Column("caller_name", sa.String(length=100), nullable=True),
        sa.Column("caller_nik", sa.String(length=16), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("caller_phone", sa.String(length=20), nullable=True),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("complaint_id", sa.String(length=64), nullable=True),
        sa.Column("complaint_reference", sa.String(length=64), nullable=True),
        sa.Column("service_id", BIG_ID, nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["directory_services.id"],
                                name=op.f("fk_calls_service_id_directory_services")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    op.create_index("ix_calls_at", "calls", ["at"])
    op.create_index("ix_calls_village", "calls", ["village_code", "at"])
    with op.batch_alter_table("complaint_states") as batch:
        batch.add_column(sa.Column("resolved_date", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("settle_days", sa.Integer(), nullable=True))
    _fill()


def downgrade() -> None:
    with op.batch_alter_table("complaint_states") as batch:
        batch.drop_column("settle_days")
        batch.drop_column("resolved_date")
    op.drop_index("ix_calls_village", table_name="calls")
    op.drop_index("ix_calls_at", table_name="calls")
    op.drop_table("calls")
    op.drop_index("ix_directory_services_kind", table_name="directory_services")
    op.drop_table("directory_services")


def _fill() -> None:
    """Settled complaints already held get their date settled and days to settle (as
    services/complaint_desk.settled computes them)."""
    records = sa.table("records", sa.column("id"), sa.column("table_name"), sa.column("data", sa.JSON))
    states = sa.table("complaint_states", sa.column("complaint_id"), sa.column("resolved_date"),
                      sa.column("settle_days"))
    bind = op.get_bind()
    forms = bind.execute(sa.select(records).where(records.c.table_name == "complaint")).all()
    if not forms:
        return
    events = {}
    for row in bind.execute(sa.select(records).where(records.c.table_name == "complaint_event")):
        events.setdefault(row.data.get("complaint_id"), []).append({**row.data, "id": row.id})
    for form in forms:
        state = derive(form.data, events.get(form.id, []))
        if state.status not in SETTLED or not state.resolved_date or not state.date_submitted:
            continue
        days = (dt.date.fromisoformat(state.resolved_date[:10]) - dt.date.fromisoformat(state.date_submitted[:10]))
        bind.execute(sa.update(states).where(states.c.complaint_id == form.id)
                     .values(resolved_date=state.resolved_date[:10], settle_days=days.days))
