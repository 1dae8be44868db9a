"""Change-set format 2: each received edit keeps the edit its editor saw (`record_edits.base`, an edit id,
`device:seq:index` or `origin`; NULL for an edit that does not say, matched by value as before).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("record_edits") as batch:
        batch.add_column(sa.Column("base", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("record_edits") as batch:
        batch.drop_column("base")
