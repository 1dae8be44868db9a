"""Sync: records, their edits, received change-sets, conflicts, the feed and its counter.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    _records()
    _received_changesets()
    _conflicts()
    _feed()


def _records() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("village_code", sa.String(13), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("initial", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.String(10), nullable=False),
        sa.Column("created_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_records"),
    )
    op.create_index("ix_records_village_code", "records", ["village_code"])
    op.create_table(
        "record_edits",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("before", sa.JSON(none_as_null=False), nullable=False),
        sa.Column("after", sa.JSON(none_as_null=False), nullable=False),
        sa.Column("device_id", sa.String(10), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("op_index", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_edits"),
    )
    op.create_index("ix_record_edits_record", "record_edits", ["record_id", "field"])


def _received_changesets() -> None:
    op.create_table(
        "received_changesets",
        sa.Column("device_id", sa.String(10), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("code", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("officer", sa.String(80), nullable=False),
        sa.Column("wall_time", sa.BigInteger(), nullable=False),
        sa.Column("ops", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name="pk_received_changesets"),
    )
    op.create_index("ix_received_changesets_outcome", "received_changesets", ["outcome", "device_id"])


def _conflicts() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("village_code", sa.String(13), nullable=True),
        sa.Column("base", sa.JSON(none_as_null=False), nullable=False),
        sa.Column("sides", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(80), nullable=True),
        sa.Column("resolution", sa.JSON(none_as_null=False), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_conflicts"),
    )
    op.create_index("ix_conflicts_record", "conflicts", ["record_id", "field", "status"])
    op.create_index("ix_conflicts_status", "conflicts", ["status", "village_code"])


def _feed() -> None:
    op.create_table(
        "feed_entries",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("pos", sa.BigInteger(), nullable=False),
        sa.Column("village_code", sa.String(13), nullable=True),
        sa.Column("origin_device", sa.String(10), nullable=True),
        sa.PrimaryKeyConstraint("kind", "ref", name="pk_feed_entries"),
    )
    op.create_index("ix_feed_entries_pos", "feed_entries", ["pos"])
    op.create_index("ix_feed_entries_village", "feed_entries", ["village_code", "pos"])
    op.create_table(
        "hub_counters",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_hub_counters"),
    )


def downgrade() -> None:
    for table in ("hub_counters", "feed_entries", "conflicts", "received_changesets", "record_edits", "records"):
        op.drop_table(table)
