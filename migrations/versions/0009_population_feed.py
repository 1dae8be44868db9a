"""The synchronized population sent down to the laptops: versions per village and the rows each sent.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "population_versions",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("chain", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_population_versions")),
        sa.UniqueConstraint("village_code", "version", name=op.f("uq_population_versions_village_code_version")),
    )
    op.create_table(
        "population_rows",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=16), nullable=False),
        sa.Column("added_in", sa.BigInteger(), nullable=False),
        sa.Column("removed_in", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_population_rows")),
    )
    op.create_index("ix_population_rows_open", "population_rows", ["removed_in", "village_code"])
    op.create_index("ix_population_rows_added", "population_rows", ["added_in"])
    op.create_index("ix_population_rows_removed", "population_rows", ["removed_in"])


def downgrade() -> None:
    op.drop_table("population_rows")
    op.drop_table("population_versions")
