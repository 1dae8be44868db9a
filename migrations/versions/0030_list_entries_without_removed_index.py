"""List entries lose their index on `removed_in` alone. Asked for open entries (`removed_in IS NULL`), SQLite
chose it and read every open entry of every list, 4.7 million at 2.7 million people, where the indexes that
begin with the programme find the few it wanted; and each index costs a write for every entry a publication
opens or closes. Every query names the programme (or the programme and the village) beside `removed_in`.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-04
"""

from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_list_entries_removed_in", table_name="list_entries")


def downgrade() -> None:
    op.create_index("ix_list_entries_removed_in", "list_entries", ["removed_in"])
