"""Matching's working tables laid out for its bulk writes on SQLite: `match_facts` keyed by the row's own
id (INTEGER PRIMARY KEY, so a look-up by person reads one B-tree, not an index and then the table) and
`eligibility` clustered by (programme, person) (WITHOUT ROWID: each row written once, not into the table
and its primary key's index). At 2.7 million people a matching run's rules step fell from 65 to 51 s
(docs/performance.md, "Import and matching"). PostgreSQL keeps both tables as they are.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def _on_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if not _on_sqlite():
        return
    # Both tables are rebuilt with their rows: the call centre reads the latest run's facts and verdicts.
    with op.batch_alter_table("match_facts", recreate="always") as batch:
        batch.alter_column("person_id", type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=False)
    with op.batch_alter_table("eligibility", recreate="always", table_kwargs={"sqlite_with_rowid": False}):
        pass


def downgrade() -> None:
    if not _on_sqlite():
        return
    with op.batch_alter_table("eligibility", recreate="always", table_kwargs={"sqlite_with_rowid": True}):
        pass
    with op.batch_alter_table("match_facts", recreate="always") as batch:
        batch.alter_column("person_id", type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=False)
