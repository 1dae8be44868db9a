"""Residents registered by a village join the synchronized population, awaiting verification.

People gain their verification status and the provenance of a village registration; households
may be made by a village (their family card history then has no import batch); match facts and
lists mark who awaits verification.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PEOPLE_COLUMNS = (
    ("registered_record", sa.String(length=64)),
    ("registered_village", sa.String(length=13)),
    ("registered_device", sa.String(length=64)),
    ("registered_officer", sa.String(length=80)),
    ("registered_at", sa.DateTime()),
    ("verified_by", sa.String(length=80)),
    ("verified_at", sa.DateTime()),
    ("verification_documents", sa.JSON()),
    ("verification_note", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("verification", sa.String(length=16), nullable=False, server_default="source"))
        for name, kind in PEOPLE_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    op.create_index("ix_people_verification", "people", ["verification", "village_code"])
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("registered_record", sa.String(length=64), nullable=True))
        batch.alter_column("kk_number", existing_type=sa.String(length=16), nullable=True)
    with op.batch_alter_table("household_kk_numbers") as batch:
        batch.alter_column("batch_id", existing_type=sa.BigInteger(), nullable=True)
    with op.batch_alter_table("match_facts") as batch:
        batch.add_column(sa.Column("awaiting", sa.Boolean(), nullable=False, server_default=sa.false()))
    for table in ("selections", "list_entries"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("status", sa.String(length=12), nullable=False, server_default="listed"))


def downgrade() -> None:
    for table in ("selections", "list_entries"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("status")
    with op.batch_alter_table("match_facts") as batch:
        batch.drop_column("awaiting")
    op.execute("DELETE FROM household_kk_numbers WHERE batch_id IS NULL")
    with op.batch_alter_table("household_kk_numbers") as batch:
        batch.alter_column("batch_id", existing_type=sa.BigInteger(), nullable=False)
    op.execute("DELETE FROM households WHERE kk_number IS NULL")
    with op.batch_alter_table("households") as batch:
        batch.alter_column("kk_number", existing_type=sa.String(length=16), nullable=False)
        batch.drop_column("registered_record")
    op.drop_index("ix_people_verification", table_name="people")
    with op.batch_alter_table("people") as batch:
        for name, _ in reversed(PEOPLE_COLUMNS):
            batch.drop_column(name)
        batch.drop_column("verification")
